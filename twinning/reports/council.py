"""The council report: what a place's (or an office's) partnerships did in a year.

Per scope (one place, or the places an office keeps) and calendar year: the activities held at,
involving or in a partnership of the scope's places, by kind, sector and topic; participants by
country (see `participants`); the partnerships lively, quiet (dormant included) or with no records,
judged by `network.health` as of the year's last day (or today, for the running year); the
anniversaries of the coming year; the press coverage of the year. Counts only: nothing personal,
so the same report serves the workbench and the public page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.activities.models import Activity, ActivityOrganization
from twinning.network.anniversaries import Anniversary, anniversary_list, window_for_year
from twinning.network.health import DORMANT, LIVELY, NO_RECORDS, ORGANIZATION_SECTORS, QUIET, health_for_partnerships
from twinning.offices.access import activity_q, partnership_q
from twinning.partnerships.models import Partnership
from twinning.partnerships.selectors import members_prefetch, partnership_title
from twinning.places.models import Place
from twinning.press.selectors import articles_public
from twinning.topics.models import Topic

from .participants import UNKNOWN, ParticipantFigures, participant_figures

# The three groups the council sees; "dormant" is a kind of quiet (records exist, all old).
LIVELINESS_GROUPS = (LIVELY, QUIET, NO_RECORDS)


@dataclass
class Scope:
    """What a report covers: a label ("Krefeld") and the places (a queryset of Place pks)."""

    label: str
    places: QuerySet[Any]
    place: Place | None = None  # the place, when the scope is one place


@dataclass
class ActivityRow:
    activity: Activity
    participants: ParticipantFigures
    sectors: list[str]
    topics: list[Topic]

    def as_json(self) -> dict[str, Any]:
        a = self.activity
        return {
            "slug": a.slug,
            "title": a.title,
            "kind": a.kind,
            "start": a.starts.iso() if a.starts else None,
            "end": a.ends.iso() if a.ends else None,
            "place": a.place.name if a.place else None,
            "venue": a.venue,
            "programme": a.programme.name if a.programme else None,
            "sectors": self.sectors,
            "topics": [t.slug for t in self.topics],
            "participants": self.participants.as_json(),
        }


@dataclass
class PartnershipRow:
    partnership: Partnership
    title: str
    status: str  # LIVELY, QUIET, DORMANT or NO_RECORDS
    score: int | None
    reasons: list[str]

    @property
    def group(self) -> str:
        return QUIET if self.status == DORMANT else self.status

    def as_json(self) -> dict[str, Any]:
        p = self.partnership
        return {
            "id": p.pk,
            "title": self.title,
            "kind": p.kind,
            "established": p.established.isoformat() if p.established else None,
            "status": self.status,
            "group": self.group,
            "score": self.score,
            "reasons": self.reasons,
        }


@dataclass
class CouncilReport:
    scope: str
    year: int
    as_of: date
    activities: list[ActivityRow]
    partnerships: list[PartnershipRow]
    anniversaries: list[Anniversary]
    articles: list[Any]
    by_kind: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)
    participants_by_country: dict[str, int] = field(default_factory=dict)
    participants_total: int = 0
    liveliness: dict[str, int] = field(default_factory=dict)

    def anniversary_title(self, anniversary: Anniversary) -> str:
        """The partnership's title from the scope's side ("Krefeld – Dünkirchen")."""
        for row in self.partnerships:
            if row.partnership.pk == anniversary.partnership.id:
                return row.title
        return " – ".join(place["name"] for place in anniversary.partnership.places)

    def as_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "activities": [row.as_json() for row in self.activities],
            "activities_by_kind": self.by_kind,
            "activities_by_sector": self.by_sector,
            "activities_by_topic": self.by_topic,
            "participants": {"total": self.participants_total, "by_country": self.participants_by_country},
            "partnerships": {
                "counts": self.liveliness,
                "list": [row.as_json() for row in self.partnerships],
            },
            "anniversaries_next_year": [a.as_json() | {"title": self.anniversary_title(a)} for a in self.anniversaries],
            "press": {
                "count": len(self.articles),
                "articles": [
                    {
                        "slug": a.slug,
                        "title": a.title,
                        "published": a.published.isoformat() if a.published else None,
                        "publisher": str(a.publisher) if a.publisher_id else "",
                    }
                    for a in self.articles
                ],
            },
        }


def scope_for_place(place: Place) -> Scope:
    return Scope(label=place.display_name, places=Place.objects.filter(pk=place.pk).values("pk"), place=place)


def scope_for_office(office: Any) -> Scope:
    from twinning.offices.access import office_place_q

    return Scope(label=office.name, places=Place.objects.filter(office_place_q(office)).values("pk"))


def _year_q(field_name: str, year: int) -> Q:
    start, end = window_for_year(year)
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})


def scope_activities(scope: Scope, year: int) -> list[Activity]:
    """The scope's activities starting in `year`, in date order (undated ones cannot be placed in a year)."""
    ids = Activity.objects.filter(activity_q(scope.places)).filter(_year_q("start", year)).values("pk")
    return list(
        Activity.objects.filter(pk__in=ids)
        .select_related("place__country", "programme")
        .prefetch_related("topics")
        .order_by("start", "title")
    )


def _activity_sectors(activities: list[Activity]) -> dict[int, list[str]]:
    found: dict[int, set[str]] = {a.pk: {t.sector for t in a.topics.all() if t.sector} for a in activities}
    for activity_id, kind in ActivityOrganization.objects.filter(activity__in=activities).values_list(
        "activity_id", "organization__kind"
    ):
        if kind in ORGANIZATION_SECTORS:
            found[activity_id].add(ORGANIZATION_SECTORS[kind])
    return {pk: sorted(sectors) for pk, sectors in found.items()}


def scope_partnerships(scope: Scope, year: int) -> list[Partnership]:
    """The scope's partnerships that had not ended and had begun (if dated) by the year's end."""
    ids = Partnership.objects.filter(partnership_q(scope.places)).values("pk")
    return list(
        Partnership.objects.filter(pk__in=ids)
        .exclude(status=Partnership.Status.ENDED)
        .exclude(established__gt=date(year, 12, 31))
        .prefetch_related(members_prefetch())
        .order_by("established", "pk")
    )


def council_report(scope: Scope, *, year: int, today: date | None = None) -> CouncilReport:
    today = today or timezone.localdate()
    as_of = min(date(year, 12, 31), today)
    activities = scope_activities(scope, year)
    figures = participant_figures(activities)
    sectors = _activity_sectors(activities)
    rows = [ActivityRow(a, figures[a.pk], sectors.get(a.pk, []), list(a.topics.all())) for a in activities]

    partnerships = scope_partnerships(scope, year)
    health = health_for_partnerships(partnerships, today=as_of)
    partnership_rows = [
        PartnershipRow(
            p,
            partnership_title(p, first=scope.place),
            health[p.pk].status,
            health[p.pk].score,
            health[p.pk].reasons,
        )
        for p in partnerships
    ]
    ids = {p.pk for p in partnerships}
    start, end = window_for_year(year + 1)
    anniversaries = [a for a in anniversary_list(start=start, end=end) if a.partnership.id in ids]

    activity_ids = [a.pk for a in activities]
    article_ids = (
        articles_public()
        .filter(_year_q("published", year))
        .filter(
            Q(places__in=scope.places)
            | Q(partnerships__members__place__in=scope.places)
            | Q(activities__in=activity_ids)
        )
        .values("pk")
    )
    articles = list(
        articles_public().filter(pk__in=article_ids).select_related("publisher").order_by("published", "title")
    )

    by_country: Counter[str] = Counter()
    for row in rows:
        by_country.update(row.participants.by_country)
    liveliness = Counter(row.group for row in partnership_rows)
    return CouncilReport(
        scope=scope.label,
        year=year,
        as_of=as_of,
        activities=rows,
        partnerships=partnership_rows,
        anniversaries=anniversaries,
        articles=articles,
        by_kind=dict(Counter(a.kind for a in activities).most_common()),
        by_sector=dict(Counter(s for row in rows for s in row.sectors).most_common()),
        by_topic=dict(Counter(t.slug for row in rows for t in row.topics).most_common()),
        participants_by_country=dict(sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))),
        participants_total=sum(row.participants.total or 0 for row in rows),
        liveliness={group: liveliness.get(group, 0) for group in LIVELINESS_GROUPS},
    )


def country_label(code: str) -> str:
    """A country's name in the interface language; "unknown" for participants without one."""
    if code == UNKNOWN:
        return _("unknown")
    from twinning.places.models import Country

    country = Country.objects.filter(pk=code).first()
    return country.display_name if country else code
