"""Organizations, people and their roles, with contact details that are public or internal."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from twinning.core.fields import precision_field
from twinning.core.links import is_web_url
from twinning.core.models import TimeStampedModel, Visibility


class Organization(TimeStampedModel):
    class Kind(models.TextChoices):
        MUNICIPAL_OFFICE = "municipal_office", _("municipal office or department")
        MUNICIPALITY = "municipality", _("municipal administration")
        ASSOCIATION = "association", _("association")
        NETWORK = "network", _("network or programme body")
        GOVERNMENT = "government", _("ministry or government")
        UNIVERSITY = "university", _("university or research institute")
        SCHOOL = "school", _("school")
        COMPANY = "company", _("company")
        EMBASSY = "embassy", _("embassy or consulate")
        MUSEUM = "museum", _("museum or cultural institution")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="units")
    seat = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organizations",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:organization", kwargs={"slug": self.slug})


class Person(TimeStampedModel):
    """A named person. Shown publicly only when `visibility` is public (GDPR: public office holders
    named in the press are public; staff and participants default to internal)."""

    name = models.CharField(_("name"), max_length=200)
    honorific = models.CharField(_("title"), max_length=40, blank=True, help_text=_("e.g. Dr."))
    slug = models.SlugField(max_length=200, unique=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        # Checked through twinning.directory.access.can_see_internal, never directly.
        permissions = [
            ("view_internal_personal_data", _("Can see internal personal data (internal people, e-mails, phones)"))
        ]

    def __str__(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def get_absolute_url(self) -> str:
        return reverse("portal:person", kwargs={"slug": self.slug})


class Role(TimeStampedModel):
    """A person's function at an organization or for a place: "Oberbürgermeister" of Krefeld."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    function = models.CharField(_("function"), max_length=300)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="roles"
    )
    place = models.ForeignKey("places.Place", null=True, blank=True, on_delete=models.CASCADE, related_name="roles")
    start = models.DateField(_("since"), null=True, blank=True)
    start_precision = precision_field()
    end = models.DateField(_("until"), null=True, blank=True)
    end_precision = precision_field()
    is_contact = models.BooleanField(
        _("contact person"),
        default=False,
        help_text=_("Shown in the contact box of the place or organization."),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["person__name", "function"]

    def __str__(self) -> str:
        at = self.organization or self.place
        return f"{self.person}, {self.function}" + (f" ({at})" if at else "")


class ContactDetail(TimeStampedModel):
    class Kind(models.TextChoices):
        EMAIL = "email", _("e-mail")
        PHONE = "phone", _("phone")
        ROOM = "room", _("room")
        ADDRESS = "address", _("postal address")
        WEB = "web", _("web page")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=500)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )

    class Meta:
        verbose_name = _("contact detail")
        verbose_name_plural = _("contact details")
        ordering = ["kind", "value"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organization__isnull=False),
                name="contact_has_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self) -> None:
        """The value fits its kind; a web page is an http(s) address (never `javascript:`), an
        e-mail an address (shown as a mailto: link), a phone a number (shown as a tel: link)."""
        super().clean()
        problem = contact_value_problem(self.kind, self.value)
        if problem:
            raise ValidationError({"value": problem})


PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()/.\-]{4,40}$")


def contact_value_problem(kind: str, value: str) -> str:
    """Why `value` is not a valid contact detail of `kind`, or "" when it is."""
    value = (value or "").strip()
    if kind == ContactDetail.Kind.WEB and not is_web_url(value):
        return _("%(value)r is not a web address starting with http:// or https://") % {"value": value}
    if kind == ContactDetail.Kind.EMAIL:
        try:
            validate_email(value)
        except ValidationError:
            return _("%(value)r is not an e-mail address") % {"value": value}
    if kind == ContactDetail.Kind.PHONE and not PHONE_PATTERN.match(value):
        return _("%(value)r is not a phone number") % {"value": value}
    return ""
