"""Writes of a reconciliation: its proposals to the review queue, its report and its QuickStatements.

The proposals are partnership suggestions (`review/kinds/partnership.py`) of an internal report
article: one line of the article per difference, the suggestion's span on that line, so a reviewer
reads what was compared. The article's source key starts with `review.REPORT_SOURCE_PREFIX`: it
stays off the portal whatever is accepted from it. The same comparison queued twice adds nothing
(the article is found by its content hash, suggestions by their key)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from twinning.core.files import write_csv
from twinning.core.services import Actor, audit_log
from twinning.partnerships.models import Partnership
from twinning.press.models import Article
from twinning.press.services import article_create
from twinning.review.models import Suggestion
from twinning.review.services import REPORT_SOURCE_PREFIX

from .compare import DATE_DIFFERS, MISSING_HERE, MISSING_THERE, ONE_SIDED, Difference, Reconciliation


@dataclass(frozen=True)
class Proposal:
    """One difference proposed for review: a partnership of two places, maybe with a date."""

    line: str
    a: dict[str, Any]
    b: dict[str, Any]
    kind: str
    established: str | None
    extracted: dict[str, Any]


def _ref(place: Any) -> dict[str, Any]:
    return {"name": place.name, "geonameid": place.geonameid}


def line_of(difference: Difference) -> str:
    a, b = difference.labels
    qa, qb = difference.qids
    if difference.kind == MISSING_HERE:
        start = f", seit {difference.theirs.iso()}" if difference.theirs else ""
        return f"Wikidata nennt {a} ({qa}) und {b} ({qb}) als Partner{start}; im Register fehlt die Partnerschaft."
    if difference.kind == DATE_DIFFERS:
        ours = difference.ours.iso() if difference.ours else "?"
        theirs = difference.theirs.iso() if difference.theirs else "?"
        return f"{a} ({qa}) – {b} ({qb}): im Register seit {ours}, bei Wikidata seit {theirs}."
    if difference.kind == MISSING_THERE:
        return f"{a} ({qa}) – {b} ({qb}): im Register, bei Wikidata nicht."
    return f"{a} ({qa}) nennt {b} ({qb}) als Partner, {b} ({qb}) nennt {a} nicht."


def proposals(result: Reconciliation) -> list[Proposal]:
    """What the registry could change: pairs Wikidata has and we lack (where both places are
    known), and differing start dates (the existing partnership with Wikidata's date)."""
    found = []
    for difference in result.differences:
        if difference.kind not in (MISSING_HERE, DATE_DIFFERS) or not difference.proposable:
            continue
        a, b = difference.places
        kind = difference.partnership.kind if difference.partnership else Partnership.Kind.TWINNING
        found.append(
            Proposal(
                line=line_of(difference),
                a=_ref(a),
                b=_ref(b),
                kind=kind,
                established=difference.theirs.iso() if difference.theirs else None,
                extracted={"reconcile": difference.kind, "qids": list(difference.qids), "source": result.source},
            )
        )
    return found


@transaction.atomic
def proposals_queue(
    *, items: list[Proposal], source: str, title: str, url: str, actor: Actor
) -> tuple[Article | None, int]:
    """Queue proposals for review; (the report article, how many suggestions were new)."""
    if not items:
        return None, 0
    body = "\n".join(item.line for item in items)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    article = Article.objects.filter(content_hash=digest).first()
    if article is None:
        article = article_create(
            title=title,
            actor=actor,
            source_key=f"{REPORT_SOURCE_PREFIX}{digest[:16]}",
            url=url,
            published=timezone.localdate(),
            body=body,
            language="de",
            content_hash=digest,
            is_public=False,
        )
    existing = set(Suggestion.objects.filter(article=article).values_list("kind", "key"))
    new = []
    offset = 0
    for item in items:
        start, end = offset, offset + len(item.line)
        offset = end + 1
        keys = sorted(f"g{ref['geonameid']}" for ref in (item.a, item.b))
        key = f"{item.extracted['reconcile']}:{item.kind}:{'+'.join(keys)}"
        if (Suggestion.Kind.PARTNERSHIP, key) in existing:
            continue
        existing.add((Suggestion.Kind.PARTNERSHIP, key))
        new.append(
            Suggestion(
                article=article,
                kind=Suggestion.Kind.PARTNERSHIP,
                key=key,
                label=f"{item.a['name']} – {item.b['name']} ({Partnership.Kind(item.kind).label})"[:500],
                data={"a": item.a, "b": item.b, "kind": item.kind, "established": item.established},
                extracted=item.extracted,
                spans=[[start, end]],
                span_start=start,
                span_end=end,
            )
        )
    Suggestion.objects.bulk_create(new)
    if new:
        audit_log(
            actor=actor,
            action="review.suggestions_create",
            obj=article,
            changes={"partnership": len(new), "source": source},
        )
    return article, len(new)


REPORT_FIELDS = (
    "difference",
    "qid_a",
    "label_a",
    "qid_b",
    "label_b",
    "geonameid_a",
    "geonameid_b",
    "partnership",
    "our_date",
    "their_date",
    "our_sources",
)


def report_rows(result: Reconciliation, *, base: str) -> Iterable[dict[str, Any]]:
    for d in result.differences:
        a, b = d.places
        yield {
            "difference": d.kind,
            "qid_a": d.qids[0],
            "label_a": d.labels[0],
            "qid_b": d.qids[1],
            "label_b": d.labels[1],
            "geonameid_a": a.geonameid if a and a.geonameid else "",
            "geonameid_b": b.geonameid if b and b.geonameid else "",
            "partnership": f"{base}/partnerships/{d.partnership.pk}/" if d.partnership else "",
            "our_date": d.ours.iso() if d.ours else "",
            "their_date": d.theirs.iso() if d.theirs else "",
            "our_sources": " | ".join(url for _key, url in d.partnership.sources) if d.partnership else "",
        }


def report_write(result: Reconciliation, path: Path, *, base: str) -> Path:
    """The report as CSV (formula-like cells neutralised, `core.files.write_csv`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(path, fieldnames=REPORT_FIELDS, rows=report_rows(result, base=base))
    return path


_QS_PRECISION = {"year": 9, "month": 10, "day": 11}


def _qs_time(date: Any) -> str:
    """A QuickStatements time value: +1986-00-00T00:00:00Z/9 (precision 9 year, 10 month, 11 day)."""
    value = date.value
    month = value.month if date.precision in ("month", "day") else 0
    day = value.day if date.precision == "day" else 0
    return f"+{value.year:04d}-{month:02d}-{day:02d}T00:00:00Z/{_QS_PRECISION[date.precision]}"


def quickstatements(result: Reconciliation) -> list[str]:
    """QuickStatements (V1, tab-separated) for the statements Wikidata lacks and we can source: each
    with our start date (P580) where known and a reference URL (S854) of a citable source."""
    lines = []
    seen: set[tuple[str, str]] = set()
    for d in result.differences:
        if d.partnership is None or not d.partnership.citable:
            continue
        if d.kind == MISSING_THERE:
            statements = [d.qids, (d.qids[1], d.qids[0])]
        elif d.kind == ONE_SIDED:
            statements = [(d.qids[1], d.qids[0])]  # the missing reverse statement
        else:
            continue
        for subject, partner in statements:
            if (subject, partner) in seen:
                continue
            seen.add((subject, partner))
            parts = [subject, "P190", partner]
            if d.partnership.established:
                parts += ["P580", _qs_time(d.partnership.established)]
            parts += ["S854", f'"{d.partnership.citable[0]}"']
            lines.append("\t".join(parts))
    return lines


def quickstatements_write(result: Reconciliation, path: Path) -> tuple[Path, int]:
    lines = quickstatements(result)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path, len(lines)
