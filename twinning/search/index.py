"""Keeping the search documents in step with the registry.

Each searchable record becomes one `SearchDocument` (title and the text readers see); the
database's full-text index follows it (`backends.write`). Saves and deletes of articles,
activities, programmes and organizations update their document in the same transaction (so a
rolled-back write leaves no document behind); `rebuild()` (the `search_index` command) recreates
all of them after bulk writes that bypass `save()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from . import backends
from .models import SearchDocument

BATCH = 2000


def _activity_kind_labels(kind: str) -> str:
    """The activity kind in German and English ("Schüleraustausch school exchange"): a reader
    searches for what the thing is called, not only for the words of its description."""
    from twinning.activities.models import Activity

    labels = []
    for language in ("de", "en"):
        with translation.override(language):
            labels.append(str(dict(Activity.Kind.choices).get(kind, "")))
    return " ".join(dict.fromkeys(label for label in labels if label))


def _join(*parts: Any) -> str:
    return "\n".join(str(p).strip() for p in parts if p and str(p).strip())


def document_for(kind: str, obj: Any) -> SearchDocument:
    if kind == SearchDocument.Kind.ARTICLE:
        return SearchDocument(
            kind=kind, object_id=obj.pk, title=obj.title, text=_join(obj.teaser, obj.body), day=obj.published
        )
    if kind == SearchDocument.Kind.ACTIVITY:
        text = _join(_activity_kind_labels(obj.kind), obj.description, obj.outcomes, obj.venue)
        return SearchDocument(kind=kind, object_id=obj.pk, title=obj.title, text=text, day=obj.start)
    if kind == SearchDocument.Kind.PROGRAMME:
        return SearchDocument(
            kind=kind, object_id=obj.pk, title=obj.name, text=_join(obj.description, obj.goals), day=obj.start
        )
    return SearchDocument(kind=kind, object_id=obj.pk, title=obj.name, text=_join(obj.short_name, obj.description))


def _models() -> dict[str, Any]:
    from twinning.activities.models import Activity, Programme
    from twinning.directory.models import Organization
    from twinning.press.models import Article

    return {
        SearchDocument.Kind.ARTICLE: Article,
        SearchDocument.Kind.ACTIVITY: Activity,
        SearchDocument.Kind.PROGRAMME: Programme,
        SearchDocument.Kind.ORGANIZATION: Organization,
    }


def index_record(kind: str, obj: Any) -> None:
    fresh = document_for(kind, obj)
    with transaction.atomic():
        doc, _created = SearchDocument.objects.update_or_create(
            kind=kind, object_id=obj.pk, defaults={"title": fresh.title[:500], "text": fresh.text, "day": fresh.day}
        )
        backends.write([doc])


def remove_record(kind: str, object_id: int) -> None:
    with transaction.atomic():
        ids = list(SearchDocument.objects.filter(kind=kind, object_id=object_id).values_list("pk", flat=True))
        backends.delete(ids)
        SearchDocument.objects.filter(pk__in=ids).delete()


def _documents() -> Iterator[SearchDocument]:
    for kind, model in _models().items():
        for obj in model.objects.order_by("pk").iterator(chunk_size=BATCH):
            yield document_for(kind, obj)


def _batches(items: Iterable[SearchDocument]) -> Iterator[list[SearchDocument]]:
    batch: list[SearchDocument] = []
    for item in items:
        item.title = item.title[:500]
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


@transaction.atomic
def rebuild() -> int:
    """Recreate every search document and the full-text index; returns how many."""
    backends.clear()
    SearchDocument.objects.all().delete()
    count = 0
    for batch in _batches(_documents()):
        created = SearchDocument.objects.bulk_create(batch)
        if any(doc.pk is None for doc in created):  # backends without RETURNING: read the ids back
            created = list(SearchDocument.objects.order_by("-pk")[: len(batch)])[::-1]
        backends.write(created)
        count += len(created)
    return count


def _saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    kind = _kind_of(sender)
    if kind:
        index_record(kind, instance)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    kind = _kind_of(sender)
    if kind:
        remove_record(kind, instance.pk)


def _kind_of(model: Any) -> str | None:
    return next((kind for kind, m in _models().items() if m is model), None)


def connect() -> None:
    for kind, model in _models().items():
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{kind}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{kind}")
