"""Writes shared by every app: the audit trail, citations, and the helpers every service uses
(`clean_or_fail`, `unique_slug`, `cite`)."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, router, transaction
from django.utils.translation import gettext as _

from .audit import OBJECT_KEY, created, label, snapshot
from .errors import Conflict, ValidationFailed
from .models import AuditEntry, Citation, Source
from .text import slugify_name


@dataclass(frozen=True)
class Actor:
    """Who performs a write: a logged-in user, or a named channel such as "cli:demo"."""

    via: str
    user: AbstractBaseUser | AnonymousUser | None = None

    @property
    def user_or_none(self) -> User | None:
        """The authenticated user (AUTH_USER_MODEL is the stock `User`), else None."""
        user = self.user
        if not isinstance(user, User) or not user.is_authenticated:
            return None
        return user


SYSTEM = Actor(via="system")


def audit_log(*, actor: Actor, action: str, obj: models.Model, changes: dict[str, Any] | None = None) -> AuditEntry:
    """Write one audit entry. A create (action "<model>.create") records every field's new value
    as [null, new] (see core.audit), whatever else the caller adds; updates pass [old, new] pairs."""
    if action.endswith(".create"):
        values: dict[str, Any] = dict(created(snapshot(obj, many_to_many=False)))
        for key, value in (changes or {}).items():
            values.setdefault(key, value)
        changes = values
    object_id, changes = audit_target(obj.pk, changes or {})
    return AuditEntry.objects.create(
        actor=actor.user_or_none,
        via=actor.via[:100],
        action=action[:100],
        content_type=ContentType.objects.get_for_model(obj),
        object_id=object_id,
        object_repr=str(obj)[:300],
        changes=changes,
    )


def audit_target(pk: Any, changes: dict[str, Any]) -> tuple[int | None, dict[str, Any]]:
    """AuditEntry.object_id holds numeric keys; a record with a text key (a country's "DE") is
    found by `changes["object_key"]` instead (see selectors.audit_history)."""
    if isinstance(pk, int):
        return pk, changes
    return None, {**changes, OBJECT_KEY: str(pk)}


@transaction.atomic
def source_get_or_create(*, key: str, kind: str, title: str, url: str = "", license: str = "", actor: Actor) -> Source:
    source = Source.objects.filter(key=key).first()
    if source is not None:
        return source
    source = Source(key=key, kind=kind, title=title[:500], url=url, license=license)
    clean_or_fail(source, where=key)  # before saving: a bad URL is a message, not a traceback
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:  # another writer created the same key in between: theirs it is
        return Source.objects.get(key=key)
    audit_log(actor=actor, action="source.create", obj=source)
    return source


def citation_add(
    *,
    record: models.Model,
    source: Source,
    quote: str = "",
    span: tuple[int, int] | None = None,
    note: str = "",
    actor: Actor,
) -> Citation:
    """Cite `source` for `record`; citing the same span twice is a no-op."""
    content_type = ContentType.objects.get_for_model(record)
    start, end = span if span else (None, None)
    citation, created = Citation.objects.get_or_create(
        source=source,
        content_type=content_type,
        object_id=record.pk,
        span_start=start,
        span_end=end,
        defaults={"quote": quote, "note": note[:300]},
    )
    if created:
        audit_log(actor=actor, action="citation.add", obj=record, changes={"source": source.key})
    return citation


def cite(
    *,
    record: models.Model,
    source: Source | None,
    actor: Actor,
    quote: str = "",
    text: str = "",
    spans: Iterable[tuple[int, int]] = (),
) -> None:
    """Cite `source` for `record`: once per span of `text` (each quoting its span), or, without
    spans, once with `quote`. Without a source there is nothing to cite."""
    if source is None:
        return
    spans = list(spans)
    if not spans:
        citation_add(record=record, source=source, quote=quote, actor=actor)
    for start, end in spans:
        citation_add(record=record, source=source, quote=text[start:end], span=(start, end), actor=actor)


def clean_or_fail(obj: models.Model, *, where: str, exclude: Iterable[str] = ()) -> None:
    """`full_clean()`, with Django's ValidationError turned into our ValidationFailed."""
    try:
        obj.full_clean(exclude=list(exclude) or None)
    except ValidationError as error:
        details = "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
        raise ValidationFailed(details, where=where) from error


def unique_slug(model: type[models.Model], text: str, *, suffix: str = "") -> str:
    """A free slug for `model` from `text`: "name", then "name-suffix", then "name-2", "name-3", …"""
    base = slugify_name(text)[:180] or model.__name__.lower()
    candidates = [base] + ([f"{base}-{slugify_name(suffix)}"] if suffix else [])
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _generic_references() -> list[tuple[type[models.Model], GenericForeignKey]]:
    """Every model with a generic foreign key (citations, suggestions)."""
    found = []
    for model in apps.get_models():
        for field in model._meta.private_fields:
            if isinstance(field, GenericForeignKey):
                found.append((model, field))
    return found


def clean_generic_references(deleted: list[models.Model]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nothing may point at a deleted record: rows that exist only for it (citations: their
    content type is required) are deleted with it; rows that outlive it (suggestions: their
    record is optional) lose the pointer. Returns (deleted rows, cleared rows) for the audit."""
    by_type: dict[int, list[int]] = {}
    for instance in deleted:
        if not isinstance(instance.pk, int):
            continue  # generic references hold numeric ids only: nothing can point at a text key
        by_type.setdefault(ContentType.objects.get_for_model(instance).pk, []).append(instance.pk)
    removed: list[dict[str, Any]] = []
    cleared: list[dict[str, Any]] = []
    for model, field in _generic_references():
        ct_field = model._meta.get_field(field.ct_field)
        for type_id, ids in by_type.items():
            rows = model._default_manager.filter(**{field.ct_field: type_id, f"{field.fk_field}__in": ids})
            for row in rows:
                entry = {"model": label(row), "id": row.pk, "repr": str(row)[:200]}
                if ct_field.null:
                    old = f"{ContentType.objects.get_for_id(type_id).model}#{getattr(row, field.fk_field)}"
                    setattr(row, field.ct_field, None)
                    setattr(row, field.fk_field, None)
                    row.save(update_fields=[field.ct_field, field.fk_field])
                    cleared.append({**entry, "field": field.name, "old": old, "new": None})
                else:
                    removed.append({**entry, "data": snapshot(row, many_to_many=False)})
                    row.delete()
    return removed, cleared


@transaction.atomic
def record_delete(*, obj: models.Model, actor: Actor) -> AuditEntry:
    """Delete a record with everything that cascades from it, after writing one audit entry with a
    snapshot of the record, of every row deleted with it, and of every reference cleared. A
    protected reference refuses the delete (Conflict) and changes nothing."""
    using = router.db_for_write(type(obj))
    collector = NestedObjects(using=using)
    collector.collect([obj])  # protected references are gathered, not raised
    if collector.protected:
        blockers = ", ".join(sorted(f"{label(o)}#{o.pk}" for o in collector.protected)[:10])
        raise Conflict(
            _("%(record)s cannot be deleted: %(blockers)s still refer to it") % {"record": obj, "blockers": blockers},
            where=f"{label(obj)}#{obj.pk}",
        )
    cascade: list[dict[str, Any]] = []
    deleted: list[models.Model] = []
    for instances in collector.data.values():
        for instance in instances:
            deleted.append(instance)
            if type(instance) is type(obj) and instance.pk == obj.pk:
                continue
            cascade.append(
                {
                    "model": label(instance),
                    "id": instance.pk,
                    "repr": str(instance)[:200],
                    "data": snapshot(instance, many_to_many=False),
                }
            )
    removed, cleared = clean_generic_references(deleted)
    entry = audit_log(
        actor=actor,
        action=f"{obj._meta.model_name}.delete",
        obj=obj,
        changes={"deleted": snapshot(obj), "cascade": cascade + removed, "cleared": cleared},
    )
    obj.delete()
    return entry


class BulkAudit:
    """Audit entries for bulk writes (imports): one entry per record with its old and new values,
    written with bulk_create in batches at `flush()` — thousands of records stay fast."""

    BATCH = 2000

    def __init__(self, *, actor: Actor) -> None:
        self.actor = actor
        self.entries: list[AuditEntry] = []

    def add_ref(
        self, content_type: ContentType, object_id: int, object_repr: str, action: str, changes: dict[str, Any]
    ) -> None:
        self.entries.append(
            AuditEntry(
                actor=self.actor.user_or_none,
                via=self.actor.via[:100],
                action=action[:100],
                content_type=content_type,
                object_id=object_id,
                object_repr=object_repr[:300],
                changes=changes,
            )
        )  # imports write places and partnerships: numeric keys
        if len(self.entries) >= self.BATCH:
            self.flush()

    def add(self, obj: models.Model, action: str, changes: dict[str, Any]) -> None:
        self.add_ref(ContentType.objects.get_for_model(obj), obj.pk, str(obj), action, changes)

    def flush(self) -> None:
        AuditEntry.objects.bulk_create(self.entries, batch_size=self.BATCH)
        self.entries = []


SLUG_ATTEMPTS = 5


def save_with_unique_slug(
    obj: models.Model, *, text: str, suffix: str = "", slug: str | None = None, where: str = ""
) -> None:
    """Validate and insert `obj` under a free slug. The slug is allocated from `text` (see
    `unique_slug`); when another writer takes it between the check and the insert (two editors
    creating the same person at once: IntegrityError on the unique slug), it is allocated again,
    inside a savepoint so the surrounding transaction stays usable. A slug the caller chose (`slug`)
    is kept, and its conflict is the caller's error."""
    model = type(obj)
    for attempt in range(SLUG_ATTEMPTS):
        obj.slug = slug or unique_slug(model, text, suffix=suffix)  # type: ignore[attr-defined]
        clean_or_fail(obj, where=where)
        try:
            with transaction.atomic():
                obj.save()
            return
        except IntegrityError:
            taken = model._default_manager.filter(slug=obj.slug).exists()  # type: ignore[attr-defined]
            if slug or not taken or attempt == SLUG_ATTEMPTS - 1:
                raise


def lock_for(*parts: str) -> None:
    """Serialise, until the end of the current transaction, the writers that may create the same
    thing (two editors accepting the same new person from two articles): the second waits and then
    finds what the first created. PostgreSQL: a transaction-level advisory lock on a hash of
    `parts`; SQLite needs none (every transaction takes the write lock when it begins)."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])
