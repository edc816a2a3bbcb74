"""Writes for offices: create, scope, members, invitations, the contact box, confirmations, consent."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.core.errors import Conflict, NotFound, ValidationFailed
from twinning.core.services import Actor, audit_log, clean_or_fail, unique_slug
from twinning.directory.models import Person
from twinning.partnerships.models import Partnership
from twinning.places.models import Country, Place

from .models import ApiToken, Confirmation, Consent, Invitation, Membership, Office, Role
from .selectors import api_token_hash

# ISO 3166-2 codes of the German states → GeoNames admin1 codes (both are accepted in --region).
GERMAN_STATES = {
    "BW": "01", "BY": "02", "HB": "03", "HH": "04", "HE": "05", "NI": "06", "NW": "07", "RP": "08",
    "SL": "09", "SH": "10", "BE": "16", "BB": "11", "MV": "12", "SN": "13", "ST": "14", "TH": "15",
}  # fmt: skip


def parse_region(value: str, *, where: str = "") -> tuple[Country, str]:
    """ "DE" → (Germany, ""); "DE-NW" or "DE-07" → (Germany, "07")."""
    code, _sep, subdivision = value.strip().upper().partition("-")
    country = Country.objects.filter(code=code).first() if len(code) == 2 and code.isalpha() else None
    if country is None:
        raise NotFound(
            _("unknown region %(value)r: expected a country code such as DE, optionally with a state (DE-NW)")
            % {"value": value},
            where=where,
        )
    if not subdivision:
        return country, ""
    admin1 = GERMAN_STATES.get(subdivision, subdivision) if code == "DE" else subdivision
    if not Place.objects.filter(country=country, admin1_code=admin1).exists():
        raise NotFound(
            _("unknown region %(value)r: no place in %(country)s has the state code %(admin1)r")
            % {"value": value, "country": country.name, "admin1": admin1},
            where=where,
        )
    return country, admin1


def _check_role(role: str, *, where: str) -> None:
    if role not in Role.values:
        raise ValidationFailed(
            _("unknown role %(role)r (one of %(roles)s)") % {"role": role, "roles": ", ".join(Role.values)},
            where=where,
        )


@transaction.atomic
def office_create(
    *,
    name: str,
    actor: Actor,
    places: Sequence[Place] = (),
    region: str = "",
    kind: str = Office.Kind.CITY,
    slug: str | None = None,
    where: str = "",
) -> Office:
    """Create an office with its scope: places, a region (CC or CC-SUBDIV), or both."""
    name = name.strip()
    if not name:
        raise ValidationFailed(_("an office needs a name"), where=where)
    if not places and not region:
        raise ValidationFailed(_("an office needs a scope: at least one place or a region"), where=where)
    if kind not in Office.Kind.values:
        raise ValidationFailed(
            _("unknown office kind %(kind)r (one of %(kinds)s)")
            % {"kind": kind, "kinds": ", ".join(Office.Kind.values)},
            where=where,
        )
    if slug and Office.objects.filter(slug=slug).exists():
        raise Conflict(_("the office slug %(slug)r is taken") % {"slug": slug}, where=where)
    if Office.objects.filter(name__iexact=name).exists():
        raise Conflict(_("an office named %(name)r exists already") % {"name": name}, where=where)
    country, admin1 = parse_region(region, where=where) if region else (None, "")
    office = Office(
        name=name, slug=slug or unique_slug(Office, name), kind=kind, region_country=country, region_admin1=admin1
    )
    clean_or_fail(office, where=where)
    office.save()
    office.places.set(places)
    audit_log(
        actor=actor,
        action="office.create",
        obj=office,
        changes={"name": name, "places": [p.pk for p in places], "region": office.region, "kind": kind},
    )
    return office


@transaction.atomic
def membership_set(*, office: Office, user: User, role: str, actor: Actor, where: str = "") -> Membership:
    """Give `user` a role in `office` (changing the role of an existing member)."""
    _check_role(role, where=where)
    membership = Membership.objects.filter(office=office, user=user).first()
    if membership is None:
        membership = Membership.objects.create(office=office, user=user, role=role)
        audit_log(actor=actor, action="membership.add", obj=membership, changes={"user": user.username, "role": role})
    elif membership.role != role:
        audit_log(actor=actor, action="membership.update", obj=membership, changes={"role": [membership.role, role]})
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: Actor) -> None:
    audit_log(
        actor=actor,
        action="membership.remove",
        obj=membership.office,
        changes={"user": membership.user.username, "role": membership.role},
    )
    membership.delete()


INVITATION_DAYS = 7


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *, office: Office, email: str, role: str, actor: Actor, accept_url: str = "", where: str = ""
) -> tuple[Invitation, str]:
    """Invite someone by e-mail; returns the invitation and the secret token (sent in the link,
    stored only as its hash). `accept_url` is the absolute link with "{token}" in it."""
    _check_role(role, where=where)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        office=office,
        email=email.strip(),
        role=role,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
        invited_by=actor.user_or_none,
    )
    clean_or_fail(invitation, where=where)
    invitation.save()
    audit_log(actor=actor, action="invitation.create", obj=office, changes={"email": invitation.email, "role": role})
    link = accept_url.replace("{token}", token)
    message = _(
        "You have been invited to keep the records of %(office)s on Twinning as %(role)s.\n\n"
        "Set your password and join here (the link is valid for %(days)s days):\n%(link)s\n"
    ) % {"office": office.name, "role": invitation.get_role_display(), "days": INVITATION_DAYS, "link": link}
    transaction.on_commit(
        lambda: send_mail(
            _("Invitation to %(office)s on Twinning") % {"office": office.name},
            message,
            settings.DEFAULT_FROM_EMAIL,
            [invitation.email],
        )
    )
    return invitation, token


def invitation_get(token: str) -> Invitation | None:
    """The open, unexpired invitation for this token, or None."""
    return (
        Invitation.objects.select_related("office")
        .filter(token_hash=_token_hash(token), accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, username: str, password: str, where: str = "") -> User:
    """Create the invited user (or use the existing account with that e-mail) and make them a member."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.expires_at <= timezone.now():
        raise Conflict(_("this invitation has been used or has expired"), where=where)
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        username = username.strip()
        if not username:
            raise ValidationFailed(_("username: choose a user name"), where=where)
        if User.objects.filter(username__iexact=username).exists():
            raise Conflict(_("username: %(name)r is taken") % {"name": username}, where=where)
        candidate = User(username=username, email=invitation.email)
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise ValidationFailed(_("password: ") + " ".join(error.messages), where=where) from error
        candidate.set_password(password)
        candidate.save()
        user = candidate
    actor = Actor(via="web:invitation", user=user)
    membership_set(office=invitation.office, user=user, role=invitation.role, actor=actor, where=where)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit_log(actor=actor, action="invitation.accept", obj=invitation.office, changes={"email": invitation.email})
    return user


_CONTACT_FIELDS = ("contact_heading", "contact_text", "contact_email", "contact_phone", "contact_room", "contact_web")


@transaction.atomic
def office_update_contact(*, office: Office, actor: Actor, where: str = "", **fields: Any) -> Office:
    """Change the office's public contact box."""
    unknown = set(fields) - set(_CONTACT_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("cannot update %(fields)s of an office") % {"fields": ", ".join(sorted(unknown))}, where=where
        )
    changes = {k: [getattr(office, k), v] for k, v in fields.items() if getattr(office, k) != v}
    if not changes:
        return office
    for key, value in fields.items():
        setattr(office, key, value)
    clean_or_fail(office, where=where)
    office.save()
    audit_log(actor=actor, action="office.update_contact", obj=office, changes=changes)
    return office


@transaction.atomic
def partnership_confirm(*, office: Office, partnership: Partnership, actor: Actor) -> Confirmation:
    """The office confirms that the partnership's record is current (date and person)."""
    confirmation = Confirmation.objects.create(office=office, partnership=partnership, confirmed_by=actor.user_or_none)
    audit_log(actor=actor, action="partnership.confirm", obj=partnership, changes={"office": office.slug})
    return confirmation


@transaction.atomic
def consent_record(
    *, person: Person, given: bool, on: dt.date, actor: Actor, note: str = "", make_public: bool = False
) -> Consent:
    """Record consent to public display (or its withdrawal, which makes the person internal)."""
    consent = Consent.objects.create(person=person, given=given, on=on, note=note[:300], recorded_by=actor.user_or_none)
    audit_log(
        actor=actor,
        action="person.consent",
        obj=person,
        changes={"given": given, "on": on.isoformat(), "note": note[:300]},
    )
    from twinning.directory.services import person_update

    if given and make_public:
        person_update(person=person, actor=actor, visibility="public")
    if not given:
        person_update(person=person, actor=actor, visibility="internal")
    return consent


# --- API tokens ----------------------------------------------------------------------------------

# Secrets start so, which makes a leaked one easy to spot (and to scan for).
API_TOKEN_PREFIX = "tw_"  # noqa: S105 (a marker, not a secret)


@transaction.atomic
def api_token_create(*, office: Office, name: str, actor: Actor, where: str = "") -> tuple[ApiToken, str]:
    """A new API token for `office`; returns it and the secret, which is shown once and stored only
    as its hash."""
    name = name.strip()
    if not name:
        raise ValidationFailed(_("name: say what the token is for (e.g. the city's CMS)"), where=where)
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        office=office,
        name=name,
        prefix=secret[: len(API_TOKEN_PREFIX) + 6],
        token_hash=api_token_hash(secret),
        created_by=actor.user_or_none,
    )
    clean_or_fail(token, where=where)
    token.save()
    audit_log(actor=actor, action="apitoken.create", obj=token, changes={"office": office.slug, "name": name})
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: Actor) -> ApiToken:
    """Revoke a token at once (idempotent); it stays listed as revoked."""
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = actor.user_or_none
    token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_log(actor=actor, action="apitoken.revoke", obj=token, changes={"revoked_at": [None, str(token.revoked_at)]})
    return token


def api_token_used(*, token: ApiToken) -> None:
    """Note the time of use (not audited: the writes it authorised are)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
