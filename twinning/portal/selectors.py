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
from twinning.core.models import Citation, Source
from twinning.directory.selectors import organization_search, person_search
from twinning.network.anniversaries import anniversary_list
from twinning.partnerships.models import Partnership
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
    return {
        "places": Place.objects.filter(partnership_memberships__isnull=False).distinct().count(),
        "partnerships": Partnership.objects.count(),
        "activities": Activity.objects.count(),
        "articles": articles_public().count(),
    }


@dataclass(frozen=True)
class Anniversary:
    partnership: Partnership
    years: int
    on: PartialDate  # the anniversary itself, with the precision of the founding date


def anniversaries_upcoming(*, today: dt.date, months: int = 12, place: Place | None = None) -> list[Anniversary]:
    """Round anniversaries (every fifth year, see twinning.network.anniversaries) in the next
    `months` months, of all partnerships or of one place's, with the partnerships to link to."""
    horizon_year, horizon_month = divmod(today.month - 1 + months, 12)
    horizon = dt.date(today.year + horizon_year, horizon_month + 1, 1)  # exclusive
    found = anniversary_list(start=today, end=horizon, place=place)
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
