"""What an audit entry records: snapshots of records as JSON and the field-by-field difference of
two snapshots. Pure functions (no writes); the services and the admin call them.

Conventions of `AuditEntry.changes`:
- an update: {field: [old, new], ...} for the fields that changed (many-to-many fields as sorted
  lists of ids; related records edited inline under "<inline>": {"added": [...], "removed": [...],
  "changed": {pk: {field: [old, new]}}});
- a create: {field: [null, new], ...} for every field that has a value;
- a delete: {"deleted": snapshot, "cascade": [{"model", "id", "repr", "data"}, ...],
  "cleaned": [...]} — the record, what was deleted with it, and the references cleared.
Secrets (password hashes) are never written: a changed secret shows as "(changed)".
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import uuid
from typing import Any

from django.db import models

OBJECT_KEY = "object_key"  # in `changes`: the key of a record whose primary key is not a number
SECRET_FIELDS = frozenset({"password"})
SECRET = "(hidden)"  # noqa: S105 (a placeholder shown instead of a secret)
# Bookkeeping that changes on every save and says nothing an editor needs.
SKIPPED_FIELDS = frozenset({"updated_at"})


def json_value(value: Any) -> Any:
    """A field value as JSON: dates as ISO text, decimals and UUIDs as text, records as ids."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [json_value(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, bytes | memoryview):
        return f"({len(value)} bytes)"
    return str(value)


def snapshot(obj: models.Model, *, many_to_many: bool = True) -> dict[str, Any]:
    """Every concrete field of `obj` (foreign keys as ids) and, for a saved record, its
    many-to-many fields as sorted id lists."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        value = field.value_from_object(obj)
        if field.name in SECRET_FIELDS and value:
            # Never the secret itself; a short fingerprint only so that a change shows as a change.
            data[field.name] = f"{SECRET} {hashlib.sha256(str(value).encode()).hexdigest()[:8]}"
        else:
            data[field.name] = json_value(value)
    if many_to_many and obj.pk is not None:
        for m2m in obj._meta.many_to_many:
            manager = getattr(obj, m2m.name)
            data[m2m.name] = sorted(manager.values_list("pk", flat=True))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value differs between two snapshots."""
    changes: dict[str, list[Any]] = {}
    for name in list(before) + [n for n in after if n not in before]:
        old, new = before.get(name), after.get(name)
        if old != new:
            if name in SECRET_FIELDS:
                old, new = SECRET, "(changed)"
            changes[name] = [old, new]
    return changes


def created(after: dict[str, Any]) -> dict[str, list[Any]]:
    """A create as {field: [null, new]} for every field with a value."""
    return {name: [None, value] for name, value in after.items() if value not in (None, "", [], {})}


def rows_diff(before: dict[Any, dict[str, Any]], after: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    """Related records before and after (pk → snapshot): what was added, removed and changed."""
    result: dict[str, Any] = {}
    added = [after[pk] for pk in after if pk not in before]
    removed = [before[pk] for pk in before if pk not in after]
    changed = {str(pk): diff(before[pk], after[pk]) for pk in before if pk in after and before[pk] != after[pk]}
    if added:
        result["added"] = added
    if removed:
        result["removed"] = removed
    if changed:
        result["changed"] = changed
    return result


def label(obj: models.Model | type[models.Model]) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"
