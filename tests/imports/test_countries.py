import pytest

from twinning.imports.countries import clear_cache, country_code


@pytest.mark.django_db
def test_dataset_country_names_map_to_iso_codes(gazetteer):
    clear_cache()
    cases = {
        "Germany": "DE",
        "United States": "US",
        "USA": "US",
        "UK": "GB",
        "England, United Kingdom": "GB",
        "Scotland": "GB",
        "Czech Republic": "CZ",
        "South Korea": "KR",
        "Russia": "RU",
        "Georgia (country)": "GE",
        "Réunion, France": "RE",
        "Rauma, Norway": "NO",
        "Grece": "GR",  # a typo in the Wikipedia data
        "Deutschland": "DE",
        "in Italy": "IT",
    }
    assert {text: country_code(text) for text in cases} == cases


@pytest.mark.django_db
def test_unknown_or_empty_country_is_none(gazetteer):
    clear_cache()
    assert country_code("Narnia") is None
    assert country_code("") is None
