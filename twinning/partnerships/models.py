"""Partnerships between places: twinnings, friendships, project, climate and solidarity partnerships."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from twinning.core.dates import PartialDate
from twinning.core.fields import precision_field
from twinning.core.models import TimeStampedModel


class Partnership(TimeStampedModel):
    class Kind(models.TextChoices):
        TWINNING = "twinning", _("town twinning (Städtepartnerschaft)")
        FRIENDSHIP = "friendship", _("friendship (Städtefreundschaft)")
        CONTACT = "contact", _("contact")
        PROJECT = "project", _("project partnership")
        CLIMATE = "climate", _("climate partnership")
        SOLIDARITY = "solidarity", _("solidarity partnership")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        DORMANT = "dormant", _("dormant")
        ENDED = "ended", _("ended")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.TWINNING)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # The sorted place ids, "12-345": one partnership of a kind per set of places.
    member_key = models.CharField(max_length=200, editable=False)
    places = models.ManyToManyField("places.Place", through="PartnershipMember", related_name="partnerships")
    established = models.DateField(_("established"), null=True, blank=True)
    established_precision = precision_field()
    ended = models.DateField(_("ended"), null=True, blank=True)
    ended_precision = precision_field()
    description = models.TextField(_("description"), blank=True)
    supporting_organizations = models.ManyToManyField(
        "directory.Organization",
        blank=True,
        related_name="supported_partnerships",
        verbose_name=_("supporting organizations"),
    )
    contacts = models.ManyToManyField(
        "directory.Person",
        blank=True,
        related_name="partnership_contacts",
        verbose_name=_("contact persons"),
    )

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["member_key"]
        constraints = [models.UniqueConstraint(fields=["member_key", "kind"], name="partnership_unique_members")]

    def __str__(self) -> str:
        names = " – ".join(m.place.name for m in self.members.all())
        return names or f"partnership #{self.pk}"

    @property
    def since(self) -> PartialDate | None:
        return PartialDate.from_fields(self.established, self.established_precision)

    @property
    def until(self) -> PartialDate | None:
        return PartialDate.from_fields(self.ended, self.ended_precision)

    def get_absolute_url(self) -> str:
        return reverse("portal:partnership", kwargs={"pk": self.pk})


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="partnership_memberships")

    class Meta:
        verbose_name = _("partnership member")
        verbose_name_plural = _("partnership members")
        ordering = ["place__name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "place"], name="partnership_member_unique")]

    def __str__(self) -> str:
        return str(self.place)
