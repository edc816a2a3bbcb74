"""Topics of cooperation, mapped to the UN Sustainable Development Goals."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualNameMixin:
    name_de: str
    name_en: str

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "de").startswith("en") else self.name_de


class SDG(BilingualNameMixin, models.Model):
    number = models.PositiveSmallIntegerField(primary_key=True)
    name_de = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.name}"


class Topic(BilingualNameMixin, models.Model):
    class Sector(models.TextChoices):
        ADMINISTRATION = "administration", _("administration")
        SCHOOLS = "schools", _("schools")
        UNIVERSITIES = "universities", _("universities")
        CULTURE = "culture", _("culture")
        ECONOMY = "economy", _("economy")
        SPORT = "sport", _("sport")
        CIVIL_SOCIETY = "civil_society", _("civil society")

    slug = models.SlugField(max_length=60, unique=True)
    name_de = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.ADMINISTRATION)
    sdgs = models.ManyToManyField(SDG, blank=True, related_name="topics")

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name_de"]

    def __str__(self) -> str:
        return self.name
