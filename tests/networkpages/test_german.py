"""The network page speaks German to a German visitor, the programmes-and-activities layer included."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_network_page_cooperation_layer_is_german(gazetteer: None, client: Client) -> None:
    call_command("demo", stdout=StringIO())
    html = client.get("/places/2884509/network/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Verbunden durch Programme und Aktivitäten" in html
    assert "Connected through programmes and activities" not in html
    assert ">Gemeinsam<" in html and ">Shared<" not in html


def test_statistics_country_select_is_sorted_by_the_german_names(gazetteer: None, client: Client) -> None:
    from twinning.core.text import fold

    html = client.get("/network/statistics/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    select = html.split('id="country-select"', 1)[1].split("</select>", 1)[0]
    labels = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]*)', select)
    assert "Österreich" in labels and "Deutschland" in labels
    assert labels == sorted(labels, key=fold)
