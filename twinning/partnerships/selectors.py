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
