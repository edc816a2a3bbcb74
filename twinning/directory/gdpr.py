"""Personal data rights (GDPR Art. 15, 17, 20): a person's data as JSON, and erasure by anonymisation.

Erasure keeps the record (so activities keep their participant counts and the audit trail its
shape) but removes the name, title, contact details, roles' personal links, consent notes, the
quotes that cite the person, the name in archived articles that mention them (replaced by blocks of
the same length, so every stored character span stays valid), and the personal values in the audit
trail. The audit keeps that the erasure happened, by whom and when, not the data.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from twinning.core.models import AuditEntry, Citation
from twinning.core.services import Actor, audit_log

from .models import ContactDetail, Person, Role

ERASED_NAME = "[gelöscht]"


def person_export(person: Person) -> dict[str, Any]:
    """Everything stored about a person, as JSON-ready data (Art. 15 and 20)."""
    person_type = ContentType.objects.get_for_model(Person)
    return {
        "person": {
            "id": person.pk,
            "name": person.name,
            "title": person.honorific,
            "slug": person.slug,
            "visibility": person.visibility,
            "created": person.created_at.isoformat(),
            "updated": person.updated_at.isoformat(),
        },
        "roles": [
            {
                "function": r.function,
                "organization": r.organization.name if r.organization else None,
                "place": r.place.name if r.place else None,
                "since": r.start.isoformat() if r.start else None,
                "until": r.end.isoformat() if r.end else None,
                "contact_person": r.is_contact,
            }
            for r in person.roles.select_related("organization", "place")
        ],
        "contact_details": [
            {"kind": c.kind, "value": c.value, "visibility": c.visibility} for c in person.contacts.all()
        ],
        "participations": [
            {
                "activity": p.activity.title,
                "start": p.activity.start.isoformat() if p.activity.start else None,
                "role": p.role,
            }
            for p in person.participations.select_related("activity")
        ],
        "partnership_contact_of": [str(p) for p in person.partnership_contacts.prefetch_related("members__place")],
        "mentioned_in_articles": [{"title": a.title, "slug": a.slug} for a in person.articles.all()],
        "consents": [
            {"given": c.given, "on": c.on.isoformat(), "note": c.note, "recorded": c.recorded_at.isoformat()}
            for c in person.consents.all()
        ],
        "citations": [
            {"source": c.source.title, "quote": c.quote}
            for c in Citation.objects.filter(content_type=person_type, object_id=person.pk).select_related("source")
        ],
        "history": [
            {"at": e.at.isoformat(), "action": e.action, "via": e.via}
            for e in AuditEntry.objects.filter(content_type=person_type, object_id=person.pk).order_by("at")
        ],
    }


def _redact(text: str, names: list[str]) -> str:
    for name in names:
        text = re.sub(re.escape(name), lambda m: "█" * len(m.group(0)), text, flags=re.IGNORECASE)
    return text


@transaction.atomic
def person_erase(*, person: Person, actor: Actor) -> Person:
    """Anonymise a person (Art. 17). Irreversible."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    # The full name, the surname alone, and the person's contact values (a phone number quoted in a
    # press release), longest first.
    surname = person.name.split()[-1] if person.name.split() else ""
    values = [person.name, str(person), surname, *person.contacts.values_list("value", flat=True)]
    names = sorted({n.strip() for n in values if len(n.strip()) >= 4}, key=len, reverse=True)
    person_type = ContentType.objects.get_for_model(Person)
    detail_type = ContentType.objects.get_for_model(ContactDetail)
    role_type = ContentType.objects.get_for_model(Role)
    details = list(person.contacts.values_list("pk", flat=True))
    roles = list(person.roles.values_list("pk", flat=True))
    # Articles that mention the person: the name is blacked out with blocks of the same length.
    for article in person.articles.all():
        article.title = _redact(article.title, names)
        article.teaser = _redact(article.teaser, names)
        article.body = _redact(article.body, names)
        article.raw = _redact(article.raw, names)
        article.save(update_fields=["title", "teaser", "body", "raw", "updated_at"])
        for suggestion in article.suggestions.all():
            suggestion.label = _redact(suggestion.label, names)
            suggestion.data = _redact_json(suggestion.data, names)
            suggestion.extracted = _redact_json(suggestion.extracted, names)
            suggestion.save(update_fields=["label", "data", "extracted", "updated_at"])
    person.articles.clear()
    Citation.objects.filter(
        Q(content_type=person_type, object_id=person.pk)
        | Q(content_type=detail_type, object_id__in=details)
        | Q(content_type=role_type, object_id__in=roles)
    ).update(quote="", note="")
    ContactDetail.objects.filter(pk__in=details).delete()
    person.consents.update(note="")
    person.partnership_contacts.clear()
    person.roles.update(is_contact=False)
    # The audit trail keeps what happened, not the personal values.
    AuditEntry.objects.filter(
        Q(content_type=person_type, object_id=person.pk)
        | Q(content_type=detail_type, object_id__in=details)
        | Q(content_type=role_type, object_id__in=roles)
    ).update(object_repr=f"person #{person.pk} (erased)", changes={})
    for entry in AuditEntry.objects.filter(changes__person=person.pk).exclude(content_type=person_type):
        entry.changes = {k: v for k, v in entry.changes.items() if k not in {"name", "value"}}
        entry.save(update_fields=["changes"])
    person.name = ERASED_NAME
    person.honorific = ""
    person.slug = f"erased-{person.pk}"
    person.visibility = "internal"
    person.save()
    audit_log(actor=actor, action="person.erase", obj=person, changes={})
    return person


def _redact_json(value: Any, names: list[str]) -> Any:
    if isinstance(value, str):
        return _redact(value, names)
    if isinstance(value, list):
        return [_redact_json(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _redact_json(v, names) for k, v in value.items()}
    return value
