"""Reads shared by every app."""

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .audit import OBJECT_KEY
from .models import AuditEntry, Citation


def citations_for(record: models.Model) -> models.QuerySet[Citation]:
    return Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("source")


@dataclass(frozen=True)
class AuditLine:
    """One changed field of an audit entry, as an editor reads it."""

    field: str
    old: str
    new: str


def _shown(value: Any, limit: int = 300) -> str:
    if value is None:
        return "–"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def audit_lines(changes: Any) -> list[AuditLine]:
    """The field-by-field reading of `AuditEntry.changes`: [old, new] pairs as such, a delete's
    snapshot field by field, related rows and anything else as it is."""
    if not isinstance(changes, dict):
        return [AuditLine("", "", _shown(changes))]
    lines: list[AuditLine] = []
    for name, value in changes.items():
        if name == OBJECT_KEY:
            continue
        if isinstance(value, list) and len(value) == 2 and not isinstance(value[0], dict):
            lines.append(AuditLine(name, _shown(value[0]), _shown(value[1])))
        elif name == "deleted" and isinstance(value, dict):
            lines += [AuditLine(field, _shown(old), "–") for field, old in value.items()]
        elif name in ("cascade", "cleared") and isinstance(value, list):
            for row in value:
                what = f"{name}: {row.get('model', '')}#{row.get('id', '')} {row.get('repr', '')}".strip()
                if name == "cleared":
                    lines.append(AuditLine(f"{what} ({row.get('field', '')})", _shown(row.get("old")), "–"))
                else:
                    lines.append(AuditLine(what, _shown(row.get("data")), "–"))
        elif isinstance(value, dict) and set(value) <= {"added", "removed", "changed"}:
            for row in value.get("added", []):
                lines.append(AuditLine(f"{name} +", "–", _shown(row)))
            for row in value.get("removed", []):
                lines.append(AuditLine(f"{name} −", _shown(row), "–"))
            for pk, fields in value.get("changed", {}).items():
                for field, pair in fields.items():
                    lines.append(AuditLine(f"{name} #{pk} {field}", _shown(pair[0]), _shown(pair[1])))
        else:
            lines.append(AuditLine(name, "", _shown(value)))
    return lines


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    lines: list[AuditLine]


def audit_history(record: models.Model) -> list[AuditRow]:
    """The audit trail of one record, newest first, each entry read field by field."""
    found = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(record))
    if isinstance(record.pk, int):
        found = found.filter(object_id=record.pk)
    else:
        found = found.filter(**{f"changes__{OBJECT_KEY}": str(record.pk)})
    entries = found.select_related("actor").order_by("-at", "-pk")
    return [AuditRow(entry, audit_lines(entry.changes)) for entry in entries]


def source_licences() -> list[dict[str, Any]]:
    """What the registry's facts come from, under which licence (for the open data page): each
    dataset by name, the other kinds (press articles, web pages, documents) counted per licence."""
    from django.db.models import Count

    from .models import Source

    labels = {k: str(v) for k, v in Source.Kind.choices}
    rows: list[dict[str, Any]] = [
        {"kind": labels[Source.Kind.DATASET], "title": s.title, "url": s.url, "license": s.license, "count": 1}
        for s in Source.objects.filter(kind=Source.Kind.DATASET).order_by("title")
    ]
    grouped = (
        Source.objects.exclude(kind=Source.Kind.DATASET)
        .values("kind", "license")
        .annotate(n=Count("pk"))
        .order_by("kind", "license")
    )
    rows += [
        {"kind": labels.get(r["kind"], r["kind"]), "title": "", "url": "", "license": r["license"], "count": r["n"]}
        for r in grouped
    ]
    return rows
