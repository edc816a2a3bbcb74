"""How many took part in an activity, and from which countries.

An activity's participants live in up to three places, best first: registrations (the
`exchanges` app: one row per person with a country), the stated count (`participant_count`,
with `participant_count_text` as the source put it: "Insgesamt 15 Teilnehmende"), and named
participants (`activities.Participation`, with the place they came from). A count without a
breakdown is attributed to a country only when every place the activity involves lies in one
country (a network meeting of German towns); otherwise the remainder is "unknown" ("").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from twinning.activities.models import Activity, Participation

UNKNOWN = ""  # the country key of participants whose country nobody recorded

REGISTERED = "registrations"
COUNT = "count"
NAMED = "named"
NONE = "none"


@dataclass
class ParticipantFigures:
    total: int | None  # None: nothing recorded
    source: str  # REGISTERED | COUNT | NAMED | NONE
    stated: str = ""  # the count as the source put it
    approximate: bool = False
    by_country: dict[str, int] = field(default_factory=dict)  # ISO code → people; UNKNOWN for the rest
    country_inferred: bool = False  # the remainder of a count was attributed from the places involved

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "source": self.source,
            "stated": self.stated,
            "approximate": self.approximate,
            "by_country": dict(sorted(self.by_country.items())),
            "country_inferred": self.country_inferred,
        }


def figures_from(
    *,
    count: int | None,
    stated: str = "",
    approximate: bool = False,
    registered: Iterable[str] = (),
    named: Iterable[str] = (),
    place_countries: Iterable[str] = (),
) -> ParticipantFigures:
    """The figures of one activity from what is recorded (pure): `registered` and `named` are the
    country codes of registered and named participants ("" when unknown), `place_countries` the
    countries of the places the activity is held at or involves."""
    registered = list(registered)
    if registered:
        return ParticipantFigures(len(registered), REGISTERED, by_country=dict(Counter(registered)))
    named_countries = Counter(named)
    if count is not None:
        by_country = dict(named_countries)
        rest = count - sum(named_countries.values())
        inferred = False
        if rest > 0:
            countries = {c for c in place_countries if c}
            key = UNKNOWN
            if len(countries) == 1:
                key, inferred = countries.pop(), True
            by_country[key] = by_country.get(key, 0) + rest
        return ParticipantFigures(
            max(count, sum(named_countries.values())),
            COUNT,
            stated=stated,
            approximate=approximate,
            by_country={k: v for k, v in by_country.items() if v},
            country_inferred=inferred,
        )
    if named_countries:
        return ParticipantFigures(sum(named_countries.values()), NAMED, by_country=dict(named_countries))
    return ParticipantFigures(None, NONE)


def registered_countries(activity_ids: list[int]) -> dict[int, list[str]]:
    """Country codes of the registered participants of each activity (their home town's country when
    they gave no country; "" when neither)."""
    from twinning.exchanges.models import Registration

    found: defaultdict[int, list[str]] = defaultdict(list)
    rows = Registration.objects.filter(activity_id__in=activity_ids, status=Registration.Status.REGISTERED)
    for activity_id, country, home_country in rows.values_list("activity_id", "country_id", "home_place__country_id"):
        found[activity_id].append(country or home_country or UNKNOWN)
    return dict(found)


def participant_figures(activities: list[Activity]) -> dict[int, ParticipantFigures]:
    """The figures of each activity, in a fixed number of queries."""
    ids = [a.pk for a in activities]
    registered = registered_countries(ids)
    named: defaultdict[int, list[str]] = defaultdict(list)
    for activity_id, country in Participation.objects.filter(activity_id__in=ids).values_list(
        "activity_id", "place__country_id"
    ):
        named[activity_id].append(country or UNKNOWN)
    place_countries: defaultdict[int, set[str]] = defaultdict(set)
    for activity_id, country in Activity.places.through.objects.filter(activity_id__in=ids).values_list(
        "activity_id", "place__country_id"
    ):
        place_countries[activity_id].add(country)
    for activity_id, country in Activity.objects.filter(pk__in=ids, place__isnull=False).values_list(
        "pk", "place__country_id"
    ):
        place_countries[activity_id].add(country)
    return {
        a.pk: figures_from(
            count=a.participant_count,
            stated=a.participant_count_text,
            approximate=a.participant_count_approximate,
            registered=registered.get(a.pk, ()),
            named=named.get(a.pk, ()),
            place_countries=place_countries.get(a.pk, ()),
        )
        for a in activities
    }
