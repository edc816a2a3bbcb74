"""Ingestion: a press release in, archived as an article with its suggestions queued for review.

The pipeline from a file to the review queue: decode and extract (`twinning.extraction`), archive
the release (this app), then queue what it mentions (`twinning.review.services.suggestions_create`).
A release that is archived already adds nothing: the same content (whitespace aside) is found by
its hash; a release archived by hand without its text (the demo world, a typed-in entry) is found
by title and date and adopted (it gains its text, raw source and hash). A newly archived release
stays off the public portal until an editor accepts something from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import nh3
from django.db import transaction
from django.utils.translation import gettext as _

from twinning.core.errors import ValidationFailed
from twinning.core.services import Actor, audit_log
from twinning.core.text import fold
from twinning.extraction import ExtractionError, extract
from twinning.extraction.clean import decode
from twinning.places.models import Place

from .models import Article
from .services import article_create
from .text import content_hash, title_from


@dataclass(frozen=True)
class IngestOutcome:
    """`created`: the release was not archived before; `adopted`: it was archived by hand without
    its text and has now gained it (no new article); neither: unchanged."""

    article: Article
    created: bool
    suggestions: int
    adopted: bool = False


_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def sanitize_raw(text: str) -> str:
    """The raw source as stored: HTML goes through nh3 (no scripts, styles, event handlers or
    javascript: URLs survive); plain text without markup is kept as it is."""
    if _HTML_TAG.search(text):
        return nh3.clean(text)
    return text


@transaction.atomic
def article_ingest(
    *,
    raw: bytes | str,
    name: str,
    actor: Actor,
    published: date | None = None,
    publisher: Place | None = None,
    index: Any = None,
) -> IngestOutcome:
    """Archive one press release and queue its suggestions. The same content (whitespace aside)
    ingested again changes nothing. Unreadable input raises ValidationFailed naming `name`."""
    from twinning.review.services import suggestions_create

    try:
        result = extract(
            raw, published=published, publisher=publisher.name if publisher else None, index=index, name=name
        )
        decoded = decode(raw, name=name)
    except ExtractionError as error:
        message = str(error).removeprefix(f"{name}: ")
        raise ValidationFailed(message, where=name) from error
    text = result.text
    if not text.strip():
        raise ValidationFailed(_("no text left after removing the page furniture"), where=name)
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return IngestOutcome(article=existing, created=False, suggestions=0)
    when = published or result.published
    raw_clean = sanitize_raw(decoded)
    title = title_from(text, raw=raw_clean) or name
    article = _same_release_archived_by_hand(title=title, published=when)
    adopted = article is not None
    if article is not None:
        # The release is archived already (typed in, or from the demo world) without its source
        # text: keep that record, and give it the full text, the raw source and the hash.
        article.body, article.raw, article.content_hash = text, raw_clean, digest
        if article.published is None and when is not None:
            article.published = when
        article.full_clean()
        article.save(update_fields=["body", "raw", "content_hash", "published", "updated_at"])
        audit_log(actor=actor, action="review.ingest.adopt", obj=article, changes={"file": name})
    else:
        article = article_create(
            title=title,
            actor=actor,
            source_key=f"sha256:{digest}",
            published=when,
            publisher_place=publisher,
            body=text,
            language=result.language or "de",
            raw=raw_clean,
            content_hash=digest,
            is_public=False,
        )
    if article.body != text:
        raise ValidationFailed(_("the archived text differs from the extracted text"), where=name)
    count = suggestions_create(article=article, result=result, actor=actor)
    audit_log(actor=actor, action="review.ingest", obj=article, changes={"file": name, "suggestions": count})
    return IngestOutcome(article=article, created=not adopted, suggestions=count, adopted=adopted)


def _same_release_archived_by_hand(*, title: str, published: date | None) -> Article | None:
    """An archived article with the same title and no source text of its own: with the same date,
    or, where one of the two has no date, the only such article of that title."""
    key = fold(title)
    candidates = [a for a in Article.objects.filter(content_hash__isnull=True) if fold(a.title) == key]
    dated = [a for a in candidates if published is not None and a.published == published]
    if dated:
        return dated[0]
    undated = [a for a in candidates if a.published is None or published is None]
    return undated[0] if len(candidates) == 1 and undated else None
