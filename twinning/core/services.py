"""Writes shared by every app: the audit trail and citations."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .models import AuditEntry, Citation, Source


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
