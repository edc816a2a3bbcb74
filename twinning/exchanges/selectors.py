"""Reads of registrations and attendance, for the pages, the funder checks and the reports.

Every function here returns the organizing office's personal data: callers check access first
(`exchanges.access.require_participants`), except `public_summary`, which holds only what the
public may see (counts, and names of those who consented).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from twinning.activities.models import Activity

from .models import Attendance, ParticipantRole, Registration, RegistrationSettings

Status = Registration.Status


def registration_settings(activity: Activity) -> RegistrationSettings | None:
    return RegistrationSettings.objects.select_related("office", "activity__place").filter(activity=activity).first()


def participants(activity: Activity, *, statuses: Iterable[str] = (Status.REGISTERED,)) -> QuerySet[Registration]:
    """The activity's participants (registered by default), by family name."""
    return (
        Registration.objects.filter(activity=activity, status__in=list(statuses))
        .select_related("home_place__country", "country", "group_leader")
        .order_by("family_name", "given_name", "pk")
    )


def waiting_list(activity: Activity) -> QuerySet[Registration]:
    """The waiting list in the order people joined it (the first is moved up first)."""
    return Registration.objects.filter(activity=activity, status=Status.WAITING).order_by("created_at", "pk")


def registered_count(activity: Activity) -> int:
    return Registration.objects.filter(activity=activity, status=Status.REGISTERED).count()


def host_country(activity: Activity) -> str | None:
    """The country the activity takes place in: its place's, else the organizing office's places'."""
    if activity.place_id and activity.place and activity.place.country_id:
        return activity.place.country_id
    settings = registration_settings(activity)
    if settings is None:
        return None
    if settings.office.region_country_id:
        return settings.office.region_country_id
    place = settings.office.places.exclude(country=None).first()
    return place.country_id if place else None


def counts_by_country(activity: Activity) -> list[tuple[str, int]]:
    """Registered participants per country code ("" for unknown), most first."""
    rows = participants(activity).order_by().values("country_id").annotate(n=Count("pk")).values_list("country_id", "n")
    return sorted(((code or "", n) for code, n in rows), key=lambda row: (-row[1], row[0]))


def counts_by_role(activity: Activity) -> dict[str, int]:
    rows = participants(activity).order_by().values_list("role").annotate(n=Count("pk"))
    found = dict(rows)
    return {role: found.get(role, 0) for role in ParticipantRole.values}


def counts_by_day(activity: Activity) -> dict[dt.date, int]:
    """Registered participants planning to attend each day of the activity."""
    settings = registration_settings(activity)
    days = settings.days if settings else []
    counter: Counter[str] = Counter()
    for chosen in participants(activity).values_list("days", flat=True):
        counter.update(chosen or [d.isoformat() for d in days])
    return {day: counter.get(day.isoformat(), 0) for day in days} | {
        dt.date.fromisoformat(day): n for day, n in counter.items() if dt.date.fromisoformat(day) not in days
    }


def attendance_by_day(activity: Activity) -> dict[dt.date, int]:
    """Participants checked in per day."""
    rows = (
        Attendance.objects.filter(registration__activity=activity).order_by().values_list("day").annotate(n=Count("pk"))
    )
    return dict(sorted(rows))


def invited_from_abroad(activity: Activity) -> QuerySet[Registration]:
    """Registered participants, other than hosts, who live in another country than the one the
    activity takes place in (CERV's "participants invited from abroad", as `reports.eligibility`
    counts them); unknown countries do not count."""
    home = host_country(activity)
    found = participants(activity).exclude(country=None).exclude(role=ParticipantRole.HOST)
    return found.exclude(country_id=home) if home else found.none()


def attended(registration: Registration) -> set[dt.date]:
    return set(registration.attendances.values_list("day", flat=True))


def checkin_rows(activity: Activity, *, day: dt.date, query: str = "") -> list[tuple[Registration, bool]]:
    """The participants expected on `day` (with whether they were ticked), filtered by name."""
    found = participants(activity)
    for word in query.split()[:4]:
        found = found.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    present = set(
        Attendance.objects.filter(registration__activity=activity, day=day).values_list("registration_id", flat=True)
    )
    iso = day.isoformat()
    return [(r, r.pk in present) for r in found if not r.days or iso in r.days]


def registration_by_token_hash(token_hash: str) -> Registration | None:
    return Registration.objects.select_related("activity").filter(cancel_token_hash=token_hash).first()


def open_registrations() -> QuerySet[RegistrationSettings]:
    return RegistrationSettings.objects.filter(is_open=True).select_related("activity", "office")


@dataclass(frozen=True)
class PublicSummary:
    """What anyone may see about an activity's participants."""

    registered: int
    countries: list[tuple[str, int]]
    names: list[str] = field(default_factory=list)  # only those who consented


def public_summary(activity: Activity) -> PublicSummary:
    consenting = participants(activity).filter(consent_public=True)
    return PublicSummary(
        registered=registered_count(activity),
        countries=counts_by_country(activity),
        names=[r.name for r in consenting],
    )


def expired_settings(*, today: dt.date) -> list[RegistrationSettings]:
    """Activities whose participants' retention period has ended (see `services.participants_purge`)."""
    found = RegistrationSettings.objects.select_related("activity").filter(activity__registrations__isnull=False)
    return [s for s in found.distinct() if s.retain_until is not None and s.retain_until < today]


def country_choices() -> list[tuple[str, str]]:
    """(code, name in the interface language), sorted by name, for the form's country field."""
    from twinning.places.models import Country

    return sorted(((c.code, str(c.display_name)) for c in Country.objects.all()), key=lambda row: row[1])


def settings_of_offices(office_ids: Iterable[int] | None) -> QuerySet[RegistrationSettings]:
    """The registrations the offices organize (all for None: a superuser), newest activity first,
    with the number registered and waiting."""
    found = RegistrationSettings.objects.select_related("activity", "office")
    if office_ids is not None:
        found = found.filter(office_id__in=list(office_ids))
    return found.annotate(
        registered=Count("activity__registrations", filter=Q(activity__registrations__status=Status.REGISTERED)),
        waiting=Count("activity__registrations", filter=Q(activity__registrations__status=Status.WAITING)),
    ).order_by("-activity__start", "activity__title")


def activities_without_registration(places: QuerySet | None, *, limit: int = 50) -> QuerySet[Activity]:
    """Activities in the scope (`offices.access.scope_places`; None: all) that have no registration yet."""
    from twinning.offices.access import scoped

    found = Activity.objects.filter(registration_settings__isnull=True)
    return scoped(found, places).order_by("-start", "title")[:limit]


def registration_in(activity: Activity, pk: int) -> Registration | None:
    return Registration.objects.select_related("activity").filter(activity=activity, pk=pk).first()


def registration_get(pk: int) -> Registration | None:
    return Registration.objects.select_related("activity").filter(pk=pk).first()


def group_of(leader: Registration) -> QuerySet[Registration]:
    return leader.group_members.exclude(status=Status.CANCELLED).order_by("pk")


def registration_settings_by_slug(slug: str) -> RegistrationSettings | None:
    return RegistrationSettings.objects.select_related("office", "activity__place").filter(activity__slug=slug).first()


def activity_for_command(slug: str) -> Activity:
    """The activity with this slug and a registration, or NotFound naming it."""
    from django.utils.translation import gettext as _

    from twinning.core.errors import NotFound

    settings = registration_settings_by_slug(slug)
    if settings is None:
        known = Activity.objects.filter(slug=slug).exists()
        raise NotFound(
            _("the activity has no registration yet (open one in the workbench)")
            if known
            else _("no activity with the slug %(slug)r") % {"slug": slug},
            where=slug,
        )
    return settings.activity
