"""Partnership health: how lively a partnership is, from its activities and news over the last
one, three and five years and the spread of sectors involved.

Three states are kept apart: *no records* (nothing is recorded about the partnership: said
neutrally, without a score, never "dormant"), *quiet* or *dormant* (records exist; dormant when the
dated ones are all older than five years and none is undated), and *lively*. Undated activities
and news count as evidence without a date.

`health_score` is a pure function of gathered signals (activities and articles, dated or not, with
the sectors they touch) and a `today`. The signals of every partnership that has any are gathered
with a fixed number of grouped queries, for the partnerships a page shows (`health_for_partnerships`)
or for all of them once per data generation for the coordinators' overview (`health_ranking`), so
no page costs a query per partnership or reads the evidence of the whole registry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.core.invalidation import cached

NO_RECORDS = "no_records"
LIVELY = "lively"
QUIET = "quiet"
DORMANT = "dormant"
LIVELY_FROM = 50  # score at which a partnership counts as lively

# Organisation kinds → the sector they stand for (kinds without an obvious sector count for none).
ORGANIZATION_SECTORS = {
    "municipal_office": "administration",
    "municipality": "administration",
    "government": "administration",
    "embassy": "administration",
    "network": "administration",
    "association": "civil_society",
    "university": "universities",
    "school": "schools",
    "company": "economy",
    "museum": "culture",
}


@dataclass(frozen=True)
class Signal:
    day: date | None  # None: undated evidence
    source: str  # "activity" | "news"
    sectors: frozenset[str] = frozenset()


@dataclass
class Health:
    score: int | None  # None when nothing is recorded
    status: str
    reasons: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    sectors: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "status": self.status,
            "reasons": self.reasons,
            "counts": self.counts,
            "sectors": self.sectors,
        }


def years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def health_score(signals: Iterable[Signal], *, today: date) -> Health:
    """0–100 from dated evidence: activities in the last year (up to 35), three years (20) and five
    years (10), news in the last three years (10), and the number of sectors involved in the last
    five years (25). From 50 points lively, otherwise quiet. No records at all: NO_RECORDS, no
    score. Dormant only when records exist, all are dated and the latest is over five years old;
    undated records keep a partnership quiet at worst (they say something happened, not when)."""
    signals = list(signals)
    if not signals:
        return Health(score=None, status=NO_RECORDS, reasons=[_("no activities or news recorded")])
    undated = [s for s in signals if s.day is None]
    dated = [(s.day, s) for s in signals if s.day is not None and s.day <= today]
    since = {n: years_before(today, n) for n in (1, 3, 5)}
    activities = {n: sum(1 for day, s in dated if s.source == "activity" and day > since[n]) for n in (1, 3, 5)}
    news = {n: sum(1 for day, s in dated if s.source == "news" and day > since[n]) for n in (1, 3, 5)}
    sectors = sorted({sector for day, s in dated if day > since[5] for sector in s.sectors})
    points = (
        35 * min(1.0, activities[1] / 2)
        + 20 * min(1.0, activities[3] / 4)
        + 10 * min(1.0, activities[5] / 6)
        + 10 * min(1.0, news[3] / 3)
        + 25 * min(1.0, len(sectors) / 4)
    )
    score = round(points)
    reasons = [
        ngettext("%(n)d activity in the last year", "%(n)d activities in the last year", activities[1])
        % {"n": activities[1]},
        ngettext("%(n)d activity in the last 3 years", "%(n)d activities in the last 3 years", activities[3])
        % {"n": activities[3]},
        ngettext("%(n)d activity in the last 5 years", "%(n)d activities in the last 5 years", activities[5])
        % {"n": activities[5]},
        ngettext("%(n)d news item in the last 3 years", "%(n)d news items in the last 3 years", news[3])
        % {"n": news[3]},
    ]
    reasons = [r for r, n in zip(reasons, (activities[1], activities[3], activities[5], news[3]), strict=True) if n]
    if sectors:
        reasons.append(_("sectors involved: %(sectors)s") % {"sectors": ", ".join(_sector_label(s) for s in sectors)})
    if undated:
        reasons.append(
            ngettext(
                "%(n)d activity or news item without a date",
                "%(n)d activities or news items without a date",
                len(undated),
            )
            % {"n": len(undated)}
        )
    if not activities[5] and not news[5]:
        last = max((day for day, _s in dated), default=None)
        if last:
            reasons.insert(0, _("no dated activity or news in 5 years (last: %(day)s)") % {"day": last.isoformat()})
        status = QUIET if undated else DORMANT
    else:
        status = LIVELY if score >= LIVELY_FROM else QUIET
    counts = {f"activities_{n}y": activities[n] for n in (1, 3, 5)} | {f"news_{n}y": news[n] for n in (1, 3, 5)}
    counts["undated"] = len(undated)
    return Health(score=score, status=status, reasons=reasons, counts=counts, sectors=sectors)


def _sector_label(sector: str) -> str:
    from twinning.topics.models import Topic

    return str(dict(Topic.Sector.choices).get(sector, sector))


# -- selector (database) ------------------------------------------------------------------------


def gather(partnership_ids: Collection[int] | None = None) -> dict[int, list[Signal]]:
    """Signals of these partnerships (None: of every partnership that has any): activities linked
    to a partnership or involving all its places, and news linked to it, each with the sectors of
    its topics and organisations.

    A fixed number of grouped queries, each restricted by joins and subqueries (the only list sent
    to the database is `partnership_ids`, bounded by one place's partnerships); the "all its places"
    rule intersects per-place activity sets instead of testing every activity per partnership."""
    from twinning.activities.models import Activity, ActivityOrganization
    from twinning.partnerships.models import PartnershipMember
    from twinning.press.models import Article

    links = Activity.partnerships.through.objects.all()
    news = Article.partnerships.through.objects.filter(article__is_public=True)
    taking_part = Activity.places.through.objects.all()
    # Only partnerships with a member place that takes part in an activity can meet the rule.
    members = PartnershipMember.objects.filter(
        partnership_id__in=PartnershipMember.objects.filter(place_id__in=taking_part.values("place_id")).values(
            "partnership_id"
        )
    )
    if partnership_ids is not None:
        ids = sorted(set(partnership_ids))
        links = links.filter(partnership_id__in=ids)
        news = news.filter(partnership_id__in=ids)
        members = members.filter(partnership_id__in=ids)
        taking_part = taking_part.filter(
            place_id__in=PartnershipMember.objects.filter(partnership_id__in=ids).values("place_id")
        )

    places_of: defaultdict[int, set[int]] = defaultdict(set)
    for partnership_id, place_id in members.values_list("partnership_id", "place_id"):
        places_of[partnership_id].add(place_id)
    starts: dict[int, date | None] = {}
    activities_at: defaultdict[int, set[int]] = defaultdict(set)
    for activity_id, place_id, start in taking_part.values_list("activity_id", "place_id", "activity__start"):
        activities_at[place_id].add(activity_id)
        starts[activity_id] = start
    linked: defaultdict[int, set[int]] = defaultdict(set)
    for activity_id, partnership_id, start in links.values_list("activity_id", "partnership_id", "activity__start"):
        linked[partnership_id].add(activity_id)
        starts[activity_id] = start
    for partnership_id, places in places_of.items():
        touched = [activities_at.get(place) for place in places]
        if len(places) >= 2 and all(touched):
            linked[partnership_id].update(set.intersection(*touched))  # type: ignore[arg-type]

    sectors: defaultdict[int, set[str]] = defaultdict(set)
    if linked:
        involved = Q(activity_id__in=links.values("activity_id")) | Q(activity_id__in=taking_part.values("activity_id"))
        for activity_id, sector in Activity.topics.through.objects.filter(involved).values_list(
            "activity_id", "topic__sector"
        ):
            if sector:
                sectors[activity_id].add(sector)
        for activity_id, kind in ActivityOrganization.objects.filter(involved).values_list(
            "activity_id", "organization__kind"
        ):
            if kind in ORGANIZATION_SECTORS:
                sectors[activity_id].add(ORGANIZATION_SECTORS[kind])

    signals: defaultdict[int, list[Signal]] = defaultdict(list)
    for partnership_id, found in linked.items():
        signals[partnership_id].extend(
            Signal(starts[a], "activity", frozenset(sectors.get(a, ()))) for a in sorted(found)
        )
    article_sectors: defaultdict[int, set[str]] = defaultdict(set)
    for article_id, sector in Article.topics.through.objects.filter(
        article_id__in=news.values("article_id")
    ).values_list("article_id", "topic__sector"):
        if sector:
            article_sectors[article_id].add(sector)
    for article_id, partnership_id, published in news.values_list("article_id", "partnership_id", "article__published"):
        signals[partnership_id].append(Signal(published, "news", frozenset(article_sectors.get(article_id, ()))))
    return dict(signals)


def signals_for_partnerships(partnership_ids: Iterable[int]) -> dict[int, list[Signal]]:
    ids = list(partnership_ids)
    found = gather(ids) if ids else {}
    return {pk: found.get(pk, []) for pk in ids}


def partnership_signals(partnership: Any) -> list[Signal]:
    return gather([partnership.pk]).get(partnership.pk, [])


def partnership_health(partnership: Any, *, today: date | None = None) -> Health:
    return health_score(partnership_signals(partnership), today=today or date.today())


def health_for_partnerships(partnerships: Sequence[Any], *, today: date | None = None) -> dict[int, Health]:
    """The health of a few partnerships (one place's, one page's): gathered for them alone, so a
    page never loads the evidence of the whole registry."""
    today = today or date.today()
    signals = signals_for_partnerships([p.pk for p in partnerships])
    return {pk: health_score(found, today=today) for pk, found in signals.items()}


def health_ranking(*, today: date | None = None) -> dict[int, tuple[str, int]]:
    """(status, score) of every partnership that has records (any other one has none), for
    ranking the overview; computed once per data generation and day, and kept small (no
    reasons, no signals) because every read of the cache unpickles it."""
    today = today or date.today()

    def compute() -> dict[int, tuple[str, int]]:
        result = {}
        for pk, found in gather().items():
            health = health_score(found, today=today)
            result[pk] = (health.status, health.score or 0)
        return result

    return cached("health-ranking", compute, today)
