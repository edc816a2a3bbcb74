"""Reads that compose portal pages: counts, anniversaries, a place's partners, sources, search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from twinning.activities.models import Activity
from twinning.activities.selectors import activity_search
from twinning.core.dates import PartialDate
from twinning.core.invalidation import cached
from twinning.core.models import Citation, Source
from twinning.directory.selectors import organization_search, person_search
from twinning.network.anniversaries import anniversary_list
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.partnerships.selectors import (  # noqa: F401 - the portal's views read partnerships through here
    Partner,
    members_prefetch,
    partners_of_place,
    partnership_get,
)
from twinning.places.models import Place
from twinning.places.selectors import place_search
from twinning.press.models import Article
from twinning.press.selectors import article_search, articles_public


def home_counts() -> dict[str, int]:
    """The home page's counters (cached until the registry changes)."""
    return cached(
        "home-counts",
        lambda: {
            "places": Place.objects.filter(pk__in=PartnershipMember.objects.values("place_id")).count(),
            "partnerships": Partnership.objects.count(),
            "activities": Activity.objects.count(),
            "articles": articles_public().count(),
        },
    )


@dataclass(frozen=True)
class Anniversary:
    partnership: Partnership
    years: int
    on: PartialDate  # the anniversary itself, with the precision of the founding date


def anniversaries_upcoming(
    *, today: dt.date, months: int = 12, place: Place | None = None, limit: int | None = None
) -> list[Anniversary]:
    """Round anniversaries (every fifth year, see twinning.network.anniversaries) in the next
    `months` months, of all partnerships or of one place's, with the partnerships to link to."""
    horizon_year, horizon_month = divmod(today.month - 1 + months, 12)
    horizon = dt.date(today.year + horizon_year, horizon_month + 1, 1)  # exclusive
    found = anniversary_list(start=today, end=horizon, place=place)[:limit]
    partnerships = Partnership.objects.prefetch_related(members_prefetch()).in_bulk([a.partnership.id for a in found])
    return [Anniversary(partnership=partnerships[a.partnership.id], years=a.years, on=a.date) for a in found]


@dataclass(frozen=True)
class SourceUse:
    """A source and what was quoted from it, for the "Sources" box of a page."""

    source: Source
    quotes: tuple[str, ...]


def sources_for(records: Iterable[models.Model]) -> list[SourceUse]:
    """The sources cited by any of `records` (one query), with their quotes, by title."""
    by_type: dict[int, set[int]] = {}
    for record in records:
        if record is None or record.pk is None:
            continue
        content_type = ContentType.objects.get_for_model(record)
        by_type.setdefault(content_type.pk, set()).add(record.pk)
    if not by_type:
        return []
    condition = reduce(or_, (Q(content_type_id=ct, object_id__in=ids) for ct, ids in by_type.items()))
    return group_citations(Citation.objects.filter(condition).select_related("source").order_by("source__title", "pk"))


@dataclass
class SearchResults:
    query: str
    places: list[Place]
    people: list[Any]
    organizations: list[Any]
    articles: list[Article]
    activities: list[Activity]

    @property
    def total(self) -> int:
        return sum(len(x) for x in (self.places, self.people, self.organizations, self.articles, self.activities))


def search(query: str, *, user: Any, limit: int = 10) -> SearchResults:
    query = query.strip()[:200]
    return SearchResults(
        query=query,
        places=list(place_search(query, limit=limit)) if query else [],
        people=list(person_search(query, user=user, limit=limit)),
        organizations=list(organization_search(query, limit=limit)),
        articles=list(article_search(query, limit=limit)),
        activities=list(activity_search(query, limit=limit)),
    )


def group_citations(citations: Iterable[Citation]) -> list[SourceUse]:
    """Citations (with their sources selected) grouped by source, in the order given."""
    quotes: dict[int, list[str]] = {}
    sources: dict[int, Source] = {}
    for citation in citations:
        sources[citation.source_id] = citation.source
        bucket = quotes.setdefault(citation.source_id, [])
        if citation.quote and citation.quote not in bucket:
            bucket.append(citation.quote)
    return [SourceUse(source=sources[pk], quotes=tuple(quotes[pk])) for pk in sources]


@dataclass
class PartnerCard:
    """A partner city as the place page shows it: who, kind, since, next anniversary, last activity, a map."""

    partnership: Partnership
    partners: list[Place]
    health: Any
    next_anniversary: PartialDate | None
    anniversary_years: int | None
    last_activity: Activity | None
    locator: Any
    sources: list[SourceUse]


def next_anniversary(partnership: Partnership, *, today: dt.date) -> tuple[PartialDate | None, int | None]:
    """The next round anniversary (every fifth year, twinning.network.anniversaries) on or after today."""
    from twinning.network.anniversaries import anniversary_in_year

    since = partnership.since
    if since is None or partnership.status == Partnership.Status.ENDED:
        return None, None
    for year in range(today.year, today.year + 6):
        when = anniversary_in_year(since, year)
        if when is not None and when.last_day() >= today:
            return when, year - since.value.year
    return None, None


def last_activities(partnership_ids: list[int]) -> dict[int, Activity]:
    """The latest dated activity of each of these partnerships (one query for the links, one for the activities)."""
    links = (
        Activity.partnerships.through.objects.filter(partnership_id__in=partnership_ids, activity__start__isnull=False)
        .order_by("partnership_id", "-activity__start", "-activity_id")
        .values_list("partnership_id", "activity_id")
    )
    latest: dict[int, int] = {}
    for partnership_id, activity_id in links:
        latest.setdefault(partnership_id, activity_id)
    activities = Activity.objects.in_bulk(set(latest.values()))
    return {pid: activities[aid] for pid, aid in latest.items() if aid in activities}


def sources_by_record(records: Iterable[models.Model]) -> dict[models.Model, list[SourceUse]]:
    """The sources of each record, for a disclosure per fact ("3 Quellen"); one query."""
    records = [r for r in records if r is not None and r.pk is not None]
    by_key = {(ContentType.objects.get_for_model(r).pk, r.pk): r for r in records}
    if not by_key:
        return {}
    by_type: dict[int, set[int]] = {}
    for content_type, pk in by_key:
        by_type.setdefault(content_type, set()).add(pk)
    condition = reduce(or_, (Q(content_type_id=ct, object_id__in=ids) for ct, ids in by_type.items()))
    citations = Citation.objects.filter(condition).select_related("source").order_by("source__title", "pk")
    grouped: dict[tuple[int, int], list[Citation]] = {}
    for citation in citations:
        grouped.setdefault((citation.content_type_id, citation.object_id), []).append(citation)
    return {by_key[key]: group_citations(found) for key, found in grouped.items() if key in by_key}


def partner_cards(
    place: Place, partners: list[Partner], health: dict[int, Any], *, today: dt.date
) -> list[PartnerCard]:
    from .locator import locator_view

    ids = [row.partnership.pk for row in partners]
    latest = last_activities(ids)
    sources = sources_by_record([row.partnership for row in partners])
    home = (place.latitude, place.longitude) if place.latitude is not None and place.longitude is not None else None
    cards = []
    for row in partners:
        when, years = next_anniversary(row.partnership, today=today)
        first = row.partners[0] if row.partners else None
        cards.append(
            PartnerCard(
                partnership=row.partnership,
                partners=row.partners,
                health=health.get(row.partnership.pk),
                next_anniversary=when,
                anniversary_years=years,
                last_activity=latest.get(row.partnership.pk),
                locator=locator_view(latitude=first.latitude, longitude=first.longitude, home=home) if first else None,
                sources=sources.get(row.partnership, []),
            )
        )
    return cards
