"""Writes of exchanges: registration settings, registrations (form, office, group), cancellation with
promotion from the waiting list, attendance, and the deletion of participants whose retention
period has ended. Keyword-only, atomic, audited; e-mails go out on commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from twinning.activities.models import Activity
from twinning.core.audit import diff, snapshot
from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.services import Actor, audit_log
from twinning.offices.models import Office
from twinning.places.models import Country, Place
from twinning.places.selectors import place_resolve

from .models import Attendance, Field, ParticipantRole, Registration, RegistrationSettings

Status = Registration.Status
# An exact gazetteer hit is taken; a fuzzy one only when it is close (typos such as "Dunkerqe").
HOME_PLACE_MIN_SCORE = 0.9


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(24)
    return token, token_hash(token)


# --- settings ------------------------------------------------------------------------------------


@transaction.atomic
def registration_settings_set(
    *,
    activity: Activity,
    office: Office,
    actor: Actor,
    is_open: bool = False,
    capacity: int | None = None,
    fields: Sequence[str] | None = None,
    intro: str = "",
    retention_years: int | None = None,
    where: str = "",
) -> RegistrationSettings:
    """Create or change an activity's registration settings (the office organizing it)."""
    chosen = list(Field.values) if fields is None else list(dict.fromkeys(fields))
    unknown = [f for f in chosen if f not in Field.values]
    if unknown:
        raise ValidationFailed(
            _("unknown form field %(field)r (one of %(fields)s)")
            % {"field": unknown[0], "fields": ", ".join(Field.values)},
            where=where,
        )
    if capacity is not None and capacity < 1:
        raise ValidationFailed(_("capacity: at least 1, or empty for no limit"), where=where)
    current = RegistrationSettings.objects.select_for_update().filter(activity=activity).first()
    intro = intro.strip()
    if current is None:
        created = RegistrationSettings(
            activity=activity, office=office, is_open=is_open, capacity=capacity, fields=chosen, intro=intro
        )
        if retention_years is not None:
            created.retention_years = retention_years
        created.save()
        audit_log(actor=actor, action="registrationsettings.create", obj=created)
        return created
    years = current.retention_years if retention_years is None else retention_years
    old: dict[str, Any] = {
        "office": current.office_id,
        "is_open": current.is_open,
        "capacity": current.capacity,
        "fields": current.fields,
        "intro": current.intro,
        "retention_years": current.retention_years,
    }
    new: dict[str, Any] = {
        "office": office.pk,
        "is_open": is_open,
        "capacity": capacity,
        "fields": chosen,
        "intro": intro,
        "retention_years": years,
    }
    changes = {key: [old[key], value] for key, value in new.items() if old[key] != value}
    if not changes:
        return current
    current.office = office
    current.is_open = is_open
    current.capacity = capacity
    current.fields = chosen
    current.intro = intro
    current.retention_years = years
    current.save()
    audit_log(actor=actor, action="registrationsettings.update", obj=current, changes=changes)
    old_capacity = old["capacity"]
    if capacity is None or (old_capacity is not None and capacity > old_capacity):
        _promote(current, actor=actor)  # more seats: the waiting list moves up
    return current


# --- registering ---------------------------------------------------------------------------------


@dataclass
class ParticipantInput:
    """What a form, an import row or the office gives for one participant."""

    given_name: str
    family_name: str
    email: str = ""
    home_place_text: str = ""
    home_place: Place | None = None
    country_code: str = ""
    organization: str = ""
    role: str = ParticipantRole.GUEST
    days: list[dt.date] = field(default_factory=list)
    dietary_needs: str = ""
    accessibility_needs: str = ""
    consent_list: bool = False
    consent_public: bool = False
    language: str = ""


def resolve_home_place(text: str, *, country: str = "") -> Place | None:
    """The gazetteer's place for a home town as typed ("Dünkirchen", "Dunkerque"), or None."""
    text = text.strip()
    if not text:
        return None
    matches = place_resolve(text, country=country or None, limit=1)
    if not matches or (matches[0].how != "exact" and matches[0].score < HOME_PLACE_MIN_SCORE):
        return None
    return Place.objects.select_related("country").filter(pk=matches[0].place.place_id).first()


def _country(code: str, *, where: str) -> Country | None:
    code = code.strip().upper()
    if not code:
        return None
    country = Country.objects.filter(code=code).first() if len(code) == 2 else None
    if country is None:
        raise ValidationFailed(_("country: unknown country code %(code)r") % {"code": code}, where=where)
    return country


def _build(
    settings: RegistrationSettings, data: ParticipantInput, *, channel: str, where: str, email_required: bool = False
) -> Registration:
    """A validated, unsaved registration (status and token are set by the caller)."""
    given, family = data.given_name.strip(), data.family_name.strip()
    if not given or not family:
        raise ValidationFailed(_("name: given name and family name are required"), where=where)
    if len(given) > 150 or len(family) > 150:
        raise ValidationFailed(_("name: at most 150 characters each"), where=where)
    email = data.email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise ValidationFailed(
                _("e-mail: %(email)r is not an e-mail address") % {"email": email}, where=where
            ) from error
    elif email_required:
        raise ValidationFailed(_("e-mail: required for the confirmation"), where=where)
    if not data.consent_list:
        raise ValidationFailed(_("consent: the participant must agree to the participant list's purposes"), where=where)
    if data.role not in ParticipantRole.values:
        raise ValidationFailed(
            _("role: unknown role %(role)r (one of %(roles)s)")
            % {"role": data.role, "roles": ", ".join(ParticipantRole.values)},
            where=where,
        )
    country = _country(data.country_code, where=where)
    place = data.home_place
    if place is None and data.home_place_text.strip():
        place = resolve_home_place(data.home_place_text, country=country.code if country else "")
    if place is not None and country is None and place.country_id:
        country = place.country
    days = settings.days
    chosen = sorted(set(data.days))
    outside = [d for d in chosen if days and d not in days]
    if outside:
        raise ValidationFailed(
            _("days: %(day)s is not a day of the activity (%(first)s to %(last)s)")
            % {"day": outside[0].isoformat(), "first": days[0].isoformat(), "last": days[-1].isoformat()},
            where=where,
        )
    for label, value in (
        (_("organization"), data.organization),
        (_("dietary needs"), data.dietary_needs),
        (_("accessibility needs"), data.accessibility_needs),
    ):
        if len(value.strip()) > 300:
            raise ValidationFailed(_("%(field)s: at most 300 characters") % {"field": label}, where=where)
    if len(data.home_place_text.strip()) > 200:
        raise ValidationFailed(_("home town: at most 200 characters"), where=where)
    return Registration(
        activity=settings.activity,
        given_name=given,
        family_name=family,
        email=email,
        home_place=place,
        home_place_text=data.home_place_text.strip() or (place.name if place else ""),
        country=country,
        organization=data.organization.strip(),
        role=data.role,
        days=[d.isoformat() for d in (chosen or days)],
        dietary_needs=data.dietary_needs.strip(),
        accessibility_needs=data.accessibility_needs.strip(),
        consent_list=True,
        consent_public=data.consent_public,
        channel=channel,
        language=(data.language or translation.get_language() or "de")[:8],
    )


def _locked_settings(activity: Activity, *, where: str) -> RegistrationSettings:
    found = (
        RegistrationSettings.objects.select_for_update()
        .select_related("activity", "office")
        .filter(activity=activity)
        .first()
    )
    if found is None:
        raise Conflict(_("this activity has no registration"), where=where)
    return found


def _seats_left(settings: RegistrationSettings) -> int | None:
    if settings.capacity is None:
        return None
    taken = Registration.objects.filter(activity=settings.activity, status=Status.REGISTERED).count()
    return max(settings.capacity - taken, 0)


def _audit_registration(registration: Registration, *, actor: Actor) -> None:
    audit_log(actor=actor, action="registration.create", obj=registration, changes={"cancel_token_hash": "…"})


def _send(subject: str, template: str, context: dict[str, Any], *, to: str, language: str) -> None:
    """Send a plain-text e-mail in the participant's language after the transaction commits."""
    if not to:
        return

    def send() -> None:
        with translation.override(language or "de"):
            body = render_to_string(template, context)
            send_mail(str(subject), body, django_settings.DEFAULT_FROM_EMAIL, [to])

    transaction.on_commit(send)


def _link(cancel_url: str, token: str) -> str:
    return cancel_url.replace("{token}", token) if cancel_url else ""


@dataclass
class Registered:
    registration: Registration
    token: str
    link: str = ""


@transaction.atomic
def registration_create(
    *,
    activity: Activity,
    data: ParticipantInput,
    actor: Actor,
    channel: str = Registration.Channel.FORM,
    cancel_url: str = "",
    where: str = "",
) -> Registered:
    """Register one participant: a seat if there is one, else the waiting list. The public form
    needs the registration to be open; the office may add people at any time. A confirmation with
    the cancellation link (`cancel_url` with "{token}") goes to the participant's e-mail."""
    result = group_register(
        activity=activity, leader=data, members=[], actor=actor, channel=channel, cancel_url=cancel_url, where=where
    )
    return result[0]


@transaction.atomic
def group_register(
    *,
    activity: Activity,
    leader: ParticipantInput,
    members: Sequence[ParticipantInput],
    actor: Actor,
    channel: str = Registration.Channel.FORM,
    cancel_url: str = "",
    where: str = "",
) -> list[Registered]:
    """A delegation leader registers themself and the group, in order: each gets a seat while there
    are seats, then a place on the waiting list. One confirmation goes to the leader, with a
    cancellation link per person."""
    settings = _locked_settings(activity, where=where)
    if channel == Registration.Channel.FORM and not settings.is_open:
        raise Conflict(_("registration for this activity is closed"), where=where)
    email_required = channel == Registration.Channel.FORM  # the leader receives the confirmation
    built = [_build(settings, leader, channel=channel, where=where, email_required=email_required)]
    for number, member in enumerate(members, start=1):
        member_where = f"{where} " + _("person %(number)s") % {"number": number + 1}
        member = ParticipantInput(**{**member.__dict__, "consent_list": member.consent_list or leader.consent_list})
        built.append(_build(settings, member, channel=channel, where=member_where.strip()))
    if channel == Registration.Channel.FORM and leader.email:
        taken = Registration.objects.filter(
            activity=activity, email__iexact=leader.email.strip(), status__in=[Status.REGISTERED, Status.WAITING]
        )
        duplicates = taken.filter(given_name__iexact=built[0].given_name, family_name__iexact=built[0].family_name)
        if duplicates.exists():
            raise Conflict(
                _("%(name)s is already registered for this activity with this e-mail address")
                % {"name": built[0].name},
                where=where,
            )
    seats = _seats_left(settings)
    results: list[Registered] = []
    for registration in built:
        token, hashed = _new_token()
        registration.cancel_token_hash = hashed
        if seats is not None and seats <= 0:
            registration.status = Status.WAITING
        else:
            registration.status = Status.REGISTERED
            if seats is not None:
                seats -= 1
        if results:
            registration.group_leader = results[0].registration
        registration.save()
        _audit_registration(registration, actor=actor)
        results.append(Registered(registration=registration, token=token, link=_link(cancel_url, token)))
    first = results[0].registration
    if first.email and cancel_url:
        _send(
            _("Your registration: %(activity)s") % {"activity": activity.title},
            "exchanges/email/confirmation.txt",
            {"activity": activity, "results": results, "leader": first, "office": settings.office},
            to=first.email,
            language=first.language,
        )
    return results


# --- cancelling and the waiting list -------------------------------------------------------------


def _promote(settings: RegistrationSettings, *, actor: Actor, cancel_url: str = "") -> list[Registration]:
    """Move people up from the waiting list while there are seats (first come, first served)."""
    seats = _seats_left(settings)
    waiting = Registration.objects.filter(activity=settings.activity, status=Status.WAITING).order_by(
        "created_at", "pk"
    )
    promoted = list(waiting if seats is None else waiting[:seats])
    now = timezone.now()
    for registration in promoted:
        registration.status = Status.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        audit_log(
            actor=actor,
            action="registration.promote",
            obj=registration,
            changes={"status": [Status.WAITING, Status.REGISTERED]},
        )
        _send(
            _("A place has become free: %(activity)s") % {"activity": settings.activity.title},
            "exchanges/email/promoted.txt",
            {"activity": settings.activity, "registration": registration, "office": settings.office},
            to=registration.email or (registration.group_leader.email if registration.group_leader else ""),
            language=registration.language,
        )
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, actor: Actor, where: str = "") -> list[Registration]:
    """Cancel a registration (or a place on the waiting list); a freed seat goes to the first on the
    waiting list. Returns the people moved up. Cancelling twice is a no-op."""
    settings = _locked_settings(registration.activity, where=where)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return []
    old = registration.status
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit_log(actor=actor, action="registration.cancel", obj=registration, changes={"status": [old, Status.CANCELLED]})
    _send(
        _("Cancelled: %(activity)s") % {"activity": settings.activity.title},
        "exchanges/email/cancelled.txt",
        {"activity": settings.activity, "registration": registration, "office": settings.office},
        to=registration.email,
        language=registration.language,
    )
    return _promote(settings, actor=actor) if old == Status.REGISTERED else []


# The participant's details the office may correct; status, channel, group and token are not details.
EDITABLE = (
    "given_name",
    "family_name",
    "email",
    "home_place",
    "home_place_text",
    "country",
    "organization",
    "role",
    "days",
    "dietary_needs",
    "accessibility_needs",
    "consent_list",
    "consent_public",
)


@transaction.atomic
def registration_update(
    *, registration: Registration, data: ParticipantInput, actor: Actor, where: str = ""
) -> Registration:
    """The office corrects a participant's details after the fact, with the checks of adding by
    hand (e-mail optional, consent to the list's purposes required, days within the activity, home
    town through the gazetteer). Status, seat, group and cancellation link stay as they are. The
    audit entry has the old and new value of each changed field; nothing changed, nothing written."""
    settings = _locked_settings(registration.activity, where=where)
    current = Registration.objects.select_for_update(of=("self",)).select_related("home_place").get(pk=registration.pk)
    # The same text keeps the place chosen then (the gazetteer may rank differently today).
    same_text = data.home_place_text.strip() == current.home_place_text
    if data.home_place is None and current.home_place is not None and same_text:
        data = ParticipantInput(**{**data.__dict__, "home_place": current.home_place})
    if not data.language:
        data = ParticipantInput(**{**data.__dict__, "language": current.language})
    built = _build(settings, data, channel=current.channel, where=where)
    before = snapshot(current, many_to_many=False)
    for name in EDITABLE:
        setattr(current, name, getattr(built, name))
    changes = diff(before, snapshot(current, many_to_many=False))
    if not changes:
        return current
    current.save(update_fields=[*EDITABLE, "updated_at"])
    audit_log(actor=actor, action="registration.update", obj=current, changes=changes)
    return current


def registration_for_token(token: str) -> Registration | None:
    from .selectors import registration_by_token_hash

    return registration_by_token_hash(token_hash(token)) if token else None


# --- attendance ----------------------------------------------------------------------------------


@transaction.atomic
def attendance_set(
    *, registration: Registration, day: dt.date, present: bool, actor: Actor, where: str = ""
) -> Attendance | None:
    """Tick (or untick) a participant for a day of the activity."""
    settings = _locked_settings(registration.activity, where=where)
    days = settings.days
    if days and day not in days:
        raise ValidationFailed(_("%(day)s is not a day of the activity") % {"day": day.isoformat()}, where=where)
    if registration.status != Status.REGISTERED:
        raise Conflict(_("%(name)s is not registered") % {"name": registration.name}, where=where)
    found = Attendance.objects.filter(registration=registration, day=day).first()
    if present and found is None:
        found = Attendance.objects.create(registration=registration, day=day, checked_in_by=actor.user_or_none)
        audit_log(actor=actor, action="attendance.create", obj=found)
        return found
    if not present and found is not None:
        audit_log(actor=actor, action="attendance.delete", obj=found, changes={"day": [day.isoformat(), None]})
        found.delete()
        return None
    return found


# --- retention -----------------------------------------------------------------------------------


@dataclass
class Purged:
    activity: Activity
    registrations: int
    attendances: int


@transaction.atomic
def participants_purge(*, today: dt.date, actor: Actor, dry_run: bool = False) -> list[Purged]:
    """Delete the participants (and their attendance) of every activity whose retention period has
    ended. The audit entry on the activity keeps the counts and the figures per country, never the
    names: the point is that the personal data is gone."""
    from .selectors import counts_by_country, expired_settings

    done: list[Purged] = []
    for settings in expired_settings(today=today):
        activity = settings.activity
        registrations = Registration.objects.filter(activity=activity)
        attendances = Attendance.objects.filter(registration__activity=activity).count()
        found = Purged(activity=activity, registrations=registrations.count(), attendances=attendances)
        done.append(found)
        if dry_run:
            continue
        audit_log(
            actor=actor,
            action="registrations.purge",
            obj=activity,
            changes={
                "registrations": [found.registrations, 0],
                "attendances": [attendances, 0],
                "countries": dict(counts_by_country(activity)),
                "retain_until": settings.retain_until.isoformat() if settings.retain_until else None,
            },
        )
        _audit_forget(registrations)
        registrations.delete()
    return done


def _audit_forget(registrations: Any) -> None:
    """The audit trail of purged participants keeps what happened and when, not who: their entries
    (a registration's name in its label, an edit's old and new values) lose the personal values."""
    from django.contrib.contenttypes.models import ContentType

    from twinning.core.models import AuditEntry

    pks = list(registrations.values_list("pk", flat=True))
    attendance_pks = list(Attendance.objects.filter(registration__in=pks).values_list("pk", flat=True))
    for model, keys in ((Registration, pks), (Attendance, attendance_pks)):
        kind = ContentType.objects.get_for_model(model)
        AuditEntry.objects.filter(content_type=kind, object_id__in=keys).update(
            object_repr=f"{model._meta.model_name} (purged)", changes={}
        )
