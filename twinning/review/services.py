"""Writes for review: queue the suggestions of an extraction result; accept, merge, edit, reject.

Every function is atomic and audited. What a suggestion proposes, matches and creates is its
kind's business (`review/kinds/<kind>.py`); here a decision is locked, applied and recorded.
Accepted and merged facts cite the article with the span the suggestion was read from, so every
record can be traced back to its sentence.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.core.audit import diff, snapshot
from twinning.core.errors import Conflict, NotFound, ValidationFailed
from twinning.core.services import Actor, audit_log, lock_for
from twinning.extraction import ExtractionResult
from twinning.extraction.result import Span
from twinning.press.models import Article
from twinning.press.services import article_publish

from .kinds import KINDS, ProposalContext, kind_of
from .kinds.base import cite, where_of
from .models import Suggestion

# Reports queued by other pipelines (a reconciliation with Wikidata or the RGRE) are archived as
# articles whose source key starts so: they are never published, whatever is accepted from them.
REPORT_SOURCE_PREFIX = "review:report:"

# --- queueing ------------------------------------------------------------------------------------


def _valid_spans(spans: list[Span], length: int) -> list[list[int]]:
    valid = {(start, end) for start, end in spans if 0 <= start < end <= length}
    return [list(span) for span in sorted(valid)]


def suggestions_create(*, article: Article, result: ExtractionResult, actor: Actor) -> int:
    """Create the suggestions of an extraction result for its article: each entity once (the same
    fact mentioned twice is one suggestion with both spans; two proposals that mean the same record
    of the registry are one). Returns how many were created."""
    text = article.body
    context = ProposalContext(article=article, result=result)
    by_key: dict[tuple[str, str], Suggestion] = {}
    by_record: dict[tuple[str, int], Suggestion] = {}
    for kind, review_kind in KINDS.items():
        for proposal in review_kind.propose(context):
            key = proposal.key[:300]
            if not key:
                continue
            spans = _valid_spans(proposal.spans, len(text))
            existing = by_key.get((kind, key))
            record = review_kind.match(proposal.data) if existing is None else None
            if record is not None:
                existing = by_record.get((kind, record.pk))
            if existing is not None:
                both = {tuple(s) for s in existing.spans} | {tuple(s) for s in spans}
                existing.spans = [list(s) for s in sorted(both)]
                by_key.setdefault((kind, key), existing)
                continue
            suggestion = Suggestion(
                article=article,
                kind=kind,
                key=key,
                label=proposal.label[:500],
                data=proposal.data,
                extracted=proposal.extracted,
                spans=spans,
            )
            by_key[(kind, key)] = suggestion
            if record is not None:
                by_record[(kind, record.pk)] = suggestion
    unique = list({id(s): s for s in by_key.values()}.values())
    for suggestion in unique:
        if suggestion.spans:
            suggestion.span_start, suggestion.span_end = suggestion.spans[0]
    created = Suggestion.objects.bulk_create(unique)
    if created:
        audit_log(
            actor=actor,
            action="review.suggestions_create",
            obj=article,
            changes={kind: sum(1 for s in created if s.kind == kind) for kind in Suggestion.Kind.values},
        )
    return len(created)


# --- review decisions ---------------------------------------------------------------------------


def _locked(suggestion: Suggestion) -> Suggestion:
    """The suggestion, re-read under a row lock; deciding twice is a Conflict."""
    fresh = Suggestion.objects.select_for_update().select_related("article", "article__source").get(pk=suggestion.pk)
    if fresh.status != Suggestion.Status.PENDING:
        raise Conflict(
            _("this suggestion was already decided (%(status)s)") % {"status": fresh.get_status_display()},
            where=f"suggestion #{fresh.pk}",
        )
    return fresh


def _decide(
    suggestion: Suggestion, *, status: str, record: models.Model | None, actor: Actor, note: str = ""
) -> Suggestion:
    before = snapshot(suggestion, many_to_many=False)
    suggestion.status = status
    suggestion.note = note[:300]
    suggestion.decided_by = actor.user_or_none
    suggestion.decided_at = timezone.now()
    if record is not None:
        suggestion.record = record
    suggestion.full_clean()
    suggestion.save()
    if record is not None and not suggestion.article.source.key.startswith(REPORT_SOURCE_PREFIX):
        # The editor took something from the release: from now on the portal shows it.
        article_publish(article=suggestion.article, actor=actor)
    audit_log(
        actor=actor,
        action=f"review.{status}",
        obj=suggestion,
        changes={
            **diff(before, snapshot(suggestion, many_to_many=False)),
            "record": [None, f"{record._meta.label}#{record.pk}" if record is not None else None],
        },
    )
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, actor: Actor, as_new: bool = False) -> Suggestion:
    """Take the proposed fact into the registry, link it to the article and cite the span. A record
    the suggestion matches is reused, never duplicated (the same partnership, person, organization,
    activity, contact); `as_new` creates a new record although a similar one exists (the editor
    decided the match is wrong)."""
    suggestion = _locked(suggestion)
    # Two suggestions of the same new entity (from two articles) accepted at once: one creates it,
    # the other waits and links to it.
    lock_for("review.accept", suggestion.kind, suggestion.key)
    record = kind_of(suggestion.kind).apply(suggestion, target=None, actor=actor, as_new=as_new)
    cite(suggestion, record, actor)
    return _decide(suggestion, status=Suggestion.Status.ACCEPTED, record=record, actor=actor)


@transaction.atomic
def suggestion_merge(*, suggestion: Suggestion, actor: Actor, target: models.Model | None = None) -> Suggestion:
    """Fold the suggestion into an existing record: the one the editor chose, else the proposed match."""
    suggestion = _locked(suggestion)
    where = where_of(suggestion)
    review_kind = kind_of(suggestion.kind)
    if target is None:
        target = review_kind.match(suggestion.data)
        if target is None:
            raise NotFound(_("there is no existing record to merge into; accept or edit instead"), where=where)
    if not isinstance(target, review_kind.model):
        raise ValidationFailed(
            _("a %(kind)s suggestion cannot be merged into a %(model)s")
            % {"kind": suggestion.get_kind_display(), "model": target._meta.verbose_name},
            where=where,
        )
    record = review_kind.apply(suggestion, target=target, actor=actor)
    cite(suggestion, record, actor)
    return _decide(suggestion, status=Suggestion.Status.MERGED, record=record, actor=actor)


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, actor: Actor, note: str = "") -> Suggestion:
    suggestion = _locked(suggestion)
    return _decide(suggestion, status=Suggestion.Status.REJECTED, record=None, actor=actor, note=note)


@transaction.atomic
def suggestion_edit(*, suggestion: Suggestion, data: dict[str, Any], actor: Actor, accept: bool = True) -> Suggestion:
    """Correct the proposed fields (validated by the caller's form), then accept them if asked."""
    suggestion = _locked(suggestion)
    allowed = kind_of(suggestion.kind).editable
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationFailed(
            _("cannot edit %(fields)s of a %(kind)s suggestion")
            % {"fields": ", ".join(sorted(unknown)), "kind": suggestion.get_kind_display()},
            where=f"suggestion #{suggestion.pk}",
        )
    changes = {k: [suggestion.data.get(k), v] for k, v in data.items() if suggestion.data.get(k) != v}
    if changes:
        suggestion.data = {**suggestion.data, **data}
        suggestion.full_clean()
        suggestion.save()
        audit_log(actor=actor, action="review.edit", obj=suggestion, changes=changes)
    if accept:
        return suggestion_accept(suggestion=suggestion, actor=actor)
    return suggestion
