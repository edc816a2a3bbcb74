"""Soft deletes: a record is removed from every page, API and search, but kept with everything
that went with it as a snapshot (`Deletion`) that a manager can restore, with the same ids.

Deleting collects what Django would cascade (roles, contact details, participations, link rows of
many-to-many relations on both sides) plus the citations of each collected record, serializes
them, audits the deletion, then deletes. Restoring saves the snapshot back, parents first."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import router, transaction
from django.db.models import Model
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.core.errors import Conflict
from twinning.core.models import Citation
from twinning.core.services import Actor, audit_log, clean_generic_references

from .models import Deletion, Office


def _collect(record: Model) -> list[Model]:
    """The record and what its deletion cascades to, in deletion order (dependents first)."""
    collector = Collector(using=router.db_for_write(type(record)))
    collector.collect([record])
    collector.sort()
    objects: list[Model] = []
    for queryset in collector.fast_deletes:
        objects.extend(queryset)
    for _model, instances in collector.data.items():
        objects.extend(instances)
    seen = {(type(o), o.pk) for o in objects}
    citations: list[Model] = []
    for obj in objects:
        if isinstance(obj, Citation):
            continue
        for citation in Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        ):
            if (Citation, citation.pk) not in seen:
                citations.append(citation)
                seen.add((Citation, citation.pk))
    return citations + objects


@transaction.atomic
def record_delete(*, record: Model, actor: Actor, office: Office | None = None) -> Deletion:
    objects = _collect(record)
    snapshot = json.loads(serializers.serialize("json", objects))
    deletion = Deletion.objects.create(
        office=office,
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        object_repr=str(record)[:300],
        snapshot=snapshot,
        deleted_by=actor.user_or_none,
    )
    label = type(record)._meta.model_name
    for citation in [o for o in objects if isinstance(o, Citation)]:
        citation.delete()
    # Nothing may keep pointing at what is deleted: suggestions that created it lose the link.
    _removed, cleared = clean_generic_references(objects)
    audit_log(
        actor=actor,
        action=f"{label}.delete",
        obj=record,
        changes={"deletion": deletion.pk, "records": len(objects), "cleared": cleared},
    )
    record.delete()
    return deletion


@transaction.atomic
def record_restore(*, deletion: Deletion, actor: Actor) -> Model:
    deletion = Deletion.objects.select_for_update().get(pk=deletion.pk)
    if deletion.restored_at is not None:
        raise Conflict(_("%(record)s has been restored already") % {"record": deletion.object_repr})
    model = deletion.content_type.model_class()
    assert model is not None
    if model._default_manager.filter(pk=deletion.object_id).exists():
        raise Conflict(_("a record with the id of %(record)s exists again") % {"record": deletion.object_repr})
    restored: Any = None
    # Deletion order is dependents first: restore in reverse, parents first; citations last.
    items = list(serializers.deserialize("json", json.dumps(deletion.snapshot)))
    citations = [i for i in items if isinstance(i.object, Citation)]
    for item in [*reversed([i for i in items if not isinstance(i.object, Citation)]), *citations]:
        item.m2m_data = {}  # the link rows are in the snapshot themselves
        item.save()
        if type(item.object) is model and item.object.pk == deletion.object_id:
            restored = item.object
    deletion.restored_at = timezone.now()
    deletion.restored_by = actor.user_or_none
    deletion.save(update_fields=["restored_at", "restored_by"])
    audit_log(actor=actor, action=f"{model._meta.model_name}.restore", obj=restored, changes={"deletion": deletion.pk})
    return restored
