"""Writes for the directory: organizations, people, their roles and contact details."""

from __future__ import annotations

from typing import Any, TypedDict, Unpack

from django.db import models, transaction
from django.utils.translation import gettext as _

from twinning.core.dates import PartialDate
from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.models import Source, Visibility
from twinning.core.services import Actor, audit_log, cite, clean_or_fail, save_with_unique_slug
from twinning.places.models import Place

from .models import ContactDetail, Organization, Person, Role, contact_value_problem


def _check_visibility(visibility: str, *, where: str) -> None:
    if visibility not in Visibility.values:
        raise ValidationFailed(
            _("unknown visibility %(value)r (public or internal)") % {"value": visibility}, where=where
        )


# --- organizations -------------------------------------------------------------------------------


@transaction.atomic
def organization_create(
    *,
    name: str,
    kind: str,
    actor: Actor,
    seat: Place | None = None,
    parent: Organization | None = None,
    short_name: str = "",
    website: str = "",
    description: str = "",
    slug: str | None = None,
    source: Source | None = None,
    quote: str = "",
    where: str = "",
) -> Organization:
    """Create an organization. The same name at the same seat twice (or a taken slug) is a Conflict."""
    name = name.strip()
    if not name:
        raise ValidationFailed(_("an organization needs a name"), where=where)
    if slug and Organization.objects.filter(slug=slug).exists():
        raise Conflict(_("the organization slug %(slug)r is taken") % {"slug": slug}, where=where)
    same = Organization.objects.filter(name__iexact=name, seat=seat).first()
    if same is not None:
        raise Conflict(
            _("an organization named %(name)r exists already (%(slug)s)") % {"name": same.name, "slug": same.slug},
            where=where,
        )
    organization = Organization(
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        seat=seat,
        website=website,
        description=description,
    )
    save_with_unique_slug(organization, text=name, suffix=seat.name if seat else "", slug=slug, where=where)
    audit_log(
        actor=actor,
        action="organization.create",
        obj=organization,
        changes={
            "name": name,
            "kind": kind,
            "seat": seat.pk if seat else None,
            "parent": parent.pk if parent else None,
        },
    )
    cite(record=organization, source=source, quote=quote, actor=actor)
    return organization


class OrganizationFields(TypedDict, total=False):
    """The optional arguments of `organization_create`, which `organization_get_or_create` passes on."""

    seat: Place | None
    parent: Organization | None
    short_name: str
    website: str
    description: str
    slug: str | None
    source: Source | None
    quote: str
    where: str


@transaction.atomic
def organization_get_or_create(
    *, name: str, kind: str, actor: Actor, **fields: Unpack[OrganizationFields]
) -> tuple[Organization, bool]:
    """The organization with this slug (or else this name at this seat), created if new (same
    arguments as `organization_create`); an existing one gains the citation and any empty field
    given here."""
    slug, seat, where = fields.get("slug"), fields.get("seat"), fields.get("where", "")
    source, quote = fields.get("source"), fields.get("quote", "")
    if slug:
        existing = Organization.objects.filter(slug=slug).first()
    else:
        existing = Organization.objects.filter(name__iexact=name.strip(), seat=seat).first()
    if existing is None:
        return organization_create(name=name, kind=kind, actor=actor, **fields), True
    changes: dict[str, Any] = {}
    for field, value in (
        ("short_name", fields.get("short_name")),
        ("website", fields.get("website")),
        ("description", fields.get("description")),
        ("parent", fields.get("parent")),
        ("seat", seat),
    ):
        if value and not getattr(existing, field):
            setattr(existing, field, value)
            changes[field] = str(value)
    if changes:
        clean_or_fail(existing, where=where)
        existing.save()
        audit_log(actor=actor, action="organization.update", obj=existing, changes=changes)
    cite(record=existing, source=source, quote=quote, actor=actor)
    return existing, False


# --- people --------------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    name: str,
    actor: Actor,
    honorific: str = "",
    visibility: str = Visibility.INTERNAL,
    slug: str | None = None,
    source: Source | None = None,
    quote: str = "",
    where: str = "",
) -> Person:
    """Create a person (internal unless they are named in public as an office holder or participant)."""
    name = name.strip()
    if not name:
        raise ValidationFailed(_("a person needs a name"), where=where)
    _check_visibility(visibility, where=where)
    if slug and Person.objects.filter(slug=slug).exists():
        raise Conflict(_("the person slug %(slug)r is taken") % {"slug": slug}, where=where)
    person = Person(name=name, honorific=honorific, visibility=visibility)
    save_with_unique_slug(person, text=name, slug=slug, where=where)
    audit_log(actor=actor, action="person.create", obj=person, changes={"name": name, "visibility": visibility})
    cite(record=person, source=source, quote=quote, actor=actor)
    return person


class PersonFields(TypedDict, total=False):
    """The optional arguments of `person_create`, which `person_get_or_create` passes on."""

    honorific: str
    visibility: str
    slug: str | None
    source: Source | None
    quote: str
    where: str


@transaction.atomic
def person_get_or_create(*, name: str, actor: Actor, **fields: Unpack[PersonFields]) -> tuple[Person, bool]:
    """The person with this slug (or else exactly this name), created if new (same arguments as
    `person_create`). Visibility of an existing person is never widened here: making someone
    public is a deliberate `person_update`."""
    slug, where, honorific = fields.get("slug"), fields.get("where", ""), fields.get("honorific", "")
    source, quote = fields.get("source"), fields.get("quote", "")
    _check_visibility(fields.get("visibility", Visibility.INTERNAL), where=where)
    existing = Person.objects.filter(slug=slug).first() if slug else Person.objects.filter(name=name.strip()).first()
    if existing is None:
        return person_create(name=name, actor=actor, **fields), True
    if honorific and not existing.honorific:
        existing.honorific = honorific
        existing.save(update_fields=["honorific", "updated_at"])
        audit_log(actor=actor, action="person.update", obj=existing, changes={"honorific": ["", honorific]})
    cite(record=existing, source=source, quote=quote, actor=actor)
    return existing, False


@transaction.atomic
def person_update(*, person: Person, actor: Actor, where: str = "", **fields: Any) -> Person:
    """Change a person's name, honorific or visibility."""
    unknown = set(fields) - {"name", "honorific", "visibility"}
    if unknown:
        raise ValidationFailed(
            _("cannot update %(fields)s of a person") % {"fields": ", ".join(sorted(unknown))}, where=where
        )
    if "visibility" in fields:
        _check_visibility(fields["visibility"], where=where)
    changes = {k: [getattr(person, k), v] for k, v in fields.items() if getattr(person, k) != v}
    if not changes:
        return person
    for field, value in fields.items():
        setattr(person, field, value)
    clean_or_fail(person, where=where)
    person.save()
    audit_log(actor=actor, action="person.update", obj=person, changes=changes)
    return person


@transaction.atomic
def role_add(
    *,
    person: Person,
    function: str,
    actor: Actor,
    organization: Organization | None = None,
    place: Place | None = None,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    is_contact: bool = False,
    source: Source | None = None,
    quote: str = "",
    where: str = "",
) -> Role:
    """Give a person a function at an organization and/or for a place. Adding the same role again
    returns the existing one (becoming a contact person if asked)."""
    function = function.strip()
    if not function:
        raise ValidationFailed(_("a role needs a function"), where=where)
    if start and end and end.last_day() < start.value:
        raise ValidationFailed(
            _("the role ends (%(end)s) before it starts (%(start)s)") % {"end": end.iso(), "start": start.iso()},
            where=where,
        )
    role = Role.objects.filter(person=person, function=function, organization=organization, place=place).first()
    if role is not None:
        if is_contact and not role.is_contact:
            role.is_contact = True
            role.save(update_fields=["is_contact", "updated_at"])
            audit_log(actor=actor, action="role.update", obj=role, changes={"is_contact": [False, True]})
        cite(record=role, source=source, quote=quote, actor=actor)
        return role
    role = Role(
        person=person,
        function=function,
        organization=organization,
        place=place,
        **PartialDate.to_fields(start, "start"),
        **PartialDate.to_fields(end, "end"),
        is_contact=is_contact,
    )
    clean_or_fail(role, where=where)
    role.save()
    audit_log(
        actor=actor,
        action="role.add",
        obj=role,
        changes={
            "person": person.pk,
            "function": function,
            "organization": organization.pk if organization else None,
            "place": place.pk if place else None,
        },
    )
    cite(record=role, source=source, quote=quote, actor=actor)
    return role


@transaction.atomic
def contact_detail_add(
    *,
    kind: str,
    value: str,
    actor: Actor,
    person: Person | None = None,
    organization: Organization | None = None,
    visibility: str = Visibility.INTERNAL,
    source: Source | None = None,
    quote: str = "",
    where: str = "",
) -> ContactDetail:
    """Add an e-mail, phone, room, postal address or web page to a person or organization
    (the same detail twice is a no-op)."""
    value = value.strip()
    if person is None and organization is None:
        raise ValidationFailed(_("a contact detail belongs to a person or an organization"), where=where)
    if kind not in ContactDetail.Kind.values:
        raise ValidationFailed(
            _("unknown contact kind %(kind)r (one of %(kinds)s)")
            % {"kind": kind, "kinds": ", ".join(ContactDetail.Kind.values)},
            where=where,
        )
    _check_visibility(visibility, where=where)
    problem = contact_value_problem(kind, value)
    if problem:
        raise ValidationFailed(problem, where=where)
    if not value:
        raise ValidationFailed(_("a contact detail needs a value"), where=where)
    existing = ContactDetail.objects.filter(kind=kind, value=value, person=person, organization=organization).first()
    if existing is not None:
        cite(record=existing, source=source, quote=quote, actor=actor)
        return existing
    detail = ContactDetail(kind=kind, value=value, person=person, organization=organization, visibility=visibility)
    clean_or_fail(detail, where=where)
    detail.save()
    audit_log(
        actor=actor,
        action="contact_detail.add",
        obj=detail,
        changes={
            "kind": kind,
            "person": person.pk if person else None,
            "organization": organization.pk if organization else None,
            "visibility": visibility,
        },
    )
    cite(record=detail, source=source, quote=quote, actor=actor)
    return detail


_ORGANIZATION_FIELDS = {"name", "short_name", "kind", "seat", "website", "description"}


@transaction.atomic
def organization_update(*, organization: Organization, actor: Actor, where: str = "", **fields: Any) -> Organization:
    """Change an organization's name, short name, kind, seat, website or description."""
    unknown = set(fields) - _ORGANIZATION_FIELDS
    if unknown:
        raise ValidationFailed(
            _("cannot update %(fields)s of an organization") % {"fields": ", ".join(sorted(unknown))}, where=where
        )
    changes = {
        k: [str(getattr(organization, k) or ""), str(v or "")]
        for k, v in fields.items()
        if getattr(organization, k) != v
    }
    if not changes:
        return organization
    for field, value in fields.items():
        setattr(organization, field, value)
    clean_or_fail(organization, where=where)
    organization.save()
    audit_log(actor=actor, action="organization.update", obj=organization, changes=changes)
    return organization


@transaction.atomic
def contact_detail_remove(*, detail: ContactDetail, actor: Actor) -> None:
    """Remove a contact detail; the audit keeps its kind and owner, not the value."""
    audit_log(
        actor=actor,
        action="contact_detail.remove",
        obj=detail.person or detail.organization,  # type: ignore[arg-type]
        changes={"kind": detail.kind, "visibility": detail.visibility},
    )
    detail.delete()


_ROLE_FIELDS = ("function", "organization", "place", "is_contact")


def _role_value(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    return value.pk if isinstance(value, models.Model) else value


@transaction.atomic
def role_update(
    *,
    role: Role,
    actor: Actor,
    start: PartialDate | bool | None = False,
    end: PartialDate | bool | None = False,
    where: str = "",
    **fields: Any,
) -> Role:
    """Change a role after it was created: its function, organization, place, contact flag and
    dates (False leaves a date alone). Old and new values are audited."""
    unknown = set(fields) - set(_ROLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("cannot update %(fields)s of a role") % {"fields": ", ".join(sorted(unknown))}, where=where
        )
    if "function" in fields:
        fields["function"] = (fields["function"] or "").strip()
        if not fields["function"]:
            raise ValidationFailed(_("a role needs a function"), where=where)
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        old = getattr(role, name)
        if old != value:
            changes[name] = [_role_value(old), _role_value(value)]
            setattr(role, name, value)
    for name, date in (("start", start), ("end", end)):
        if date is False:
            continue
        old_date = PartialDate.from_fields(getattr(role, name), getattr(role, f"{name}_precision"))
        new_date = date if isinstance(date, PartialDate) else None
        if old_date != new_date:
            changes[name] = [_role_value(old_date), _role_value(new_date)]
            for key, item in PartialDate.to_fields(new_date, name).items():
                setattr(role, key, item)
    starts = PartialDate.from_fields(role.start, role.start_precision)
    ends = PartialDate.from_fields(role.end, role.end_precision)
    if starts and ends and ends.last_day() < starts.value:
        raise ValidationFailed(
            _("the role ends (%(end)s) before it starts (%(start)s)") % {"end": ends.iso(), "start": starts.iso()},
            where=where,
        )
    if not changes:
        return role
    clean_or_fail(role, where=where)
    role.save()
    # On the person: their history tab shows what became of their roles.
    audit_log(actor=actor, action="role.update", obj=role.person, changes={"role": role.pk, **changes})
    return role


@transaction.atomic
def role_remove(*, role: Role, actor: Actor) -> None:
    """Remove a role (the person stays); the audit, kept on the person, names what it was."""
    audit_log(
        actor=actor,
        action="role.remove",
        obj=role.person,
        changes={
            "role": role.pk,
            "function": [role.function, None],
            "organization": [role.organization_id, None],
            "place": [role.place_id, None],
        },
    )
    role.delete()
