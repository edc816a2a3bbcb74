"""List filters name countries in the interface language (CLDR), not in GeoNames' English."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _country_options(html: str) -> list[str]:
    select = html.split('id="filter-country"', 1)[1].split("</select>", 1)[0]
    return [re.sub(r"\s+", " ", label).strip() for label in re.findall(r"<option[^>]*>([^<]*)", select)]


def test_partnership_country_filter_is_german(client, gazetteer):
    call_command("demo", stdout=StringIO(), stderr=StringIO())
    german = _country_options(client.get("/partnerships/", headers={"accept-language": "de"}).content.decode())
    assert any(label.startswith("Deutschland (") for label in german), german
    assert any(label.startswith("Vereinigte Staaten (") for label in german), german
    assert not any(label.startswith(("Germany", "United States")) for label in german), german
    english = _country_options(client.get("/places/", headers={"accept-language": "en"}).content.decode())
    assert any(label.startswith("Germany (") for label in english), english
