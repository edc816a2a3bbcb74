"""Places beyond GeoNames' towns, and German common nouns that only look like towns (real GeoNames data)."""

import pytest

from twinning.extraction.pipeline import extract


def places(index, text: str) -> dict[str, tuple]:
    return {p.name: (p.kind, p.geonameid, p.country) for p in extract(text, index=index).places}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Der Landkreis Oder-Spree und seine Partner trafen sich.", "Landkreis Oder-Spree", "district"),
        ("A delegation from Baringo County visited the town.", "Baringo County", "county"),
        ("The council of the Vale of Glamorgan agreed to the link.", "Vale of Glamorgan", "district"),
        ("Die Delegation des Kreises Groß-Gerau reiste ab.", "Kreis Groß-Gerau", "district"),
        ("Councillors of Calderdale Council travelled to Aachen.", "Calderdale", "district"),
        ("Die Partnerschaft der Gemeinde Kalletal besteht seit 2022.", "Kalletal", "municipality"),
    ],
)
def test_administrative_units_resolve_with_their_kind(geonames_index, text, name, kind):
    found = places(geonames_index, text)
    assert found.get(name, (None,))[0] == kind, found


def test_common_nouns_are_not_towns(geonames_index):
    text = (
        "Die Gruppe verschaffte sich ein Bild über die Lage im globalen Norden. Die Türen der "
        "Schulen in allen Ländern standen offen; die Lehrer und der Sieger des Turniers kamen."
    )
    assert places(geonames_index, text) == {}


def test_a_cued_town_that_is_also_a_noun_stays_a_town(geonames_index):
    found = places(geonames_index, "Eine Delegation reiste nach Neumarkt und in die Partnerstadt Krefeld.")
    assert {"Neumarkt in der Oberpfalz", "Krefeld"} <= set(found) or {"Neumarkt", "Krefeld"} <= set(found), found


def test_english_words_inside_longer_names_are_not_places(geonames_index):
    text = "Chairperson Breda Wynne thanked the group at the Lough Allen Spa Hotel in Drumshanbo."
    found = places(geonames_index, text)
    assert "Breda" not in found and "Allen" not in found


def test_a_towns_council_is_the_town_not_an_organisation(geonames_index):
    result = extract(
        "A reception hosted by the Kenilworth Town Council; the Geschäftsführer der Abfall Service GmbH came.",
        index=geonames_index,
    )
    names = {o.name for o in result.organizations}
    assert "Kenilworth Town Council" not in names
    assert not any(name.startswith("Geschäftsführer") for name in names)


def pairs(index, text: str) -> set[frozenset[str]]:
    return {frozenset((p.a.name, p.b.name)) for p in extract(text, index=index).partnerships}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Stadt Hainburg pflegt eine Städtepartnerschaft mit Sully-sur-Loire und Puiseaux.",
            {frozenset(("Hainburg an der Donau", "Sully-sur-Loire")), frozenset(("Hainburg an der Donau", "Puiseaux"))},
        ),
        ("Harpenden's twin towns are Alzey in Germany and Bad Kreuznach.", {frozenset(("Harpenden", "Alzey"))}),
        ("Seit 1989 verbindet Mannheim und El Viejo eine Städtefreundschaft.", {frozenset(("Mannheim", "El Viejo"))}),
        ("The anniversary of the twinning between Locquirec and Drumshanbo.", {frozenset(("Locquirec", "Drumshanbo"))}),
        ("Der Trierer Oberbürgermeister empfing Gäste aus der Partnerstadt Weimar.", {frozenset(("Trier", "Weimar"))}),
    ],
)
def test_partnerships_from_sentence_structure(geonames_index, text, expected):
    found = pairs(geonames_index, text)
    assert expected <= found, found
    assert frozenset(("Sully-sur-Loire", "Puiseaux")) not in found


def test_a_registered_partner_of_the_home_town_is_the_likelier_reading(geonames_index):
    text = "Die Stadt Kleve empfing eine Delegation aus Worcester. Kleve und Worcester sind Partnerstädte."
    worcester_england = 2633563
    found = extract(text, index=geonames_index, partners_of=lambda geonameid: {worcester_england})
    assert worcester_england in {p.geonameid for p in found.places}
    assert frozenset((2887835, worcester_england)) in {
        frozenset((p.a.geonameid, p.b.geonameid)) for p in found.partnerships
    }
