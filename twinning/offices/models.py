"""Offices (a city's international office, a partnership association, a state chancellery), their
members and roles, invitations, and the office's confirmation that a partnership is current."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.core.models import TimeStampedModel


class Office(TimeStampedModel):
    """Who keeps which records: scope is a set of places, or a region (a country, a German state)."""

    class Kind(models.TextChoices):
        CITY = "city", _("international office of a city")
        DISTRICT = "district", _("district")
        ASSOCIATION = "association", _("partnership association")
        PROGRAMME = "programme", _("programme body")
        STATE = "state", _("state chancellery")
        NATIONAL = "national", _("national coordinator")

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CITY)
    places = models.ManyToManyField("places.Place", blank=True, related_name="offices", verbose_name=_("places"))
    region_country = models.ForeignKey(
        "places.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offices",
        verbose_name=_("region: country"),
    )
    region_admin1 = models.CharField(
        _("region: state (GeoNames admin1 code)"), max_length=20, blank=True, help_text=_('e.g. "07" for NRW')
    )
    # The public contact box, shown on the place pages of the office's places.
    contact_heading = models.CharField(_("contact box heading"), max_length=200, blank=True)
    contact_text = models.TextField(_("contact box text"), blank=True, help_text=_("Unit, address, opening hours"))
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=60, blank=True)
    contact_room = models.CharField(_("room"), max_length=60, blank=True)
    contact_web = models.URLField(_("contact web page"), blank=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def region(self) -> str:
        if not self.region_country_id:
            return ""
        return f"{self.region_country_id}-{self.region_admin1}" if self.region_admin1 else str(self.region_country_id)

    @property
    def has_contact_box(self) -> bool:
        return any((self.contact_heading, self.contact_text, self.contact_email, self.contact_phone, self.contact_web))


class Role(models.TextChoices):
    VIEWER = "viewer", _("viewer")
    EDITOR = "editor", _("editor")
    REVIEWER = "reviewer", _("reviewer")
    MANAGER = "manager", _("manager")


# What each role may do, cumulatively: a manager is also reviewer and editor.
ROLE_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.REVIEWER: 2, Role.MANAGER: 3}


class Membership(TimeStampedModel):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["office__name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["office", "user"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.office} ({self.role})"


class Invitation(TimeStampedModel):
    """An e-mailed link to join an office; only the SHA-256 of the token is stored."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.office}"


class Confirmation(models.Model):
    """An office confirmed that a partnership's record is current."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="confirmations")
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="confirmations")
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True, db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        ordering = ["-confirmed_at"]

    def __str__(self) -> str:
        return f"{self.partnership_id} confirmed by {self.office} {self.confirmed_at:%Y-%m-%d}"


class Consent(models.Model):
    """A person's consent to public display of their name and details (GDPR Art. 6(1)(a))."""

    person = models.ForeignKey("directory.Person", on_delete=models.CASCADE, related_name="consents")
    given = models.BooleanField(_("consent given"), default=True)
    on = models.DateField(_("date of consent"))
    note = models.CharField(_("how it was given"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.person_id}: {'yes' if self.given else 'withdrawn'} {self.on}"


class Deletion(models.Model):
    """A soft delete: the record and everything that went with it (roles, contact details, links,
    citations), kept as a serialized snapshot so that a manager can restore it."""

    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="deletions")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=300)
    snapshot = models.JSONField(default=list)
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    restored_at = models.DateTimeField(_("restored"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("deletion")
        verbose_name_plural = _("deletions")
        ordering = ["-deleted_at"]

    def __str__(self) -> str:
        return f"{self.object_repr} ({self.deleted_at:%Y-%m-%d})"


class ApiToken(TimeStampedModel):
    """An office's key to the API's write endpoints: it acts as an editor of its office, within the
    office's scope. Only the SHA-256 of the secret is stored; `prefix` (its first characters) names
    it in lists and in the audit trail. Revoked tokens stay for the record."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("what the token is for, e.g. the city's CMS"))
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name}, {self.office})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
