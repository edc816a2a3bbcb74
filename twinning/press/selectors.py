"""Reads for the press archive."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from twinning.partnerships.models import Partnership
from twinning.places.models import Place

from .models import Article


def articles_public() -> QuerySet[Article]:
    """The articles the portal shows: all but ingested releases no editor has accepted anything from."""
    return Article.objects.filter(is_public=True)


def article_list() -> QuerySet[Article]:
    """Public articles for lists (newest first), with their publisher."""
    return articles_public().select_related("publisher", "source").order_by("-published", "title")


def articles_for_place(place: Place) -> QuerySet[Article]:
    """Articles mentioning the place or one of its partnerships."""
    # A UNION of two indexed lookups (an OR of the two joins made the database join every article first).
    mentioning = Article.objects.filter(places=place).order_by().values("pk")
    via_partnerships = Article.objects.filter(partnerships__members__place=place).order_by().values("pk")
    return article_list().filter(pk__in=mentioning.union(via_partnerships))


def articles_for_partnership(partnership: Partnership) -> QuerySet[Article]:
    return article_list().filter(partnerships=partnership)


def article_search(query: str, *, limit: int = 20) -> QuerySet[Article]:
    query = query.strip()
    if not query:
        return Article.objects.none()
    return article_list().filter(Q(title__icontains=query) | Q(teaser__icontains=query))[:limit]


def article_get(*, slug: str) -> Article | None:
    return (
        articles_public()
        .select_related("publisher", "publisher_place", "source")
        .prefetch_related(
            "images",
            "places__country",
            "partnerships__members__place",
            "activities",
            "organizations",
            "topics",
            "people",
        )
        .filter(slug=slug)
        .first()
    )


def articles_related(article: Article, *, limit: int = 10) -> list[Article]:
    """The articles the page itself lists as related, then others about the same places or
    partnerships, newest first."""
    explicit = list(article_list().filter(pk__in=article.related.values("pk")))
    seen = {article.pk, *(a.pk for a in explicit)}
    sharing = (
        article_list()
        .filter(
            pk__in=Article.objects.filter(
                Q(places__in=article.places.all()) | Q(partnerships__in=article.partnerships.all())
            ).values("pk")
        )
        .exclude(pk__in=seen)[: max(0, limit - len(explicit))]
    )
    return [*explicit, *sharing]


def articles_about(
    *, activity: Any = None, programme: Any = None, organization: Any = None, person: Any = None
) -> QuerySet[Article]:
    """Public articles on one record: an activity, a programme's activities, an organization, a person."""
    if activity is not None:
        return article_list().filter(activities=activity)
    if programme is not None:
        return article_list().filter(activities__programme=programme).distinct()
    if organization is not None:
        return article_list().filter(organizations=organization)
    if person is not None:
        return article_list().filter(people=person)
    raise TypeError("articles_about() needs one record")
