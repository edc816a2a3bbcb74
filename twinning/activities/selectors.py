"""Reads for programmes and activities, with everything their pages show fetched up front."""

from __future__ import annotations

from array import array
from typing import Any

from django.db.models import F, Prefetch, QuerySet

from twinning.core.dates import PartialDate
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Place

from .models import Activity, ActivityOrganization, ItineraryLeg, Participation, Programme, ProgrammeOrganization

# One stop of a trip as services take it and forms give it: (place, start, end, note).
Leg = tuple[Place, PartialDate | None, PartialDate | None, str]


def _members() -> Prefetch:
    return Prefetch("members", queryset=PartnershipMember.objects.select_related("place__country"))


def activity_list() -> QuerySet[Activity]:
    """Activities for lists (newest first): place, programme and places involved fetched."""
    return (
        Activity.objects.select_related("place__country", "programme")
        .prefetch_related("places")
        .order_by(F("start").desc(nulls_last=True), "title")
    )


def activities_for_place(place: Place) -> QuerySet[Activity]:
    """Activities held at, involving, passing through or in a partnership of `place`.

    The ids come from a UNION of four indexed lookups, not from one query ORing four joins:
    the OR made the database join every activity with its places, legs and partnerships first
    (seconds for a city with thousands of activities)."""
    ways = (
        Activity.objects.filter(place=place),
        Activity.objects.filter(places=place),
        Activity.objects.filter(legs__place=place),
        Activity.objects.filter(partnerships__members__place=place),
    )
    first, *rest = (way.order_by().values("pk") for way in ways)
    return activity_list().filter(pk__in=first.union(*rest))


def activity_ids_for_place(place: Place) -> array[int]:
    """The ids of `activities_for_place` in list order (for paging through a busy city's
    activities; an array, cheap to cache)."""
    return array("q", activities_for_place(place).values_list("pk", flat=True).iterator(chunk_size=10_000))


def activities_by_ids(ids: list[int]) -> list[Activity]:
    """These activities ready for a list, in the order given."""
    found = activity_list().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def activities_for_partnership(partnership: Partnership) -> QuerySet[Activity]:
    return activity_list().filter(partnerships=partnership)


def activity_search(query: str, *, limit: int = 20) -> QuerySet[Activity]:
    query = query.strip()
    if not query:
        return Activity.objects.none()
    return activity_list().filter(title__icontains=query)[:limit]


def activity_get(*, slug: str) -> Activity | None:
    """An activity with its legs, participants, organizations, partnerships, parts and follow-ups.
    Participants are not filtered here: the caller filters people by visibility."""
    return (
        Activity.objects.select_related("place__country", "programme", "parent", "follow_up_of")
        .prefetch_related(
            "places__country",
            "topics",
            "parts",
            "follow_ups",
            Prefetch("partnerships", queryset=Partnership.objects.prefetch_related(_members())),
            Prefetch("legs", queryset=ItineraryLeg.objects.select_related("place__country").order_by("order")),
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("person", "organization", "place").order_by(
                    "person__name"
                ),
            ),
            Prefetch(
                "organization_links",
                queryset=ActivityOrganization.objects.select_related("organization").order_by("role"),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.order_by("name")


def programme_get(*, slug: str) -> Programme | None:
    """A programme with its activities (oldest first, each with its places), participating
    places, organizations, topics and partnerships."""
    return (
        Programme.objects.prefetch_related(
            "places__country",
            "topics",
            Prefetch("partnerships", queryset=Partnership.objects.prefetch_related(_members())),
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("place__country")
                .prefetch_related("places__country")
                .order_by(F("start").asc(nulls_last=True), "title"),
            ),
            Prefetch(
                "organization_links",
                queryset=ProgrammeOrganization.objects.select_related("organization").order_by(
                    "role", "organization__name"
                ),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def organizations_by_role(
    links: list[ProgrammeOrganization] | list[ActivityOrganization],
) -> list[tuple[str, str, list]]:
    """Group organization links by role: (role, its label, organizations), in the order of the role
    choices ("runs", "cooperates", "funds", …)."""
    from .models import OrganizationRole

    grouped: dict[str, list] = {}
    for link in links:
        grouped.setdefault(link.role, []).append(link.organization)
    return [(value, str(label), grouped[value]) for value, label in OrganizationRole.choices if value in grouped]


def activity_legs(activity: Activity) -> list[Leg]:
    """The activity's itinerary as (place, start, end, note), in order."""
    return [
        (
            leg.place,
            PartialDate.from_fields(leg.start, leg.start_precision),
            PartialDate.from_fields(leg.end, leg.end_precision),
            leg.note,
        )
        for leg in activity.legs.select_related("place").order_by("order")
    ]


def activity_participations_visible(activity: Activity, *, people: QuerySet[Any]) -> QuerySet[Participation]:
    """The activity's named participants among `people` (those the reader may see)."""
    return activity.participations.select_related("person").filter(person__in=people)


def participation_get(pk: int) -> Participation | None:
    return Participation.objects.filter(pk=pk).select_related("activity", "person").first()


def organization_programme_links(organization: Any) -> QuerySet[ProgrammeOrganization]:
    return organization.programme_links.select_related("programme").order_by("programme__name")


def organization_activity_links(organization: Any) -> QuerySet[ActivityOrganization]:
    return organization.activity_links.select_related("activity").order_by("-activity__start")


def person_participations(person: Any) -> QuerySet[Participation]:
    """What the person took part in, newest first."""
    return person.participations.select_related("activity", "organization").order_by("-activity__start")
