"""Reads for partnerships."""

from django.db.models import Prefetch, QuerySet

from twinning.places.models import Place

from .models import Partnership, PartnershipMember


def partnership_list_for_place(place: Place) -> QuerySet[Partnership]:
    """The partnerships `place` is a member of, with every member place (and its country) prefetched."""
    return (
        Partnership.objects.filter(members__place=place)
        .prefetch_related(
            Prefetch("members", queryset=PartnershipMember.objects.select_related("place__country")),
        )
        .order_by("established", "pk")
        .distinct()
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
