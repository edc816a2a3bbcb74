"""Writes for ingestion and review: archive a release with its suggestions; accept, merge, edit, reject.

Every function is atomic and audited. Accepted and merged facts cite the article with the span the
suggestion was read from, so every record can be traced back to its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import nh3
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.activities.models import Activity
from twinning.activities.services import activity_create, activity_link
from twinning.core.audit import diff, snapshot
from twinning.core.dates import PartialDate
from twinning.core.errors import Conflict, NotFound, ValidationFailed
from twinning.core.services import Actor, audit_log, citation_add
from twinning.core.text import fold
from twinning.directory.models import ContactDetail, Organization, Person
from twinning.directory.services import (
    contact_detail_add,
    organization_get_or_create,
    person_get_or_create,
    role_add,
)
from twinning.extraction import ExtractionError, extract
from twinning.partnerships.models import Partnership
from twinning.partnerships.services import partnership_get_or_create
from twinning.places.models import Place
from twinning.places.services import place_create
from twinning.press.models import Article
from twinning.press.services import article_create, article_link

from . import selectors
from .models import Suggestion
from .text import content_hash, published_from, title_from

# --- ingestion ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IngestOutcome:
    article: Article
    created: bool
    suggestions: int


_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def sanitize_raw(text: str) -> str:
    """The raw source as stored: HTML goes through nh3 (no scripts, styles, event handlers or
    javascript: URLs survive); plain text without markup is kept as it is."""
    if _HTML_TAG.search(text):
        return nh3.clean(text)
    return text


def _decode(raw: bytes | str, *, name: str) -> str:
    from twinning.extraction.clean import decode

    return decode(raw, name=name)


def _valid_spans(spans: Any, length: int) -> list[list[int]]:
    valid = []
    for span in spans or []:
        try:
            start, end = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= start < end <= length and [start, end] not in valid:
            valid.append([start, end])
    return sorted(valid)


def _ref_key(ref: dict | None) -> str:
    if not ref:
        return "-"
    return f"g{ref['geonameid']}" if ref.get("geonameid") else f"n:{fold(ref.get('name') or '')}"


def _ref_name(ref: dict | None) -> str:
    return (ref or {}).get("name") or "?"


PARTNERSHIP_KINDS = {
    "twinning": Partnership.Kind.TWINNING,
    "friendship": Partnership.Kind.FRIENDSHIP,
    "project": Partnership.Kind.PROJECT,
    "climate": Partnership.Kind.CLIMATE,
    "solidarity": Partnership.Kind.SOLIDARITY,
    "contact": Partnership.Kind.CONTACT,
    "other": Partnership.Kind.CONTACT,
}
ACTIVITY_KINDS = {
    "festival": Activity.Kind.CULTURAL_EVENT,
    **{kind: kind for kind in Activity.Kind.values},
}


def _proposals(result: dict) -> list[tuple[str, str, str, dict, dict]]:
    """(kind, key, label, data, extracted item) for every fact of an extraction result."""
    out: list[tuple[str, str, str, dict, dict]] = []
    for item in result.get("places", []):
        label = item["name"] + (f" ({item['country']})" if item.get("country") else "")
        data = {k: item.get(k) for k in ("name", "geonameid", "country", "kind")}
        out.append((Suggestion.Kind.PLACE, _ref_key(item), label, data, item))
    for item in result.get("partnerships", []):
        kind: str = PARTNERSHIP_KINDS.get(item.get("kind") or "", Partnership.Kind.CONTACT)
        pair = sorted([_ref_key(item.get("a")), _ref_key(item.get("b"))])
        label = f"{_ref_name(item.get('a'))} – {_ref_name(item.get('b'))} ({Partnership.Kind(kind).label})"
        data = {"a": item.get("a"), "b": item.get("b"), "kind": kind, "established": None}
        out.append((Suggestion.Kind.PARTNERSHIP, f"{kind}:{'+'.join(pair)}", label, data, item))
    for item in result.get("people", []):
        label = ", ".join(x for x in (item.get("name"), item.get("role"), item.get("affiliation")) if x)
        data = {
            "name": item.get("name"),
            "role": item.get("role") or "",
            "affiliation": item.get("affiliation") or "",
            "visibility": "internal",
        }
        out.append((Suggestion.Kind.PERSON, fold(item.get("name") or ""), label, data, item))
    for item in result.get("organizations", []):
        data = {"name": item.get("name"), "kind": organization_kind_guess(item.get("name") or "")}
        out.append((Suggestion.Kind.ORGANIZATION, fold(item.get("name") or ""), item.get("name") or "", data, item))
    for item in result.get("events", []):
        kind = ACTIVITY_KINDS.get(item.get("kind") or "", Activity.Kind.OTHER)
        title = item.get("title") or str(Activity.Kind(kind).label)
        when = item.get("start") or ""
        label = f"{title} ({when})" if when else title
        data = {
            "title": title,
            "kind": kind,
            "start": item.get("start"),
            "end": item.get("end"),
            "precision": item.get("precision") or "day",
            "place": item.get("place"),
        }
        key = f"{kind}:{when}:{_ref_key(item.get('place'))}:{fold(title)}"
        out.append((Suggestion.Kind.ACTIVITY, key, label, data, item))
    for item in result.get("contacts", []):
        value = item.get("email") or item.get("phone") or ""
        label = " · ".join(x for x in (item.get("name"), item.get("email"), item.get("phone")) if x)
        data = {"name": item.get("name") or "", "email": item.get("email") or "", "phone": item.get("phone") or ""}
        out.append((Suggestion.Kind.CONTACT, fold(value) or fold(label), label, data, item))
    return out


def suggestions_create(*, article: Article, result: dict, actor: Actor) -> int:
    """Create the suggestions of an extraction result for its article (one per fact; the same fact
    mentioned twice gets both spans). Returns how many were created."""
    text = article.body
    by_key: dict[tuple[str, str], Suggestion] = {}
    for kind, key, label, data, item in _proposals(result):
        if not key:
            continue
        spans = _valid_spans(item.get("spans"), len(text))
        existing = by_key.get((kind, key[:300]))
        if existing is not None:
            existing.spans = sorted({tuple(s) for s in existing.spans} | {tuple(s) for s in spans})
            existing.spans = [list(s) for s in existing.spans]
            continue
        by_key[(kind, key[:300])] = Suggestion(
            article=article,
            kind=kind,
            key=key[:300],
            label=label[:500],
            data=data,
            extracted=item,
            spans=spans,
        )
    for suggestion in by_key.values():
        if suggestion.spans:
            suggestion.span_start, suggestion.span_end = suggestion.spans[0]
    created = Suggestion.objects.bulk_create(by_key.values())
    if created:
        audit_log(
            actor=actor,
            action="review.suggestions_create",
            obj=article,
            changes={kind: sum(1 for s in created if s.kind == kind) for kind in Suggestion.Kind.values},
        )
    return len(created)


@transaction.atomic
def article_ingest(
    *,
    raw: bytes | str,
    name: str,
    actor: Actor,
    published: date | None = None,
    publisher: Place | None = None,
    index: Any = None,
) -> IngestOutcome:
    """Archive one press release and queue its suggestions. The same content (whitespace aside)
    ingested again changes nothing. Unreadable input raises ValidationFailed naming `name`."""
    try:
        result = extract(
            raw, published=published, publisher=publisher.name if publisher else None, index=index, name=name
        )
        decoded = _decode(raw, name=name)
    except ExtractionError as error:
        message = str(error).removeprefix(f"{name}: ")
        raise ValidationFailed(message, where=name) from error
    text = result["text"]
    if not text.strip():
        raise ValidationFailed(_("no text left after removing the page furniture"), where=name)
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return IngestOutcome(article=existing, created=False, suggestions=0)
    when = published
    if when is None and result.get("published"):
        when = date.fromisoformat(result["published"])
    if when is None:
        when = published_from(text)
    raw_clean = sanitize_raw(decoded)
    title = title_from(text, raw=raw_clean) or name
    article = _same_release_archived_by_hand(title=title, published=when)
    if article is not None:
        # The release is archived already (typed in, or from the demo world) without its source
        # text: keep that record, and give it the full text, the raw source and the hash.
        article.body, article.raw, article.content_hash = text, raw_clean, digest
        article.full_clean()
        article.save(update_fields=["body", "raw", "content_hash", "updated_at"])
        audit_log(actor=actor, action="review.ingest.adopt", obj=article, changes={"file": name})
    else:
        article = article_create(
            title=title,
            actor=actor,
            source_key=f"sha256:{digest}",
            published=when,
            publisher_place=publisher,
            body=text,
            language=result.get("language") or "de",
            raw=raw_clean,
            content_hash=digest,
        )
    if article.body != text:
        raise ValidationFailed(_("the archived text differs from the extracted text"), where=name)
    count = suggestions_create(article=article, result=result, actor=actor)
    audit_log(actor=actor, action="review.ingest", obj=article, changes={"file": name, "suggestions": count})
    return IngestOutcome(article=article, created=True, suggestions=count)


def _same_release_archived_by_hand(*, title: str, published: date | None) -> Article | None:
    """An archived article with the same title and date but no source text of its own."""
    if published is None:
        return None
    key = fold(title)
    for article in Article.objects.filter(published=published, content_hash__isnull=True):
        if fold(article.title) == key:
            return article
    return None


# --- review decisions ---------------------------------------------------------------------------

_ORGANIZATION_KINDS = (
    (re.compile(r"botschaft|konsulat|embassy|consulate", re.I), Organization.Kind.EMBASSY),
    (re.compile(r"universit|hochschule|college|institut|akademie", re.I), Organization.Kind.UNIVERSITY),
    (re.compile(r"schule|gymnasium|school|lyc[ée]e", re.I), Organization.Kind.SCHOOL),
    (re.compile(r"ministeri|auswärtiges amt|staatskanzlei|regierung|ministry|government", re.I), "government"),
    (re.compile(r"museum|theater|bibliothek|orchester|museum|library", re.I), Organization.Kind.MUSEUM),
    (re.compile(r"\b(?:gmbh|ag|kg|inc|ltd|llc|se)\b", re.I), Organization.Kind.COMPANY),
    (re.compile(r"städtetag|netzwerk|network|engagement global|servicestelle|council", re.I), "network"),
    (re.compile(r"\be\.\s?v\.|verein|verband|gesellschaft|association|club|freundeskreis", re.I), "association"),
    (re.compile(r"\bamt\b|behörde|fachbereich|dezernat|referat|abteilung|geschäftsbereich", re.I), "municipal_office"),
)


def organization_kind_guess(name: str) -> str:
    """A first guess of an organization's kind from its name; the editor may correct it."""
    for pattern, kind in _ORGANIZATION_KINDS:
        if pattern.search(name):
            return str(kind)
    return Organization.Kind.OTHER


def _locked(suggestion: Suggestion) -> Suggestion:
    """The suggestion, re-read under a row lock; deciding twice is a Conflict."""
    fresh = Suggestion.objects.select_for_update().select_related("article", "article__source").get(pk=suggestion.pk)
    if fresh.status != Suggestion.Status.PENDING:
        raise Conflict(
            _("this suggestion was already decided (%(status)s)") % {"status": fresh.get_status_display()},
            where=f"suggestion #{fresh.pk}",
        )
    return fresh


def _quote(suggestion: Suggestion) -> str:
    span = suggestion.span
    return suggestion.article.body[span[0] : span[1]] if span else ""


def _cite(suggestion: Suggestion, record: models.Model, actor: Actor) -> None:
    """Cite the article for the record, once per span the suggestion was read from."""
    source = suggestion.article.source
    text = suggestion.article.body
    spans = suggestion.spans or []
    if not spans:
        citation_add(record=record, source=source, actor=actor)
    for start, end in spans:
        citation_add(record=record, source=source, quote=text[start:end], span=(start, end), actor=actor)


def _date(value: Any, precision: str = "day", *, where: str) -> PartialDate | None:
    if not value:
        return None
    parsed = PartialDate.parse(str(value), where=where)
    if parsed is None:
        return None
    if precision in ("year", "month") and parsed.precision == "day":
        parsed = PartialDate.parse(parsed.iso()[: 4 if precision == "year" else 7], where=where)
    return parsed


def _place_required(ref: dict | None, *, actor: Actor, where: str, create: bool) -> Place:
    place = selectors.place_for(ref)
    if place is not None:
        return place
    name = (ref or {}).get("name") or ""
    if ref and ref.get("geonameid"):
        raise NotFound(
            _("the place %(name)s (GeoNames %(id)s) is not in the gazetteer") % {"name": name, "id": ref["geonameid"]},
            where=where,
        )
    if not create or not name.strip():
        raise NotFound(_("no known place called %(name)r") % {"name": name}, where=where)
    return place_create(
        name=name,
        kind=(ref or {}).get("kind") or Place.Kind.MUNICIPALITY,
        country=(ref or {}).get("country"),
        actor=actor,
        where=where,
    )


# Functions held for a municipality: without a stated affiliation they are the home city's.
_MUNICIPAL_FUNCTION = re.compile(
    r"bürgermeister|beigeordnete|dezernent|stadtr[aä]t|ratsherr|ratsfrau|ratsmitglied|stadtdirektor|kämmerer|"
    r"landr[aä]t|mayor|councillor|cllr|city manager|alderman",
    re.IGNORECASE,
)


def home_place(article: Article) -> Place | None:
    """The municipality an article speaks for: its publisher's place, else the place every
    proposed partnership of the article shares."""
    if article.publisher_place is not None:
        return article.publisher_place
    common: set[str] | None = None
    refs: dict[str, dict] = {}
    for data in article.suggestions.filter(kind=Suggestion.Kind.PARTNERSHIP).values_list("data", flat=True):
        keys = set()
        for side in ("a", "b"):
            ref = data.get(side) or {}
            keys.add(_ref_key(ref))
            refs[_ref_key(ref)] = ref
        common = keys if common is None else common & keys
    if common and len(common) == 1:
        return selectors.place_for(refs[common.pop()])
    return None


def _affiliation(
    affiliation: str, *, function: str, article: Article, actor: Actor, where: str
) -> tuple[Organization | None, Place | None]:
    """A person's affiliation as a place ("Krefeld", "Stadt Dortmund") or an organization."""
    affiliation = affiliation.strip()
    if not affiliation:
        if _MUNICIPAL_FUNCTION.search(function):
            return None, home_place(article)
        return None, None
    bare = re.sub(r"^(?:der |die |des )?(?:Stadt|Gemeinde|City of|Town of)\s+", "", affiliation, flags=re.I)
    place = selectors.place_for({"name": bare})
    if place is not None and fold(place.name) == fold(bare):
        return None, place
    organization = selectors.organization_match(name=affiliation)
    if organization is None:
        organization, _created = organization_get_or_create(
            name=affiliation, kind=organization_kind_guess(affiliation), actor=actor, where=where
        )
    return organization, None


_M = TypeVar("_M", bound=models.Model)


def _target_as(target: models.Model | None, model: type[_M]) -> _M | None:
    """`target` as the record model of the suggestion's kind (suggestion_merge has checked it)."""
    assert target is None or isinstance(target, model), f"{target!r} is not a {model.__name__}"
    return target


def _apply(suggestion: Suggestion, *, target: models.Model | None, actor: Actor) -> models.Model:
    """Create the suggestion's record (target None) or fold it into `target`; link it to the article."""
    place: Place | None
    person: Person | None
    organization: Organization | None
    data = suggestion.data
    article = suggestion.article
    where = f"suggestion #{suggestion.pk}"
    kind = suggestion.kind
    if kind == Suggestion.Kind.PLACE:
        target_place = _target_as(target, Place)
        place = (
            target_place if target_place is not None else _place_required(data, actor=actor, where=where, create=True)
        )
        article_link(article=article, actor=actor, places=[place])
        return place
    if kind == Suggestion.Kind.PARTNERSHIP:
        established = _date(data.get("established"), where=where)
        target_partnership = _target_as(target, Partnership)
        if target_partnership is None:
            places = [_place_required(data.get(side), actor=actor, where=where, create=False) for side in ("a", "b")]
            partnership, _created = partnership_get_or_create(
                places=places,
                kind=data.get("kind") or Partnership.Kind.TWINNING,
                established=established,
                actor=actor,
                where=where,
            )
        else:
            partnership, _created = partnership_get_or_create(
                places=list(target_partnership.places.all()),
                kind=target_partnership.kind,
                established=established,
                actor=actor,
                where=where,
            )
        article_link(article=article, actor=actor, partnerships=[partnership])
        return partnership
    if kind == Suggestion.Kind.PERSON:
        name = (data.get("name") or "").strip()
        target_person = _target_as(target, Person)
        if target_person is None:
            person, _created = person_get_or_create(
                name=name, visibility=data.get("visibility") or "internal", actor=actor, where=where
            )
        else:
            person = target_person
        if data.get("role"):
            organization, place = _affiliation(
                data.get("affiliation") or "", function=data["role"], article=article, actor=actor, where=where
            )
            role = role_add(
                person=person, function=data["role"], organization=organization, place=place, actor=actor, where=where
            )
            _cite(suggestion, role, actor)
        article_link(article=article, actor=actor, people=[person])
        return person
    if kind == Suggestion.Kind.ORGANIZATION:
        target_organization = _target_as(target, Organization)
        if target_organization is None:
            organization, _created = organization_get_or_create(
                name=(data.get("name") or "").strip(),
                kind=data.get("kind") or Organization.Kind.OTHER,
                actor=actor,
                where=where,
            )
        else:
            organization = target_organization
        article_link(article=article, actor=actor, organizations=[organization])
        return organization
    if kind == Suggestion.Kind.ACTIVITY:
        place = selectors.place_for(data.get("place"))
        precision = data.get("precision") or "day"
        target_activity = _target_as(target, Activity)
        if target_activity is None:
            activity = activity_create(
                title=(data.get("title") or "").strip(),
                kind=data.get("kind") or Activity.Kind.OTHER,
                start=_date(data.get("start"), precision, where=where),
                end=_date(data.get("end"), precision, where=where),
                place=place,
                actor=actor,
                where=where,
            )
        else:
            activity = target_activity
            if place is not None:
                activity_link(activity=activity, places=[place], actor=actor, where=where)
        article_link(article=article, actor=actor, activities=[activity])
        return activity
    if kind == Suggestion.Kind.CONTACT:
        if target is not None:
            return target
        name = (data.get("name") or "").strip()
        person = organization = None
        if name:
            person, _created = person_get_or_create(name=name, actor=actor, where=where)
        elif article.publisher is not None:
            organization = article.publisher
        else:
            raise ValidationFailed(_("a contact needs the name of the person it belongs to"), where=where)
        details = [
            contact_detail_add(
                kind=detail_kind, value=data[field], person=person, organization=organization, actor=actor, where=where
            )
            for field, detail_kind in (("email", ContactDetail.Kind.EMAIL), ("phone", ContactDetail.Kind.PHONE))
            if (data.get(field) or "").strip()
        ]
        if not details:
            raise ValidationFailed(_("a contact needs an e-mail address or a phone number"), where=where)
        for detail in details[1:]:
            _cite(suggestion, detail, actor)
        if person is not None:
            article_link(article=article, actor=actor, people=[person])
        return details[0]
    raise ValidationFailed(_("unknown suggestion kind %(kind)r") % {"kind": kind}, where=where)


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
def suggestion_accept(*, suggestion: Suggestion, actor: Actor) -> Suggestion:
    """Create the proposed record (or reuse the identical one the services find: the same set of
    partner places and kind, the same person name), link it to the article and cite the span."""
    suggestion = _locked(suggestion)
    record = _apply(suggestion, target=None, actor=actor)
    _cite(suggestion, record, actor)
    return _decide(suggestion, status=Suggestion.Status.ACCEPTED, record=record, actor=actor)


@transaction.atomic
def suggestion_merge(*, suggestion: Suggestion, actor: Actor, target: models.Model | None = None) -> Suggestion:
    """Fold the suggestion into an existing record: the one the editor chose, else the proposed match."""
    suggestion = _locked(suggestion)
    where = f"suggestion #{suggestion.pk}"
    if target is None:
        target = selectors.suggestion_match(suggestion)
        if target is None:
            raise NotFound(_("there is no existing record to merge into; accept or edit instead"), where=where)
    expected = selectors.RECORD_MODELS[suggestion.kind]
    if not isinstance(target, expected):
        raise ValidationFailed(
            _("a %(kind)s suggestion cannot be merged into a %(model)s")
            % {"kind": suggestion.get_kind_display(), "model": target._meta.verbose_name},
            where=where,
        )
    record = _apply(suggestion, target=target, actor=actor)
    _cite(suggestion, record, actor)
    return _decide(suggestion, status=Suggestion.Status.MERGED, record=record, actor=actor)


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, actor: Actor, note: str = "") -> Suggestion:
    suggestion = _locked(suggestion)
    return _decide(suggestion, status=Suggestion.Status.REJECTED, record=None, actor=actor, note=note)


EDITABLE_FIELDS: dict[str, tuple[str, ...]] = {
    Suggestion.Kind.PLACE: ("name", "geonameid", "country"),
    Suggestion.Kind.PARTNERSHIP: ("a", "b", "kind", "established"),
    Suggestion.Kind.PERSON: ("name", "role", "affiliation", "visibility"),
    Suggestion.Kind.ORGANIZATION: ("name", "kind"),
    Suggestion.Kind.ACTIVITY: ("title", "kind", "start", "end", "precision", "place"),
    Suggestion.Kind.CONTACT: ("name", "email", "phone"),
}


@transaction.atomic
def suggestion_edit(*, suggestion: Suggestion, data: dict[str, Any], actor: Actor, accept: bool = True) -> Suggestion:
    """Correct the proposed fields (validated by the caller's form), then accept them if asked."""
    suggestion = _locked(suggestion)
    allowed = EDITABLE_FIELDS[suggestion.kind]
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
