"""The one place that answers "may this user see or change this record?" for the workbench.

Scope: an office keeps the records that involve its places (or, for a coordinator, the places of its
region). Members of any role may see the internal data in their scope; editors (and reviewers,
managers) may change records in scope; everything else is read-only (403) and another office's
internal data is invisible (404). Superusers may do everything. Staff status alone grants nothing.

Pages, the API, exports, feeds and search use `internal_people_q` / `can_see_person` (through the
directory selectors) so internal personal data never leaves the office.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from twinning.activities.models import Activity, OrganizationRole
from twinning.core.models import Visibility
from twinning.directory.models import ContactDetail, Organization, Person, Role
from twinning.partnerships.models import Partnership
from twinning.places.models import Place

from .models import ROLE_RANK, Membership, Office
from .models import Role as OfficeRole

# The organization roles by which an activity "involves" the organization's seat.
_ACTIVITY_ORG_ROLES = [
    OrganizationRole.HOSTS,
    OrganizationRole.ORGANIZES,
    OrganizationRole.RUNS,
    OrganizationRole.COOPERATES,
    OrganizationRole.PARTICIPATES,
]


def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_superuser", False))


def memberships(user: Any, *, min_role: str = OfficeRole.VIEWER) -> list[Membership]:
    """The user's memberships of at least `min_role` (cached on the user object per request)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return []
    cached = getattr(user, "_office_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("office__region_country"))
        user._office_memberships = cached
    rank = ROLE_RANK[OfficeRole(min_role)]
    return [m for m in cached if ROLE_RANK[OfficeRole(m.role)] >= rank]


def office_place_q(office: Office) -> Q:
    """The places in an office's scope, as a filter on Place."""
    parts = [Q(offices=office)]
    if office.region_country_id:
        region = Q(country_id=office.region_country_id)
        if office.region_admin1:
            region &= Q(admin1_code=office.region_admin1)
        parts.append(region)
    return reduce(or_, parts)


def scope_places(user: Any, *, min_role: str = OfficeRole.VIEWER) -> QuerySet[Any] | None:
    """The places the user's offices (with at least `min_role`) keep; None means every place
    (a superuser); an empty queryset means none."""
    if is_superuser(user):
        return None
    found = memberships(user, min_role=min_role)
    if not found:
        return Place.objects.none()
    return Place.objects.filter(reduce(or_, (office_place_q(m.office) for m in found))).values("pk")


def office_places(office: Office) -> QuerySet[Place]:
    return Place.objects.filter(office_place_q(office)).distinct()


def office_scope(office: Office) -> QuerySet[Any]:
    """The places one office keeps, in the form `scope_places` gives (for `in_scope`, `scoped`,
    `involves_scope`): what an office's API token may change, whoever created it."""
    return Place.objects.filter(office_place_q(office)).values("pk")


def involves_scope(place_ids: Any, places: QuerySet[Any] | None) -> bool:
    """Does a new record that involves these places (primary keys) fall in the scope? The rule for
    creating a partnership, an activity or an organization: at least one of its places is kept."""
    if places is None:
        return True
    return Place.objects.filter(pk__in=list(place_ids), id__in=places).exists()


# --- which records involve which places ----------------------------------------------------------


def partnership_q(places: Any) -> Q:
    return Q(members__place__in=places)


def activity_q(places: Any) -> Q:
    return (
        Q(place__in=places)
        | Q(places__in=places)
        | Q(partnerships__members__place__in=places)
        | Q(organization_links__organization__seat__in=places, organization_links__role__in=_ACTIVITY_ORG_ROLES)
    )


def organization_q(places: Any) -> Q:
    return Q(seat__in=places)


def person_q(places: Any, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}roles__place__in": places})
        | Q(**{f"{prefix}roles__organization__seat__in": places})
        | Q(**{f"{prefix}participations__place__in": places})
    )


_RECORD_Q: dict[type[Model], Callable[[Any], Q]] = {
    Partnership: partnership_q,
    Activity: activity_q,
    Organization: organization_q,
    Person: person_q,
}


def _owner(record: Model) -> Model:
    """Contact details and roles are kept with their person (or organization)."""
    if isinstance(record, ContactDetail):
        return record.person or record.organization  # type: ignore[return-value]
    if isinstance(record, Role):
        return record.person
    return record


def in_scope(record: Model, places: QuerySet[Any] | None) -> bool:
    if places is None:
        return True
    owner = _owner(record)
    make_q = _RECORD_Q.get(type(owner))
    if make_q is None or owner.pk is None:
        return False
    return type(owner)._default_manager.filter(make_q(places), pk=owner.pk).exists()


def scoped(queryset: QuerySet[Any], places: QuerySet[Any] | None) -> QuerySet[Any]:
    """The records of `queryset` in scope (all for a superuser)."""
    if places is None:
        return queryset
    return queryset.filter(_RECORD_Q[queryset.model](places)).distinct()


# --- the questions pages ask ---------------------------------------------------------------------


def can_change(user: Any, record: Model) -> bool:
    """An editor (or reviewer, manager) of an office whose scope the record involves, or a superuser."""
    if not _has_any(user, OfficeRole.EDITOR):
        return False
    return in_scope(record, scope_places(user, min_role=OfficeRole.EDITOR))


def _has_any(user: Any, min_role: str) -> bool:
    return is_superuser(user) or bool(memberships(user, min_role=min_role))


def can_see_internal_of(user: Any, record: Model) -> bool:
    """May the user see this record's internal data (an internal person, internal contact details)?"""
    if not _has_any(user, OfficeRole.VIEWER):
        return False
    return in_scope(record, scope_places(user))


def can_see_person(user: Any, person: Person) -> bool:
    return person.visibility == Visibility.PUBLIC or can_see_internal_of(user, person)


def people_visible_q(user: Any, prefix: str = "") -> Q:
    """A filter on Person (or on a relation to it, with `prefix` such as "person__") that keeps the
    public people and the internal people of the user's offices (everyone for a superuser)."""
    if is_superuser(user):
        return Q()
    public = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if not memberships(user):
        return public
    inner = Person.objects.filter(person_q(scope_places(user))).values("pk")
    return public | Q(**{f"{prefix}pk__in": inner})


def office_contact_details_q(user: Any) -> Q | None:
    """A filter on ContactDetail for the details (public or internal) of the people and
    organizations the user's offices keep; None for a user without an office."""
    if is_superuser(user):
        return Q()
    if not memberships(user):
        return None
    places = scope_places(user)
    people = Person.objects.filter(person_q(places)).values("pk")
    organizations = Organization.objects.filter(organization_q(places)).values("pk")
    return Q(person__in=people) | Q(organization__in=organizations)


def require_change(user: Any, record: Model) -> None:
    """403 unless the user may change the record; a record whose internal data the user may not see
    is reported as absent (404) instead, so its existence does not leak."""
    if can_change(user, record):
        return
    from twinning.directory.access import person_is_visible

    owner = _owner(record)
    if isinstance(owner, Person) and not person_is_visible(owner, user=user):
        raise Http404
    internal_detail = isinstance(record, ContactDetail) and record.visibility != Visibility.PUBLIC
    if internal_detail and not can_see_internal_of(user, record):
        raise Http404
    raise PermissionDenied


def require_office_role(user: Any, office: Office, min_role: str) -> Membership | None:
    """The user's membership of `office` with at least `min_role`; 404 for outsiders (an office's
    workbench is its internal data), 403 for members with a smaller role. None for a superuser."""
    if is_superuser(user):
        return None
    own = [m for m in memberships(user) if m.office_id == office.pk]
    if not own:
        raise Http404
    if ROLE_RANK[OfficeRole(own[0].role)] < ROLE_RANK[OfficeRole(min_role)]:
        raise PermissionDenied
    return own[0]
