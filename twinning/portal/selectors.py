"""Reads that compose portal pages: counts, anniversaries, a place's partners, sources, search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch, Q

from twinning.activities.models import Activity
from twinning.activities.selectors import activity_search
from twinning.core.dates import PartialDate
from twinning.core.models import Citation, Source
from twinning.directory.selectors import organization_search, person_search
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.partnerships.selectors import partnership_list_for_place, partnership_partners
from twinning.places.models import Place
from twinning.places.selectors import place_search
from twinning.press.models import Article
from twinning.press.selectors import article_search


def _members() -> Prefetch:
    return Prefetch("members", queryset=PartnershipMember.objects.select_related("place__country"))


def home_counts() -> dict[str, int]:
    return {
        "places": Place.objects.filter(partnership_memberships__isnull=False).distinct().count(),
        "partnerships": Partnership.objects.count(),
        "activities": Activity.objects.count(),
        "articles": Article.objects.count(),
    }


@dataclass(frozen=True)
class Anniversary:
    partnership: Partnership
    years: int
    on: PartialDate  # the anniversary itself, with the precision of the founding date


def _anniversary(established: PartialDate, year: int) -> PartialDate:
    day = established.value
    try:
        return PartialDate(day.replace(year=year), established.precision)
    except ValueError:  # 29 February
        return PartialDate(day.replace(year=year, day=28), established.precision)


def anniversaries_upcoming(*, today: dt.date, months: int = 12, every: int = 5) -> list[Anniversary]:
    """Partnerships whose round anniversary (established year + every·n) falls in the next `months`
    months. A founding date known only to the year or month counts if that year or month overlaps."""
    horizon_year, horizon_month = divmod(today.month - 1 + months, 12)
    horizon = dt.date(today.year + horizon_year, horizon_month + 1, 1)  # exclusive
    found = []
    partnerships = (
        Partnership.objects.filter(established__isnull=False)
        .exclude(status=Partnership.Status.ENDED)
        .prefetch_related(_members())
    )
    for partnership in partnerships:
        since = partnership.since
        assert since is not None
        for year in range(today.year, horizon.year + 1):
            years = year - since.value.year
            if years <= 0 or years % every:
                continue
            on = _anniversary(since, year)
            if on.last_day() >= today and on.value < horizon:
                found.append(Anniversary(partnership=partnership, years=years, on=on))
    return sorted(found, key=lambda a: (a.on.value, -a.years))


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
        key=lambda r: (kinds.index(r.partnership.kind), [p.name for p in r.partners]),
    )


def partnership_get(*, pk: int) -> Partnership | None:
    return (
        Partnership.objects.prefetch_related(_members(), "supporting_organizations__seat", "contacts", "programmes")
        .filter(pk=pk)
        .first()
    )


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
