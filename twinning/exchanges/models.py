"""Exchanges: who registered for an activity, who came on which day, and the office's settings for
the registration (open or closed, capacity, the fields it asks for, how long the data is kept).

Participants are personal data of the organizing office (`RegistrationSettings.office`): only its
members see them (`exchanges.access`); the public sees counts, and names only with consent.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.core.models import DatePrecision, TimeStampedModel


class ParticipantRole(models.TextChoices):
    HOST = "host", _("host")
    GUEST = "guest", _("invited guest")
    INTERPRETER = "interpreter", _("interpreter")
    ACCOMPANYING = "accompanying", _("accompanying person")


class Field(models.TextChoices):
    """The optional fields an office may ask for on the public form (name, e-mail and consent to the
    list's purposes are always asked)."""

    HOME_PLACE = "home_place", _("home town")
    COUNTRY = "country", _("country")
    ORGANIZATION = "organization", _("organization")
    ROLE = "role", _("role")
    DAYS = "days", _("days attending")
    DIETARY = "dietary_needs", _("dietary needs")
    ACCESSIBILITY = "accessibility_needs", _("accessibility needs")
    PUBLIC_CONSENT = "consent_public", _("consent to appear in the public report")


DEFAULT_FIELDS = [f.value for f in Field]
DEFAULT_RETENTION_YEARS = 5  # CERV: records kept for five years after the event


class RegistrationSettings(TimeStampedModel):
    """An activity's registration, kept by the organizing office."""

    activity = models.OneToOneField(
        "activities.Activity", on_delete=models.CASCADE, related_name="registration_settings"
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="registration_settings",
        verbose_name=_("organizing office"),
    )
    is_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit. When full, people join the waiting list.")
    )
    fields = models.JSONField(_("fields asked on the form"), default=list, blank=True)
    intro = models.TextField(_("text above the form"), blank=True)
    retention_years = models.PositiveSmallIntegerField(
        _("keep participants' data for (years after the event)"), default=DEFAULT_RETENTION_YEARS
    )

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self) -> str:
        return f"{self.activity} ({self.office})"

    @property
    def days(self) -> list[dt.date]:
        """The days of the activity (start to end, when known to the day)."""
        activity = self.activity
        if activity.start is None or activity.start_precision != DatePrecision.DAY:
            return []
        end = activity.end if activity.end and activity.end_precision == DatePrecision.DAY else activity.start
        if end < activity.start:
            end = activity.start
        return [activity.start + dt.timedelta(days=n) for n in range((end - activity.start).days + 1)][:60]

    @property
    def last_day(self) -> dt.date | None:
        activity = self.activity
        return activity.end or activity.start

    @property
    def retain_until(self) -> dt.date | None:
        """The day after which the participants' data is deleted (`twinning exchanges purge`)."""
        last = self.last_day
        if last is None:
            return None
        try:
            return last.replace(year=last.year + self.retention_years)
        except ValueError:  # 29 February
            return last.replace(year=last.year + self.retention_years, day=28)

    def asks(self, field: str) -> bool:
        return field in self.fields


class Registration(TimeStampedModel):
    """One participant of an activity: registered, on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("waiting list")
        CANCELLED = "cancelled", _("cancelled")

    class Channel(models.TextChoices):
        FORM = "form", _("public form")
        OFFICE = "office", _("added by the office")
        IMPORT = "import", _("imported")

    activity = models.ForeignKey("activities.Activity", on_delete=models.CASCADE, related_name="registrations")
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    home_place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("home town"),
    )
    home_place_text = models.CharField(_("home town as entered"), max_length=200, blank=True)
    country = models.ForeignKey(
        "places.Country",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("country"),
    )
    organization = models.CharField(_("organization"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=15, choices=ParticipantRole.choices, default=ParticipantRole.GUEST)
    days = models.JSONField(_("days attending"), default=list, blank=True, help_text=_("ISO dates"))
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    consent_list = models.BooleanField(_("consents to the participant list's purposes"), default=False)
    consent_public = models.BooleanField(_("consents to appear by name in the public report"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.FORM)
    language = models.CharField(_("language"), max_length=8, blank=True)
    # Only the SHA-256 of the cancellation token is stored; the token is in the confirmation e-mail.
    cancel_token_hash = models.CharField(max_length=64, unique=True)
    group_leader = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_members",
        verbose_name=_("registered by (group leader)"),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["activity", "family_name", "given_name", "pk"]
        indexes = [models.Index(fields=["activity", "status", "created_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def day_dates(self) -> list[dt.date]:
        return [dt.date.fromisoformat(day) for day in self.days]


class Attendance(models.Model):
    """A participant was there on a day (ticked at the check-in)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendances")
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in"), auto_now_add=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["day", "registration"]
        constraints = [models.UniqueConstraint(fields=["registration", "day"], name="attendance_unique_day")]

    def __str__(self) -> str:
        return f"{self.registration} {self.day}"
