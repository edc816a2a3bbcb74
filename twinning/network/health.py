"""Partnership health: how lively a partnership is, from its activities and news over the last
one, three and five years and the spread of sectors involved.

`health_score` is a pure function of gathered signals (dated activities and articles with the
sectors they touch) and a `today`; `partnership_health` gathers the signals for a partnership.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    day: date
    source: str  # "activity" | "news"
    sectors: frozenset[str] = frozenset()


@dataclass
class Health:
    score: int
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
    """0–100: activities in the last year (up to 35), three years (20) and five years (10), news in
    the last three years (10), and the number of sectors involved in the last five years (25).
    Nothing at all in five years is dormant; from 50 points lively; otherwise quiet."""
    signals = [s for s in signals if s.day <= today]
    since = {n: years_before(today, n) for n in (1, 3, 5)}
    activities = {n: sum(1 for s in signals if s.source == "activity" and s.day > since[n]) for n in (1, 3, 5)}
    news = {n: sum(1 for s in signals if s.source == "news" and s.day > since[n]) for n in (1, 3, 5)}
    sectors = sorted({sector for s in signals if s.day > since[5] for sector in s.sectors})
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
    if not activities[5] and not news[5]:
        status = DORMANT
        last = max((s.day for s in signals), default=None)
        reasons.insert(
            0,
            _("no activity or news in 5 years (last: %(day)s)") % {"day": last.isoformat()}
            if last
            else _("no activity or news recorded"),
        )
    else:
        status = LIVELY if score >= LIVELY_FROM else QUIET
    counts = {f"activities_{n}y": activities[n] for n in (1, 3, 5)} | {f"news_{n}y": news[n] for n in (1, 3, 5)}
    return Health(score=score, status=status, reasons=reasons, counts=counts, sectors=sectors)


def _sector_label(sector: str) -> str:
    from twinning.topics.models import Topic

    return str(dict(Topic.Sector.choices).get(sector, sector))


# -- selector (database) ------------------------------------------------------------------------


def _activity_signal(activity: Any) -> Signal:
    sectors = {t.sector for t in activity.topics.all()}
    sectors |= {
        ORGANIZATION_SECTORS[link.organization.kind]
        for link in activity.organization_links.all()
        if link.organization.kind in ORGANIZATION_SECTORS
    }
    return Signal(activity.start, "activity", frozenset(sectors))


def signals_for_partnerships(partnership_ids: Sequence[int]) -> dict[int, list[Signal]]:
    """Dated activities of each partnership (linked to it, or involving all its places) and its
    news, with the sectors of their topics and organisations. A fixed number of queries however
    many partnerships: the place page and the coordinators' overview list many at once."""
    from twinning.activities.models import Activity
    from twinning.partnerships.models import PartnershipMember
    from twinning.press.models import Article

    ids = list(partnership_ids)
    members: defaultdict[int, set[int]] = defaultdict(set)
    for partnership_id, place_id in PartnershipMember.objects.filter(partnership_id__in=ids).values_list(
        "partnership_id", "place_id"
    ):
        members[partnership_id].add(place_id)
    all_places = set().union(*members.values()) if members else set()

    activity_places: defaultdict[int, set[int]] = defaultdict(set)
    for activity_id, place_id in Activity.places.through.objects.filter(
        place_id__in=all_places, activity__start__isnull=False
    ).values_list("activity_id", "place_id"):
        activity_places[activity_id].add(place_id)
    activity_ids: defaultdict[int, set[int]] = defaultdict(set)
    for activity_id, partnership_id in Activity.partnerships.through.objects.filter(
        partnership_id__in=ids, activity__start__isnull=False
    ).values_list("activity_id", "partnership_id"):
        activity_ids[partnership_id].add(activity_id)
    for partnership_id, places in members.items():
        activity_ids[partnership_id].update(a for a, touched in activity_places.items() if places <= touched)

    wanted = set().union(*activity_ids.values()) if activity_ids else set()
    activities = {
        a.pk: a
        for a in Activity.objects.filter(pk__in=wanted).prefetch_related("topics", "organization_links__organization")
    }
    signals: dict[int, list[Signal]] = {pk: [] for pk in ids}
    for partnership_id, found in activity_ids.items():
        signals[partnership_id].extend(_activity_signal(activities[a]) for a in found if a in activities)

    article_links = list(
        Article.partnerships.through.objects.filter(
            partnership_id__in=ids, article__published__isnull=False
        ).values_list("article_id", "partnership_id")
    )
    articles = {
        a.pk: a for a in Article.objects.filter(pk__in={a for a, _ in article_links}).prefetch_related("topics")
    }
    for article_id, partnership_id in article_links:
        article = articles[article_id]
        assert article.published is not None  # filtered above
        signals[partnership_id].append(
            Signal(article.published, "news", frozenset(t.sector for t in article.topics.all()))
        )
    return signals


def partnership_signals(partnership: Any) -> list[Signal]:
    return signals_for_partnerships([partnership.pk])[partnership.pk]


def partnership_health(partnership: Any, *, today: date | None = None) -> Health:
    return health_score(partnership_signals(partnership), today=today or date.today())


def health_for_partnerships(partnerships: Sequence[Any], *, today: date | None = None) -> dict[int, Health]:
    today = today or date.today()
    signals = signals_for_partnerships([p.pk for p in partnerships])
    return {pk: health_score(found, today=today) for pk, found in signals.items()}
