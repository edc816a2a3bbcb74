"""Writes for partnerships: create (one per set of places and kind), merge new evidence, update, link."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _

from twinning.core.dates import PartialDate
from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.models import Source
from twinning.core.services import Actor, audit_log, cite, clean_or_fail
from twinning.directory.models import Organization, Person
from twinning.places.models import Place

from .models import Partnership, PartnershipMember


def member_key(places: Sequence[Place]) -> str:
    """The sorted place ids joined by "-": the identity of a set of partner places."""
    return member_key_of_ids(place.pk for place in places)


def member_key_of_ids(place_ids: Iterable[int]) -> str:
    return "-".join(str(pk) for pk in sorted(set(place_ids)))


def _names(places: Sequence[Place]) -> str:
    return _(" and ").join(str(place) for place in sorted(places, key=lambda p: p.name))


def _check_places(places: Sequence[Place], *, where: str) -> list[Place]:
    unique = list({place.pk: place for place in places}.values())
    if any(place.pk is None for place in unique):
        raise ValidationFailed(_("every partner place must be saved first"), where=where)
    if len(unique) < 2:
        raise ValidationFailed(
            _("a partnership needs at least two different places, got %(places)s")
            % {"places": _names(unique) or _("none")},
            where=where,
        )
    return unique


def _check_dates(established: PartialDate | None, ended: PartialDate | None, *, where: str) -> None:
    if established and ended and ended.last_day() < established.value:
        raise ValidationFailed(
            _("the partnership ended (%(ended)s) before it was established (%(established)s)")
            % {"ended": ended.iso(), "established": established.iso()},
            where=where,
        )


def _existing(places: Sequence[Place], kind: str) -> Partnership | None:
    return Partnership.objects.filter(member_key=member_key(places), kind=kind).first()


@transaction.atomic
def partnership_create(
    *,
    places: Sequence[Place],
    kind: str = Partnership.Kind.TWINNING,
    actor: Actor,
    established: PartialDate | None = None,
    ended: PartialDate | None = None,
    status: str = Partnership.Status.ACTIVE,
    description: str = "",
    source: Source | None = None,
    quote: str = "",
    where: str = "",
) -> Partnership:
    """Create a partnership between two or more places. The same places and kind twice is a Conflict."""
    unique = _check_places(places, where=where)
    _check_dates(established, ended, where=where)
    existing = _existing(unique, kind)
    if existing is not None:
        raise Conflict(
            _("a partnership (%(kind)s) between %(places)s exists already (#%(pk)s)")
            % {"kind": existing.get_kind_display(), "places": _names(unique), "pk": existing.pk},
            where=where,
        )
    partnership = Partnership(
        kind=kind,
        status=status,
        member_key=member_key(unique),
        description=description,
        **PartialDate.to_fields(established, "established"),
        **PartialDate.to_fields(ended, "ended"),
    )
    clean_or_fail(partnership, where=where)
    partnership.save()
    PartnershipMember.objects.bulk_create(PartnershipMember(partnership=partnership, place=p) for p in unique)
    audit_log(
        actor=actor,
        action="partnership.create",
        obj=partnership,
        changes={
            "places": [p.pk for p in unique],
            "kind": kind,
            "status": status,
            "established": established.iso() if established else None,
            "ended": ended.iso() if ended else None,
        },
    )
    cite(record=partnership, source=source, quote=quote, actor=actor)
    return partnership


def _merge_date(
    partnership: Partnership, field: str, new: PartialDate | None, *, source: Source | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Merge a reported date into a known one: fill it if empty, refine it if the new one is more
    precise and within it, otherwise keep it and note the disagreement. Returns (changes, conflicts)."""
    if new is None:
        return {}, {}
    known = PartialDate.from_fields(getattr(partnership, field), getattr(partnership, f"{field}_precision"))
    rank = {"year": 0, "month": 1, "day": 2}
    if known is None or (rank[new.precision] > rank[known.precision] and known.value <= new.value <= known.last_day()):
        setattr(partnership, field, new.value)
        setattr(partnership, f"{field}_precision", new.precision)
        return {field: [known.iso() if known else None, new.iso()]}, {}
    if known == new or (rank[new.precision] < rank[known.precision] and new.value <= known.value <= new.last_day()):
        return {}, {}  # the same, or a coarser date that agrees
    return {}, {field: {"kept": known.iso(), "reported": new.iso(), "source": source.key if source else None}}


class PartnershipFields(TypedDict, total=False):
    """The optional arguments of `partnership_create`, which `partnership_get_or_create` passes on."""

    kind: str
    established: PartialDate | None
    ended: PartialDate | None
    status: str
    description: str
    source: Source | None
    quote: str
    where: str


@transaction.atomic
def partnership_get_or_create(
    *, places: Sequence[Place], actor: Actor, **fields: Unpack[PartnershipFields]
) -> tuple[Partnership, bool]:
    """The partnership of these places and kind, created if new (same arguments as
    `partnership_create`). An existing one gains the citation of `source` and any date it lacked; a
    known date is never overwritten by a different one: the disagreement is recorded in the audit
    trail ("partnership.conflict")."""
    where = fields.get("where", "")
    established, ended = fields.get("established"), fields.get("ended")
    source, quote, description = fields.get("source"), fields.get("quote", ""), fields.get("description", "")
    unique = _check_places(places, where=where)
    _check_dates(established, ended, where=where)
    partnership = _existing(unique, fields.get("kind", Partnership.Kind.TWINNING))
    if partnership is None:
        return partnership_create(places=unique, actor=actor, **fields), True
    changes: dict[str, Any] = {}
    conflicts: dict[str, Any] = {}
    for field, new in (("established", established), ("ended", ended)):
        changed, conflicting = _merge_date(partnership, field, new, source=source)
        changes.update(changed)
        conflicts.update(conflicting)
    if description and not partnership.description:
        partnership.description = description
        changes["description"] = ["", description]
    if changes:
        _check_dates(partnership.since, partnership.until, where=where)
        clean_or_fail(partnership, where=where)
        partnership.save()
        audit_log(actor=actor, action="partnership.update", obj=partnership, changes=changes)
    if conflicts:
        audit_log(actor=actor, action="partnership.conflict", obj=partnership, changes=conflicts)
    cite(record=partnership, source=source, quote=quote, actor=actor)
    return partnership, False


_UPDATABLE = {"kind", "status", "established", "ended", "description"}


@transaction.atomic
def partnership_update(*, partnership: Partnership, actor: Actor, where: str = "", **fields: Any) -> Partnership:
    """Change kind, status, established/ended (PartialDate or None) or description."""
    unknown = set(fields) - _UPDATABLE
    if unknown:
        raise ValidationFailed(
            _("cannot update %(fields)s of a partnership") % {"fields": ", ".join(sorted(unknown))},
            where=where,
        )
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        if name in ("established", "ended"):
            old = PartialDate.from_fields(getattr(partnership, name), getattr(partnership, f"{name}_precision"))
            if old == value:
                continue
            for field_name, stored in PartialDate.to_fields(value, name).items():
                setattr(partnership, field_name, stored)
            changes[name] = [old.iso() if old else None, value.iso() if value else None]
        elif getattr(partnership, name) != value:
            changes[name] = [getattr(partnership, name), value]
            setattr(partnership, name, value)
    if not changes:
        return partnership
    _check_dates(partnership.since, partnership.until, where=where)
    if "kind" in changes:
        clash = (
            Partnership.objects.filter(member_key=partnership.member_key, kind=partnership.kind)
            .exclude(pk=partnership.pk)
            .first()
        )
        if clash is not None:
            raise Conflict(
                _("a partnership (%(kind)s) between %(places)s exists already (#%(pk)s)")
                % {"kind": clash.get_kind_display(), "places": _names(list(clash.places.all())), "pk": clash.pk},
                where=where,
            )
    clean_or_fail(partnership, where=where)
    partnership.save()
    audit_log(actor=actor, action="partnership.update", obj=partnership, changes=changes)
    return partnership


@transaction.atomic
def partnership_add_supporter(
    *,
    partnership: Partnership,
    organization: Organization,
    actor: Actor,
    source: Source | None = None,
    quote: str = "",
) -> Partnership:
    """Record an organization supporting the partnership (e.g. a sister-cities association)."""
    if not partnership.supporting_organizations.filter(pk=organization.pk).exists():
        partnership.supporting_organizations.add(organization)
        audit_log(
            actor=actor,
            action="partnership.add_supporter",
            obj=partnership,
            changes={"organization": organization.pk},
        )
    cite(record=partnership, source=source, quote=quote, actor=actor)
    return partnership


@transaction.atomic
def partnership_add_contact(
    *,
    partnership: Partnership,
    person: Person,
    actor: Actor,
    source: Source | None = None,
    quote: str = "",
) -> Partnership:
    """Record a contact person of the partnership."""
    if not partnership.contacts.filter(pk=person.pk).exists():
        partnership.contacts.add(person)
        audit_log(actor=actor, action="partnership.add_contact", obj=partnership, changes={"person": person.pk})
    cite(record=partnership, source=source, quote=quote, actor=actor)
    return partnership


# --- bulk ----------------------------------------------------------------------------------------


def partnerships_bulk_create(
    *,
    members: Sequence[Sequence[int]],
    kind: str,
    established: Sequence[PartialDate | None] | None = None,
    batch_size: int = 2000,
) -> list[Partnership]:
    """Create many partnerships of one kind at once (an import), each between the places of one
    entry of `members` (place ids), with its member rows and `member_key`; `established` gives each
    one's date. No checks beyond the database's and no audit entries: the caller (an import in its
    own transaction) has checked the places and audits the whole. Bulk writes bypass `save()`."""
    dates = list(established) if established is not None else [None] * len(members)
    created = Partnership.objects.bulk_create(
        [
            Partnership(
                kind=kind,
                status=Partnership.Status.ACTIVE,
                member_key=member_key_of_ids(places),
                **PartialDate.to_fields(date, "established"),
            )
            for places, date in zip(members, dates, strict=True)
        ],
        batch_size=batch_size,
    )
    PartnershipMember.objects.bulk_create(
        [
            PartnershipMember(partnership_id=partnership.pk, place_id=place)
            for partnership, places in zip(created, members, strict=True)
            for place in dict.fromkeys(places)
        ],
        batch_size=batch_size,
    )
    return created
