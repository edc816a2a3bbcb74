"""Reads for the directory: organizations, people and contacts, filtered by visibility.

Personal data (names of staff, e-mails, phones) is public only where `visibility == "public"`;
who may see internal records is decided by `twinning.directory.access`. Every selector that returns
personal data takes the `user`."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from twinning.places.models import Place

from .access import visible_contact_details, visible_people, visible_roles
from .models import ContactDetail, Organization, Person, Role


def contact_details_visible(*, user: Any) -> QuerySet[ContactDetail]:
    return visible_contact_details(ContactDetail.objects.all(), user=user)


def people_visible(*, user: Any) -> QuerySet[Person]:
    return visible_people(Person.objects.all(), user=user)


def roles_visible(*, user: Any) -> QuerySet[Role]:
    return visible_roles(Role.objects.select_related("person", "organization", "place"), user=user)


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


def people_pick(query: str, *, user: Any, limit: int = 12) -> list[Person]:
    """The person picker: people the user may see whose names contain the query (2+ letters)."""
    if len(query) < 2:
        return []
    found = visible_people(Person.objects.all(), user=user).filter(name__icontains=query)
    return list(found.distinct().order_by("name")[:limit])


def person_visible_get(pk: int, *, user: Any) -> Person | None:
    """The person with this key if the user may see them (public, or internal to the user's office)."""
    return visible_people(Person.objects.all(), user=user).filter(pk=pk).first()


def person_roles(person: Person) -> QuerySet[Role]:
    return person.roles.select_related("organization", "place")


def role_get(pk: int) -> Role | None:
    return Role.objects.filter(pk=pk).select_related("person", "organization", "place").first()


def contact_detail_get(pk: int) -> ContactDetail | None:
    return ContactDetail.objects.filter(pk=pk).select_related("person", "organization").first()


def organizations_seated_at(place: Place) -> QuerySet[Organization]:
    return place.organizations.order_by("name")  # type: ignore[attr-defined,no-any-return]
