"""The network page speaks German to a German visitor, the programmes-and-activities layer included."""

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
