"""Reads for partnerships (the portal, the API and the commands read them from here)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from twinning.places.models import Country, Place

from .models import Partnership, PartnershipMember


def members_prefetch() -> Prefetch:
    """The members of partnerships with their places and countries, for `prefetch_related`."""
    return Prefetch("members", queryset=PartnershipMember.objects.select_related("place__country"))


def partnership_list_for_place(place: Place) -> QuerySet[Partnership]:
    """The partnerships `place` is a member of, with every member place (and its country) prefetched."""
    return (
        Partnership.objects.filter(members__place=place)
        .prefetch_related(members_prefetch())
        .order_by("established", "pk")
        .distinct()
    )


def partnership_get(*, pk: int) -> Partnership | None:
    """One partnership with its members, supporters, contacts and programmes prefetched."""
    return (
        Partnership.objects.prefetch_related(
            members_prefetch(), "supporting_organizations__seat", "contacts", "programmes"
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class Partner:
    """One partnership of a place, seen from that place: the partners, kind, since, status."""

    partnership: Partnership
    partners: list[Place] = field(default_factory=list)


def partners_of_place(place: Place) -> list[Partner]:
    """The partnerships of `place` with the other places, sorted by kind then partner name."""
    kinds = list(Partnership.Kind.values)
    result = [
        Partner(partnership=p, partners=partnership_partners(p, place)) for p in partnership_list_for_place(place)
    ]
    return sorted(
        result,
        key=lambda r: (kinds.index(r.partnership.kind), [p.display_name for p in r.partners]),
    )


def partnership_partners(partnership: Partnership, place: Place) -> list[Place]:
    """The other members of a partnership (uses the prefetched members)."""
    return [member.place for member in partnership.members.all() if member.place_id != place.pk]


def partnership_sides(partnership: Partnership, *, first: Place | int | None = None) -> list[Place]:
    """The member places as a title names them, from the viewed place's side: `first` (a place or its pk)
    leads; without it the installation's own place (TWINNING_PLACE_GEONAMEID), then places of the installation's
    country (TWINNING_COUNTRY), then the rest by their name in the interface language. Uses prefetched members."""
    from django.conf import settings

    first_pk = first.pk if isinstance(first, Place) else first
    home_geonameid = getattr(settings, "TWINNING_PLACE_GEONAMEID", None)
    home_country = getattr(settings, "TWINNING_COUNTRY", "")
    places = [member.place for member in partnership.members.all()]
    return sorted(
        places,
        key=lambda p: (
            p.pk != first_pk,
            not (home_geonameid and p.geonameid == home_geonameid),
            p.country_id != home_country,
            p.display_name,
        ),
    )


def partnership_title(partnership: Partnership, *, first: Place | int | None = None) -> str:
    """ "Krefeld – Dünkirchen" on Krefeld's side, in the interface language."""
    return " – ".join(p.display_name for p in partnership_sides(partnership, first=first)) or str(partnership)


def partner_geonameids(geonameid: int) -> set[int]:
    """GeoNames ids of the registered partners of the place with this GeoNames id (one query)."""
    rows = (
        PartnershipMember.objects.filter(partnership__members__place__geonameid=geonameid)
        .exclude(place__geonameid=geonameid)
        .values_list("place__geonameid", flat=True)
        .distinct()
    )
    return {partner for partner in rows if partner is not None}


def partnerships_supported_by(organization: Any) -> QuerySet[Partnership]:
    return organization.supported_partnerships.prefetch_related("members__place")  # type: ignore[no-any-return]


def places_with_partnerships(place_ids: Iterable[int]) -> set[int]:
    """Which of these places have at least one partnership."""
    return set(Place.objects.filter(pk__in=list(place_ids), partnerships__isnull=False).values_list("pk", flat=True))


def partnerships_by_pks(pks: list[int]) -> dict[int, Partnership]:
    """Partnerships by key, with their members' places and countries (one page of a list)."""
    members = Prefetch("members", queryset=PartnershipMember.objects.select_related("place__country"))
    return Partnership.objects.prefetch_related(members).in_bulk(pks)


def partnership_ids_in_country(country: str) -> QuerySet[Partnership, int]:
    """The ids of the partnerships one of whose members lies in the country (ISO code), as a
    queryset (to iterate in chunks)."""
    return Partnership.objects.filter(
        pk__in=PartnershipMember.objects.filter(place__country_id=country).values("partnership_id")
    ).values_list("pk", flat=True)


def countries_with_partnerships() -> list[Country]:
    """The countries that have a place with a partnership, by name."""
    members = PartnershipMember.objects.values("place__country_id")
    return list(Country.objects.filter(code__in=members).order_by("name"))
