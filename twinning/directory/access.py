"""Who may see and do what: the one place that answers access questions.

Every page, API endpoint, export, feed and search asks these functions; nothing else looks at
`is_staff`, `is_authenticated` or permission strings. Access comes from explicit permissions,
granted through groups created by data migrations:

- "Personendaten intern" (`directory.view_internal_personal_data`): sees people and contact details
  whose visibility is internal (names of staff, e-mail addresses, phone numbers).
- "Redaktion" (`review.decide_suggestion`): works the review queue (accept, merge, reject, edit).

Staff status alone grants nothing (it only opens the admin, where Django's model permissions apply);
superusers hold every permission. Inactive users hold none.

Offices (`twinning.offices`): a member of an office (any role) also sees the internal people and
contact details of the office's scope, those of its places and of organizations seated there, and
nothing of another office's. The scope rule itself lives in `twinning.offices.access`; the
functions below combine it with the permission, so every caller gets both.

The API is deliberately small:

    can_see_internal(user) -> bool
    can_decide_review(user) -> bool
    person_is_visible(person, user=user) -> bool
    visible_people(people, user=user) -> QuerySet[Person]
    visible_contact_details(details, user=user) -> QuerySet[ContactDetail]
    visible_roles(roles, user=user) -> QuerySet[Role]

The querysets are filters: pass any queryset of the model (already narrowed, ordered, with
`select_related` done) and get it back restricted to what `user` may see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from twinning.core.models import Visibility

from .models import ContactDetail, Person, Role

# Permission names ("app_label.codename"), declared in the models' Meta.permissions.
VIEW_INTERNAL_PERSONAL_DATA = "directory.view_internal_personal_data"
DECIDE_SUGGESTION = "review.decide_suggestion"

# Groups created by the data migrations (directory 0002, review 0002); their names are German
# because the administrators who assign them work in German.
GROUP_INTERNAL_PERSONAL_DATA = "Personendaten intern"
GROUP_EDITORS = "Redaktion"


def _has(user: Any, permission: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return bool(user.has_perm(permission))


def can_see_internal(user: Any) -> bool:
    """May `user` see internal personal data (internal people, their e-mails and phones)?"""
    return _has(user, VIEW_INTERNAL_PERSONAL_DATA)


def can_decide_review(user: Any) -> bool:
    """May `user` see the review queue and accept, merge, edit or reject suggestions? Holders of the
    permission may for every article; an office's reviewers and managers for their office's
    articles (`review_articles_q`)."""
    from twinning.offices import access as offices

    return _has(user, DECIDE_SUGGESTION) or bool(offices.memberships(user, min_role="reviewer"))


def review_articles_q(user: Any) -> Q:
    """The articles whose suggestions `user` may decide, as a filter on Article: all for holders of
    the permission; for an office's reviewers, the articles published by one of its places."""
    from twinning.offices import access as offices

    if _has(user, DECIDE_SUGGESTION):
        return Q()
    if not offices.memberships(user, min_role="reviewer"):
        return Q(pk__in=[])
    return Q(publisher_place__in=offices.scope_places(user, min_role="reviewer"))


def person_is_visible(person: Person, *, user: Any) -> bool:
    from twinning.offices import access as offices

    return person.visibility == Visibility.PUBLIC or can_see_internal(user) or offices.can_see_person(user, person)


def visible_people(people: QuerySet[Person], *, user: Any) -> QuerySet[Person]:
    from twinning.offices import access as offices

    return people if can_see_internal(user) else people.filter(offices.people_visible_q(user))


def visible_contact_details(details: QuerySet[ContactDetail], *, user: Any) -> QuerySet[ContactDetail]:
    """Contact details `user` may see: public ones of public people or organizations; all for
    holders of the internal-data permission. A public detail of an internal person stays hidden
    (it would reveal the person)."""
    from twinning.offices import access as offices

    if can_see_internal(user):
        return details
    public = details.filter(visibility=Visibility.PUBLIC).exclude(
        person__isnull=False, person__visibility=Visibility.INTERNAL
    )
    own = offices.office_contact_details_q(user)
    return public if own is None else details.filter(Q(pk__in=public.values("pk")) | own)


def visible_roles(roles: QuerySet[Role], *, user: Any) -> QuerySet[Role]:
    from twinning.offices import access as offices

    return roles if can_see_internal(user) else roles.filter(offices.people_visible_q(user, prefix="person__"))
