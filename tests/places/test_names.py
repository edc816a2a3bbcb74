"""Names in the interface language: countries from CLDR (Babel), places from GeoNames' language-tagged names
(Debian's libgeonames-common catalogues, installed by the project's setup)."""

from __future__ import annotations

import pytest
from django.utils import translation

from twinning.places.models import Country, Place
from twinning.places.names import catalogue_path, country_name, geonames_names

DUNKIRK, LIEGE, MILAN, VENLO, KREFELD = 3020686, 2792413, 3173435, 2745641, 2884509


def test_country_names_from_cldr():
    assert country_name("DE", "de") == "Deutschland"
    assert country_name("US", "de") == "Vereinigte Staaten"
    assert country_name("GB", "de") == "Vereinigtes Königreich"
    assert country_name("NL", "en") == "Netherlands"
    assert country_name("fr", "de-at") == "Frankreich"
    assert country_name("XX", "de") == ""
    assert country_name("DE", "") == ""


def test_geonames_catalogue_is_installed_and_language_tagged():
    assert catalogue_path("de").is_file(), "libgeonames-common is missing: run .ci/setup-system"
    german = geonames_names("de")
    assert german[DUNKIRK] == "Dünkirchen"
    assert german[LIEGE] == "Lüttich"
    assert german[MILAN] == "Mailand"
    english = geonames_names("en")
    assert english[DUNKIRK] == "Dunkirk"
    assert geonames_names("xx-nonexistent") == {}


def test_missing_catalogue_directory_gives_no_names(tmp_path):
    assert geonames_names("de", tmp_path) == {}


@pytest.mark.django_db
def test_gazetteer_places_carry_their_german_exonyms(gazetteer):
    dunkirk = Place.objects.get(geonameid=DUNKIRK)
    venlo = Place.objects.get(geonameid=VENLO)
    assert dunkirk.local_names.get("de") == "Dünkirchen"
    assert "en" not in dunkirk.local_names  # same as GeoNames' own name
    assert venlo.local_names == {}
    with translation.override("de"):
        assert dunkirk.display_name == "Dünkirchen"
        assert Place.objects.get(geonameid=MILAN).display_name == "Mailand"
        assert Place.objects.get(geonameid=LIEGE).display_name == "Lüttich"
        assert Country.objects.get(code="FR").display_name == "Frankreich"
    with translation.override("en"):
        assert dunkirk.display_name == "Dunkirk"
        assert Place.objects.get(geonameid=LIEGE).display_name == "Liège"
        assert Country.objects.get(code="DE").display_name == "Germany"
