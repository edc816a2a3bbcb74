"""Writes for the press archive: articles (each its own citable source), images, and what they mention."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from twinning.activities.models import Activity
from twinning.activities.services import topics_by_slug
from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.models import Source
from twinning.core.services import (
    Actor,
    audit_log,
    clean_or_fail,
    save_with_unique_slug,
    source_get_or_create,
)
from twinning.directory.models import Organization, Person
from twinning.partnerships.models import Partnership
from twinning.places.models import Place
from twinning.topics.models import Topic

from .models import Article, ArticleImage

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import ManyRelatedManager

_M = TypeVar("_M", bound=models.Model)


@dataclass(frozen=True)
class ImageData:
    caption: str = ""
    credit: str = ""
    url: str = ""


@transaction.atomic
def article_create(
    *,
    title: str,
    actor: Actor,
    source_key: str,
    url: str = "",
    published: date | None = None,
    publisher: Organization | None = None,
    publisher_place: Place | None = None,
    teaser: str = "",
    body: str = "",
    language: str = "de",
    raw: str = "",
    images: Sequence[ImageData] = (),
    content_hash: str | None = None,
    slug: str | None = None,
    is_public: bool = True,
    where: str = "",
) -> Article:
    """Archive an article. Its core.Source (kind "article", key `source_key`) is what records cite."""
    title = title.strip()
    if not title:
        raise ValidationFailed(_("an article needs a title"), where=where)
    if not source_key.strip():
        raise ValidationFailed(_("an article needs a source key"), where=where)
    existing = Article.objects.filter(source__key=source_key).first()
    if existing is not None:
        raise Conflict(
            _("the source %(key)r is archived already as %(title)r") % {"key": source_key, "title": existing.title},
            where=where,
        )
    if content_hash and Article.objects.filter(content_hash=content_hash).exists():
        raise Conflict(_("an article with the same content is archived already"), where=where)
    if slug and Article.objects.filter(slug=slug).exists():
        raise Conflict(_("the article slug %(slug)r is taken") % {"slug": slug}, where=where)
    source = source_get_or_create(key=source_key, kind=Source.Kind.ARTICLE, title=title, url=url, actor=actor)
    if source.kind != Source.Kind.ARTICLE:
        raise Conflict(
            _("the source %(key)r exists already as a %(kind)s") % {"key": source_key, "kind": source.kind},
            where=where,
        )
    article = Article(
        source=source,
        publisher=publisher,
        publisher_place=publisher_place,
        url=url,
        published=published,
        title=title,
        teaser=teaser,
        body=body,
        language=language,
        raw=raw,
        content_hash=content_hash or None,
        is_public=is_public,
    )
    save_with_unique_slug(
        article, text=title[:80], suffix=published.isoformat() if published else "", slug=slug, where=where
    )
    for order, image in enumerate(images):
        picture = ArticleImage(article=article, order=order, caption=image.caption, credit=image.credit, url=image.url)
        clean_or_fail(picture, where=f"{where} image {order + 1}" if where else f"image {order + 1}")
        picture.save()
    audit_log(
        actor=actor,
        action="article.create",
        obj=article,
        changes={
            "source": source_key,
            "published": published.isoformat() if published else None,
            "is_public": is_public,
        },
    )
    return article


@transaction.atomic
def article_publish(*, article: Article, actor: Actor) -> Article:
    """Show the article on the portal (an ingested release, once an editor accepted something from it)."""
    if article.is_public:
        return article
    article.is_public = True
    article.save(update_fields=["is_public", "updated_at"])
    audit_log(actor=actor, action="article.publish", obj=article, changes={"is_public": [False, True]})
    return article


def _add_missing(manager: ManyRelatedManager[_M, Any], objects: Iterable[_M]) -> list[int]:
    """Add those of `objects` the manager does not hold yet; the pks added, in order."""
    wanted = {o.pk: o for o in objects}
    known = set(manager.filter(pk__in=list(wanted)).values_list("pk", flat=True))
    new = [o for pk, o in wanted.items() if pk not in known]
    if new:
        manager.add(*new)
    return [o.pk for o in new]


@transaction.atomic
def article_link(
    *,
    article: Article,
    actor: Actor,
    places: Sequence[Place] = (),
    partnerships: Sequence[Partnership] = (),
    activities: Sequence[Activity] = (),
    people: Sequence[Person] = (),
    organizations: Sequence[Organization] = (),
    topics: Sequence[Topic | str] = (),
    related: Sequence[Article] = (),
    where: str = "",
) -> Article:
    """Link an article to what it mentions and to the articles it lists as related (idempotent)."""
    if any(other.pk == article.pk for other in related):
        raise ValidationFailed(_("an article cannot be related to itself"), where=where)
    topic_objects = topics_by_slug(topics, where=where)
    added = {
        "places": _add_missing(article.places, places),
        "partnerships": _add_missing(article.partnerships, partnerships),
        "activities": _add_missing(article.activities, activities),
        "people": _add_missing(article.people, people),
        "organizations": _add_missing(article.organizations, organizations),
        "topics": _add_missing(article.topics, topic_objects),
        "related": _add_missing(article.related, related),
    }
    changes = {name: pks for name, pks in added.items() if pks}
    if changes:
        audit_log(actor=actor, action="article.link", obj=article, changes=changes)
    return article
