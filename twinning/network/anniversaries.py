"""Partnership anniversaries: every fifth year of the established date.

`anniversaries_between` is a pure function of (partnership, established) facts; the selector
`anniversary_list` gathers the facts. An anniversary keeps the precision of the established date:
a partnership established "1986-05" has its 40th anniversary in "2026-05"; one established "1969"
in "2029" (year only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from twinning.core.dates import PartialDate

STEP = 5


@dataclass(frozen=True)
class PartnershipFacts:
    id: int
    kind: str
    established: PartialDate
    places: tuple[dict[str, Any], ...]  # {"geonameid", "name", "country", "place_id"}


@dataclass(frozen=True)
class Anniversary:
    partnership: PartnershipFacts
    years: int
    date: PartialDate

    def as_json(self) -> dict[str, Any]:
        return {
            "partnership": self.partnership.id,
            "places": [
                {"geonameid": p["geonameid"], "name": p["name"], "country": p["country"]}
                for p in self.partnership.places
            ],
            "kind": self.partnership.kind,
            "established": self.partnership.established.iso(),
            "years": self.years,
            "date": self.date.iso(),
            "precision": self.date.precision,
        }


def anniversary_in_year(established: PartialDate, year: int) -> PartialDate | None:
    """The anniversary in `year` if `year` is a fifth year after `established`, else None."""
    years = year - established.value.year
    if years <= 0 or years % STEP:
        return None
    day = established.value
    if day.month == 2 and day.day == 29:
        day = day.replace(day=28)  # 29 February falls on the 28th in common years
    return PartialDate(day.replace(year=year), established.precision)


def anniversaries_between(partnerships: Iterable[PartnershipFacts], start: date, end: date) -> list[Anniversary]:
    """Anniversaries whose (partial) date overlaps [start, end), in date order. A month- or
    year-precision anniversary counts if any day of its month or year lies in the window."""
    found = []
    for facts in partnerships:
        for year in range(start.year, end.year + 1):
            when = anniversary_in_year(facts.established, year)
            if when is not None and when.last_day() >= start and when.value < end:
                found.append(Anniversary(facts, year - facts.established.value.year, when))
    found.sort(key=lambda a: (a.date.value, a.date.precision, a.partnership.id))
    return found


def window_for_year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


def window_from(day: date, *, days: int = 365) -> tuple[date, date]:
    return day, day + timedelta(days=days)


# -- selector (database) ------------------------------------------------------------------------


def partnership_facts(*, place: Any = None) -> list[PartnershipFacts]:
    """Facts of the partnerships with an established date that have not ended (of one place)."""
    from twinning.partnerships.models import Partnership, PartnershipMember

    partnerships = Partnership.objects.exclude(status=Partnership.Status.ENDED).exclude(established=None)
    if place is not None:
        partnerships = partnerships.filter(members__place=place)
    rows = list(partnerships.values_list("id", "kind", "established", "established_precision"))
    members: dict[int, list[dict[str, Any]]] = {}
    member_rows = PartnershipMember.objects.filter(partnership_id__in=partnerships.values("pk")).values_list(
        "partnership_id", "place_id", "place__geonameid", "place__name", "place__country_id"
    )
    for partnership, pk, geonameid, name, country in member_rows.order_by("place__name"):
        members.setdefault(partnership, []).append(
            {"place_id": pk, "geonameid": geonameid, "name": name, "country": country}
        )
    return [
        PartnershipFacts(pid, kind, PartialDate(established, precision or "day"), tuple(members.get(pid, ())))
        for pid, kind, established, precision in rows
        if established is not None  # excluded above; narrows the type
    ]


def anniversary_list(*, start: date, end: date, place: Any = None) -> list[Anniversary]:
    """Anniversaries in [start, end) of all partnerships (cached until the registry changes) or of
    one place's."""
    if place is None:
        from twinning.core.invalidation import cached

        return cached("anniversaries", lambda: anniversaries_between(partnership_facts(), start, end), start, end)
    return anniversaries_between(partnership_facts(place=place), start, end)
