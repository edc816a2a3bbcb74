"""Programmes and activities: conferences, delegation trips, receptions, anniversaries, exchanges."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from twinning.core.dates import PartialDate
from twinning.core.fields import precision_field
from twinning.core.models import TimeStampedModel


class Programme(TimeStampedModel):
    """A programme or project that activities and partnerships belong to (Urban Diplomacy Exchange)."""

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    website = models.URLField(_("website"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = precision_field()
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field()
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="programmes")
    partnerships = models.ManyToManyField("partnerships.Partnership", blank=True, related_name="programmes")
    places = models.ManyToManyField(
        "places.Place",
        blank=True,
        related_name="programmes",
        verbose_name=_("participating places"),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:programme", kwargs={"slug": self.slug})


class OrganizationRole(models.TextChoices):
    RUNS = "runs", _("runs")
    HOSTS = "hosts", _("hosts")
    ORGANIZES = "organizes", _("organizes")
    COOPERATES = "cooperates", _("in cooperation")
    FUNDS = "funds", _("funds")
    SUPPORTS = "supports", _("supports")
    PARTICIPATES = "participates", _("participates")


class ProgrammeOrganization(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="organization_links")
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="programme_links")
    role = models.CharField(max_length=15, choices=OrganizationRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "organization", "role"], name="programme_org_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_role_display()} {self.programme}"


class Activity(TimeStampedModel):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("conference")
        NETWORK_MEETING = "network_meeting", _("network meeting")
        DELEGATION_TRIP = "delegation_trip", _("delegation trip")
        VISIT = "visit", _("visit")
        RECEPTION = "reception", _("reception")
        ANNIVERSARY = "anniversary", _("anniversary")
        SCHOOL_EXCHANGE = "school_exchange", _("school exchange")
        EXPERT_EXCHANGE = "expert_exchange", _("expert or staff exchange")
        CULTURAL_EVENT = "cultural_event", _("cultural event")
        SIGNING = "signing", _("signing")
        MEETING = "meeting", _("meeting")
        PROJECT = "project", _("cooperation project")
        OTHER = "other", _("other")

    class Direction(models.TextChoices):
        NONE = "", _("—")
        OUTBOUND = "outbound", _("outbound")
        INBOUND = "inbound", _("inbound")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        VIRTUAL = "virtual", _("virtual")
        HYBRID = "hybrid", _("hybrid")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, blank=True, default="")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    start = models.DateField(_("start"), null=True, blank=True, db_index=True)
    start_precision = precision_field()
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field()
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities_held",
    )
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text=_("The activity this one is part of (the reception inside the conference)."),
    )
    follow_up_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    description = models.TextField(_("description"), blank=True)
    outcomes = models.TextField(_("outcomes and agreements"), blank=True)
    participant_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participant_count_approximate = models.BooleanField(_("approximate count"), default=False)
    participant_count_text = models.CharField(
        _("participants as stated"), max_length=100, blank=True, help_text=_('e.g. "rund 120"')
    )
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="activities")
    partnerships = models.ManyToManyField("partnerships.Partnership", blank=True, related_name="activities")
    places = models.ManyToManyField(
        "places.Place", blank=True, related_name="activities", verbose_name=_("places involved")
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start", "title"]
        # The lists' order (newest first, undated last) has an index made by migration 0003 per
        # database (SQLite refuses NULLS LAST in an index and sorts NULL last in DESC anyway).

    def __str__(self) -> str:
        return self.title

    @property
    def starts(self) -> PartialDate | None:
        return PartialDate.from_fields(self.start, self.start_precision)

    @property
    def ends(self) -> PartialDate | None:
        return PartialDate.from_fields(self.end, self.end_precision)

    def get_absolute_url(self) -> str:
        return reverse("portal:activity", kwargs={"slug": self.slug})


class ActivityOrganization(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="organization_links")
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="activity_links")
    role = models.CharField(max_length=15, choices=OrganizationRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "organization", "role"], name="activity_org_unique")]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_role_display()} {self.activity}"


class ItineraryLeg(models.Model):
    """One stop of a trip: Krefeld → Washington → Charlotte."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="legs")
    order = models.PositiveSmallIntegerField()
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="itinerary_legs")
    start = models.DateField(null=True, blank=True)
    start_precision = precision_field()
    end = models.DateField(null=True, blank=True)
    end_precision = precision_field()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["activity", "order"]
        constraints = [models.UniqueConstraint(fields=["activity", "order"], name="leg_unique_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.place}"


class Participation(models.Model):
    """A named participant of an activity, in a role, possibly representing an organization or place."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey("directory.Person", on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(_("role"), max_length=300, blank=True)
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    place = models.ForeignKey("places.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="participation_unique")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.activity}"
