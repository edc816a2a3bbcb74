"""Reads for the directory: organizations, people and contacts, filtered by visibility.

Personal data (names of staff, e-mails, phones) is public only where `visibility == "public"`.
Internal data is seen only by the members of the office whose scope the person or organization
belongs to, and by superusers: the rule lives in `twinning.offices.access`; every selector that
returns personal data takes the `user` and asks it."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from twinning.offices import access
from twinning.places.models import Place

from .models import ContactDetail, Organization, Person, Role


def can_see_internal(user: Any) -> bool:
    """May the user see every internal record? Only superusers; everyone else sees the internal
    data of their own office's scope (`can_see_person`)."""
    return access.is_superuser(user)


def can_see_person(user: Any, person: Person) -> bool:
    """A public person, or an internal one the user's office keeps."""
    return access.can_see_person(user, person)


def contact_details_visible(*, user: Any) -> QuerySet[ContactDetail]:
    return ContactDetail.objects.filter(access.contact_details_visible_q(user))


def people_visible(*, user: Any) -> QuerySet[Person]:
    return Person.objects.filter(access.people_visible_q(user))


def roles_visible(*, user: Any) -> QuerySet[Role]:
    return Role.objects.select_related("person", "organization", "place").filter(
        access.people_visible_q(user, prefix="person__")
    )


def person_get(*, slug: str, user: Any) -> Person | None:
    """A person with roles and contact details, or None if unknown or not visible to `user`."""
    return (
        people_visible(user=user)
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=Role.objects.select_related("organization__seat", "place").order_by("-start", "function"),
            ),
            Prefetch("contacts", queryset=contact_details_visible(user=user)),
        )
        .filter(slug=slug)
        .first()
    )


def organization_get(*, slug: str, user: Any) -> Organization | None:
    """An organization with its seat, parent, units, visible roles and visible contact details."""
    return (
        Organization.objects.select_related("seat__country", "parent")
        .prefetch_related(
            "units",
            Prefetch("roles", queryset=roles_visible(user=user).order_by("function")),
            Prefetch("contacts", queryset=contact_details_visible(user=user)),
        )
        .filter(slug=slug)
        .first()
    )


def contacts_for_place(*, place: Place, user: Any) -> list[Role]:
    """The contact box of a place: roles marked as contact at the place or at an organization
    seated there, with the person's visible contact details prefetched."""
    return list(
        roles_visible(user=user)
        .filter(is_contact=True)
        .filter(Q(place=place) | Q(organization__seat=place))
        .prefetch_related(Prefetch("person__contacts", queryset=contact_details_visible(user=user)))
        .order_by("organization__name", "person__name")
    )


def organization_search(query: str, *, limit: int = 20) -> QuerySet[Organization]:
    query = query.strip()
    if not query:
        return Organization.objects.none()
    return Organization.objects.filter(Q(name__icontains=query) | Q(short_name__icontains=query)).select_related(
        "seat"
    )[:limit]


def person_search(query: str, *, user: Any, limit: int = 20) -> QuerySet[Person]:
    query = query.strip()
    if not query:
        return Person.objects.none()
    return people_visible(user=user).filter(name__icontains=query)[:limit]
