"""Writes for programmes and activities: conferences, trips with itineraries, participants, links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from twinning.core.dates import PartialDate
from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.models import Source
from twinning.core.services import Actor, audit_log, cite, clean_or_fail, save_with_unique_slug, unique_slug
from twinning.directory.models import Organization, Person
from twinning.partnerships.models import Partnership
from twinning.places.models import Place
from twinning.topics.models import Topic

from .models import (
    Activity,
    ActivityOrganization,
    ItineraryLeg,
    OrganizationRole,
    Participation,
    Programme,
    ProgrammeOrganization,
)
from .selectors import Leg, activity_legs


def topics_by_slug(topics: Iterable[Topic | str], *, where: str = "") -> list[Topic]:
    """Topics given as objects or slugs; an unknown slug is a ValidationFailed naming it."""
    wanted = [t for t in topics if isinstance(t, str)]
    found = {t.slug: t for t in Topic.objects.filter(slug__in=wanted)}
    missing = [slug for slug in wanted if slug not in found]
    if missing:
        raise ValidationFailed(_("unknown topic %(slugs)s") % {"slugs": ", ".join(map(repr, missing))}, where=where)
    return [t if isinstance(t, Topic) else found[t] for t in topics]


def _check_range(start: PartialDate | None, end: PartialDate | None, *, what: str, where: str) -> None:
    if start and end and end.last_day() < start.value:
        raise ValidationFailed(
            _("%(what)s ends (%(end)s) before it starts (%(start)s)")
            % {"what": what, "end": end.iso(), "start": start.iso()},
            where=where,
        )


def _check_role(role: str, *, where: str) -> None:
    if role not in OrganizationRole.values:
        raise ValidationFailed(
            _("unknown organization role %(role)r (one of %(roles)s)")
            % {"role": role, "roles": ", ".join(OrganizationRole.values)},
            where=where,
        )


def _add_new(manager: Any, objects: Iterable[Any]) -> list[int]:
    """Add objects to an M2M manager; return the pks that were not linked yet."""
    objects = list(objects)
    known = set(manager.filter(pk__in=[o.pk for o in objects]).values_list("pk", flat=True))
    new = [o for o in objects if o.pk not in known]
    if new:
        manager.add(*new)
    return [o.pk for o in new]


# --- programmes ----------------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    name: str,
    actor: Actor,
    slug: str | None = None,
    description: str = "",
    goals: str = "",
    website: str = "",
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    topics: Sequence[Topic | str] = (),
    partnerships: Sequence[Partnership] = (),
    places: Sequence[Place] = (),
    source: Source | None = None,
    quote: str = "",
    where: str = "",
) -> Programme:
    """Create a programme or project (the Urban Diplomacy Exchange)."""
    if not name.strip():
        raise ValidationFailed(_("a programme needs a name"), where=where)
    if slug and Programme.objects.filter(slug=slug).exists():
        raise Conflict(_("the programme slug %(slug)r is taken") % {"slug": slug}, where=where)
    _check_range(start, end, what=_("the programme"), where=where)
    topic_objects = topics_by_slug(topics, where=where)
    programme = Programme(
        name=name.strip(),
        slug=slug or unique_slug(Programme, name),
        description=description,
        goals=goals,
        website=website,
        **PartialDate.to_fields(start, "start"),
        **PartialDate.to_fields(end, "end"),
    )
    clean_or_fail(programme, where=where)
    programme.save()
    programme.topics.add(*topic_objects)
    programme.partnerships.add(*partnerships)
    programme.places.add(*places)
    audit_log(
        actor=actor,
        action="programme.create",
        obj=programme,
        changes={
            "name": programme.name,
            "topics": [t.slug for t in topic_objects],
            "partnerships": [p.pk for p in partnerships],
            "places": [p.pk for p in places],
        },
    )
    cite(record=programme, source=source, quote=quote, actor=actor)
    return programme


@transaction.atomic
def programme_add_organization(
    *, programme: Programme, organization: Organization, role: str, actor: Actor, where: str = ""
) -> ProgrammeOrganization:
    """An organization runs, funds, cooperates in, … a programme (idempotent)."""
    _check_role(role, where=where)
    link, created = ProgrammeOrganization.objects.get_or_create(
        programme=programme, organization=organization, role=role
    )
    if created:
        _audit_organization(programme, "programme.add_organization", organization, role, actor)
    return link


def _audit_organization(record: Any, action: str, organization: Organization, role: str, actor: Actor) -> None:
    audit_log(actor=actor, action=action, obj=record, changes={"organization": organization.pk, "role": role})


def _link(
    record: Any,
    *,
    action: str,
    actor: Actor,
    partnerships: Sequence[Partnership],
    places: Sequence[Place],
    topics: Sequence[Topic | str],
    where: str,
) -> None:
    """Add partnerships, places and topics to a programme or activity; audit what was new."""
    changes = {
        "partnerships": _add_new(record.partnerships, partnerships),
        "places": _add_new(record.places, places),
        "topics": _add_new(record.topics, topics_by_slug(topics, where=where)),
    }
    changes = {k: v for k, v in changes.items() if v}
    if changes:
        audit_log(actor=actor, action=action, obj=record, changes=changes)


@transaction.atomic
def programme_link(
    *,
    programme: Programme,
    actor: Actor,
    partnerships: Sequence[Partnership] = (),
    places: Sequence[Place] = (),
    topics: Sequence[Topic | str] = (),
    where: str = "",
) -> Programme:
    """Add participating partnerships and places, and topics, to a programme (idempotent)."""
    _link(
        programme,
        action="programme.link",
        actor=actor,
        partnerships=partnerships,
        places=places,
        topics=topics,
        where=where,
    )
    return programme


# --- activities ----------------------------------------------------------------------------------


@transaction.atomic
def activity_create(
    *,
    title: str,
    kind: str,
    actor: Actor,
    start: PartialDate | None,
    end: PartialDate | None = None,
    slug: str | None = None,
    venue: str = "",
    place: Place | None = None,
    programme: Programme | None = None,
    parent: Activity | None = None,
    follow_up_of: Activity | None = None,
    direction: str = "",
    format: str = Activity.Format.IN_PERSON,
    description: str = "",
    outcomes: str = "",
    participant_count: int | None = None,
    participant_count_approximate: bool = False,
    participant_count_text: str = "",
    topics: Sequence[Topic | str] = (),
    partnerships: Sequence[Partnership] = (),
    places: Sequence[Place] = (),
    organizations: Sequence[tuple[Organization, str]] = (),
    legs: Sequence[Leg] = (),
    source: Source | None = None,
    quote: str = "",
    where: str = "",
) -> Activity:
    """Create an activity with its organizations (hosts, organizers, funders, …) and itinerary."""
    if not title.strip():
        raise ValidationFailed(_("an activity needs a title"), where=where)
    if slug and Activity.objects.filter(slug=slug).exists():
        raise Conflict(_("the activity slug %(slug)r is taken") % {"slug": slug}, where=where)
    _check_range(start, end, what=_("the activity"), where=where)
    if participant_count is not None and participant_count < 0:
        raise ValidationFailed(_("a participant count cannot be negative"), where=where)
    _check_legs(legs, where=where)
    for _organization, role in organizations:
        _check_role(role, where=where)
    topic_objects = topics_by_slug(topics, where=where)
    activity = Activity(
        title=title.strip(),
        kind=kind,
        direction=direction,
        format=format,
        venue=venue,
        place=place,
        programme=programme,
        parent=parent,
        follow_up_of=follow_up_of,
        description=description,
        outcomes=outcomes,
        participant_count=participant_count,
        participant_count_approximate=participant_count_approximate,
        participant_count_text=participant_count_text,
        **PartialDate.to_fields(start, "start"),
        **PartialDate.to_fields(end, "end"),
    )
    save_with_unique_slug(activity, text=title, suffix=start.iso() if start else "", slug=slug, where=where)
    activity.topics.add(*topic_objects)
    activity.partnerships.add(*partnerships)
    activity.places.add(*places)
    for organization, role in organizations:
        ActivityOrganization.objects.get_or_create(activity=activity, organization=organization, role=role)
    _legs_write(activity, legs, where=where)
    audit_log(
        actor=actor,
        action="activity.create",
        obj=activity,
        changes={
            "title": activity.title,
            "kind": kind,
            "start": start.iso() if start else None,
            "end": end.iso() if end else None,
            "organizations": [[o.pk, role] for o, role in organizations],
            "legs": [leg[0].pk for leg in legs],
        },
    )
    cite(record=activity, source=source, quote=quote, actor=actor)
    return activity


@transaction.atomic
def activity_add_organization(
    *, activity: Activity, organization: Organization, role: str, actor: Actor, where: str = ""
) -> ActivityOrganization:
    _check_role(role, where=where)
    link, created = ActivityOrganization.objects.get_or_create(activity=activity, organization=organization, role=role)
    if created:
        _audit_organization(activity, "activity.add_organization", organization, role, actor)
    return link


@transaction.atomic
def activity_link(
    *,
    activity: Activity,
    actor: Actor,
    partnerships: Sequence[Partnership] = (),
    places: Sequence[Place] = (),
    topics: Sequence[Topic | str] = (),
    where: str = "",
) -> Activity:
    """Add partnerships, places and topics to an activity (idempotent)."""
    _link(
        activity,
        action="activity.link",
        actor=actor,
        partnerships=partnerships,
        places=places,
        topics=topics,
        where=where,
    )
    return activity


@transaction.atomic
def participation_add(
    *,
    activity: Activity,
    person: Person,
    actor: Actor,
    role: str = "",
    organization: Organization | None = None,
    place: Place | None = None,
    source: Source | None = None,
    quote: str = "",
    where: str = "",
) -> Participation:
    """A named person took part in an activity, in a role. The same person twice keeps the first
    record and fills what it lacked."""
    participation = Participation.objects.filter(activity=activity, person=person).first()
    if participation is None:
        participation = Participation(
            activity=activity, person=person, role=role, organization=organization, place=place
        )
        clean_or_fail(participation, where=where)
        participation.save()
        audit_log(
            actor=actor,
            action="participation.add",
            obj=activity,
            changes={"person": person.pk, "role": role},
        )
    else:
        changes = {}
        for field, value in (("role", role), ("organization", organization), ("place", place)):
            if value and not getattr(participation, field):
                setattr(participation, field, value)
                changes[field] = str(value)
        if changes:
            participation.save()
            audit_log(actor=actor, action="participation.update", obj=activity, changes=changes)
    cite(record=participation, source=source, quote=quote, actor=actor)
    return participation


def _check_legs(legs: Sequence[Leg], *, where: str) -> None:
    for index, (leg_place, leg_start, leg_end, _note) in enumerate(legs, 1):
        _check_range(
            leg_start, leg_end, what=_("leg %(n)s (%(place)s)") % {"n": index, "place": leg_place}, where=where
        )


def _legs_write(activity: Activity, legs: Sequence[Leg], *, where: str) -> None:
    """The trip's stops in the order given (1, 2, 3, …)."""
    for order, (leg_place, leg_start, leg_end, note) in enumerate(legs, 1):
        leg = ItineraryLeg(
            activity=activity,
            order=order,
            place=leg_place,
            note=note.strip(),
            **PartialDate.to_fields(leg_start, "start"),
            **PartialDate.to_fields(leg_end, "end"),
        )
        clean_or_fail(leg, where=where)
        leg.save()


def _leg_record(place_id: int, start: PartialDate | None, end: PartialDate | None, note: str) -> list[Any]:
    """A leg as the audit trail keeps it: [place id, start, end, note]."""
    return [place_id, start.iso() if start else None, end.iso() if end else None, note.strip()]


_ACTIVITY_FIELDS = {
    "title",
    "kind",
    "direction",
    "format",
    "venue",
    "place",
    "description",
    "outcomes",
    "follow_up_of",
    "participant_count",
    "participant_count_text",
    "participant_count_approximate",
}


def _pks(values: Iterable[Any]) -> list[int]:
    return sorted(v.pk for v in values)


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    actor: Actor,
    start: PartialDate | bool | None = False,
    end: PartialDate | bool | None = False,
    partnerships: Sequence[Partnership] | None = None,
    topics: Sequence[Topic] | None = None,
    organizations: Sequence[tuple[Organization, str]] | None = None,
    legs: Sequence[Leg] | None = None,
    where: str = "",
    **fields: Any,
) -> Activity:
    """Change an activity's fields (dates as PartialDate; False leaves a date alone) and, when given,
    replace its partnerships, topics, organization links and itinerary legs (in the order given).
    Old and new values are audited."""
    unknown = set(fields) - _ACTIVITY_FIELDS
    if unknown:
        raise ValidationFailed(
            _("cannot update %(fields)s of an activity") % {"fields": ", ".join(sorted(unknown))}, where=where
        )
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        old = getattr(activity, name)
        if old != value:
            changes[name] = [
                str(old) if isinstance(old, models.Model) else old,
                str(value) if isinstance(value, models.Model) else value,
            ]
            setattr(activity, name, value)
    for name, value in (("start", start), ("end", end)):
        if value is False:
            continue
        old_date = PartialDate.from_fields(getattr(activity, name), getattr(activity, f"{name}_precision"))
        new_date = value if isinstance(value, PartialDate) else None
        if old_date != new_date:
            changes[name] = [old_date.iso() if old_date else None, new_date.iso() if new_date else None]
            for key, item in PartialDate.to_fields(new_date, name).items():
                setattr(activity, key, item)
    _check_range(activity.starts, activity.ends, what=_("the activity"), where=where)
    if activity.participant_count is not None and activity.participant_count < 0:
        raise ValidationFailed(_("a participant count cannot be negative"), where=where)
    clean_or_fail(activity, where=where)
    activity.save()
    if partnerships is not None and _pks(activity.partnerships.all()) != _pks(partnerships):
        changes["partnerships"] = [_pks(activity.partnerships.all()), _pks(partnerships)]
        activity.partnerships.set(partnerships)
    if topics is not None and _pks(activity.topics.all()) != _pks(topics):
        changes["topics"] = [_pks(activity.topics.all()), _pks(topics)]
        activity.topics.set(topics)
    if organizations is not None:
        for _organization, role in organizations:
            _check_role(role, where=where)
        old_links = sorted((link.organization_id, link.role) for link in activity.organization_links.all())
        new_links = sorted({(o.pk, role) for o, role in organizations})
        if old_links != new_links:
            changes["organizations"] = [old_links, new_links]
            activity.organization_links.all().delete()
            for organization_pk, role in new_links:
                ActivityOrganization.objects.create(activity=activity, organization_id=organization_pk, role=role)
    if legs is not None:
        _check_legs(legs, where=where)
        old_legs = [_leg_record(p.pk, a, b, n) for p, a, b, n in activity_legs(activity)]
        new_legs = [_leg_record(p.pk, a, b, n) for p, a, b, n in legs]
        if old_legs != new_legs:
            changes["legs"] = [old_legs, new_legs]
            activity.legs.all().delete()
            _legs_write(activity, legs, where=where)
    if changes:
        audit_log(actor=actor, action="activity.update", obj=activity, changes=changes)
    return activity


@transaction.atomic
def participation_remove(*, participation: Participation, actor: Actor) -> None:
    audit_log(
        actor=actor,
        action="participation.remove",
        obj=participation.activity,
        changes={"person": participation.person_id, "role": participation.role},
    )
    participation.delete()
