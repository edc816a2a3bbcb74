from twinning.imports.kinds import admin_name, split_qualifier
from twinning.imports.linking import name_variants


def test_german_landkreis_is_a_county_in_germany():
    found = admin_name("Landkreis Oder-Spree")
    assert found is not None
    assert (found.kind, found.core, found.country, found.display) == (
        "county",
        "Oder-Spree",
        "DE",
        "Landkreis Oder-Spree",
    )


def test_english_district_of_germany_becomes_the_landkreis():
    found = admin_name("Oder-Spree (district)", "DE")
    assert found is not None
    assert (found.kind, found.display) == ("county", "Landkreis Oder-Spree")


def test_district_elsewhere_stays_a_district():
    found = admin_name("Mazyr District", "BY")
    assert found is not None and (found.kind, found.core) == ("district", "Mazyr")
    assert admin_name("Bezirk Harburg").kind == "district"  # a Hamburg borough is no Landkreis


def test_county_region_and_state_patterns():
    assert admin_name("Baringo County", "KE").kind == "county"
    assert admin_name("County Carlow", "IE").core == "Carlow"
    assert admin_name("State of Mexico", "MX").kind == "region"
    assert admin_name("Fukuoka Prefecture", "JP").kind == "region"
    assert admin_name("Provinz Salerno").kind == "region"


def test_ordinary_names_are_not_administrative_units():
    for name in ("Krefeld", "Frankfurt (Oder)", "Kansas City", "Gstaad (Saanen)", "Districtville"):
        assert admin_name(name) is None, name


def test_qualifiers_and_variants():
    assert split_qualifier("Frankfurt (Oder)") == ("Frankfurt", "Oder")
    assert split_qualifier("Krefeld") == ("Krefeld", "")
    assert "Gstaad" in name_variants("Gstaad (Saanen)")
    assert "Saint Albans" in name_variants("St. Albans")
    assert "Siechnice" in name_variants("Gmina Siechnice")
