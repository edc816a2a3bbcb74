"""Writes shared by every app: the audit trail, citations, and the helpers every service uses
(`clean_or_fail`, `unique_slug`, `cite`)."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from .errors import ValidationFailed
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
    return AuditEntry.objects.create(
        actor=actor.user_or_none,
        via=actor.via[:100],
        action=action[:100],
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        changes=changes or {},
    )


@transaction.atomic
def source_get_or_create(*, key: str, kind: str, title: str, url: str = "", license: str = "", actor: Actor) -> Source:
    source, created = Source.objects.get_or_create(
        key=key, defaults={"kind": kind, "title": title[:500], "url": url, "license": license}
    )
    if created:
        source.full_clean()
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
