"""Countries and places: GeoNames' populated places plus the counties, states and small towns it lacks."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from twinning.core.models import TimeStampedModel


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    iso3 = models.CharField(max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=200)
    geonameid = models.PositiveIntegerField(null=True, blank=True, unique=True)
    continent = models.CharField(max_length=2, blank=True)
    population = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The country's name in the interface language (Unicode CLDR via Babel), GeoNames' otherwise."""
        from .names import country_name

        return country_name(self.code, get_language()) or self.name


class Place(TimeStampedModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        DISTRICT = "district", _("district")
        COUNTY = "county", _("county")
        REGION = "region", _("region / state")

    geonameid = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)
    wikidata_qid = models.CharField(_("Wikidata QID"), max_length=20, null=True, blank=True, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    ascii_name = models.CharField(_("ASCII name"), max_length=200)
    slug = models.SlugField(max_length=200, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MUNICIPALITY)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="places")
    admin1_code = models.CharField(_("admin1 code"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("The region or county this place belongs to, where known."),
    )
    population = models.PositiveBigIntegerField(_("population"), default=0)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=40, blank=True)
    # Names in the interface languages where they differ from `name` ({"de": "Dünkirchen"}): GeoNames'
    # language-tagged names (see twinning.places.names), filled by load_gazetteer.
    local_names = models.JSONField(_("names in other languages"), default=dict, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        indexes = [models.Index(fields=["country", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})" if self.country_id else self.name

    @property
    def display_name(self) -> str:
        """The place's name in the interface language: "Dünkirchen" in German, "Dunkirk" in English."""
        language = (get_language() or "").split("-")[0]
        return (self.local_names.get(language) if self.local_names else None) or self.name

    def get_absolute_url(self) -> str:
        # GeoNames places are addressed by their GeoNames id (stable across installations).
        if self.geonameid:
            return reverse("portal:place", kwargs={"geonameid": self.geonameid, "slug": self.slug})
        return reverse("portal:place_local", kwargs={"pk": self.pk, "slug": self.slug})


class PlaceName(models.Model):
    """Every name a place is known by (GeoNames alternate names, exonyms, import labels)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=300)
    # One row per distinct search key (twinning.core.text.fold_variants of a name); the reversed
    # key lets fuzzy search block on a name's ending with an index range scan, as on its start.
    key = models.CharField(max_length=300, db_index=True)
    key_reversed = models.CharField(max_length=300, db_index=True)

    class Meta:
        verbose_name = _("place name")
        verbose_name_plural = _("place names")
        constraints = [models.UniqueConstraint(fields=["place", "key"], name="placename_unique_key")]

    def __str__(self) -> str:
        return self.name
