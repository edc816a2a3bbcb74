"""Liveliness on the place and partnership pages, and the coordinators' overview."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from twinning.networkpages.health_views import STATUSES
from twinning.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(gazetteer: None) -> None:
    with translation.override("en"):
        call_command("demo", stdout=StringIO())


def test_place_page_never_calls_a_partnership_dormant_on_missing_data(demo: None, client: Client) -> None:
    html = client.get("/places/2884509/krefeld/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Liveliness" in html
    # Dunkirk, Leicester and Venlo have undated activities and news in the demo world: evidence
    # without a date, so not dormant; nothing on the page is called dormant.
    assert 'class="dormant"' not in html
    assert "show no activity or news in the last five years" not in html
    assert "health-lively" in html or "health-quiet" in html  # Krefeld–Charlotte


def test_a_partnership_without_records_is_shown_neutrally(demo: None, client: Client) -> None:
    from twinning.core.services import SYSTEM
    from twinning.partnerships.services import partnership_create
    from twinning.places.models import Place

    krefeld, leiden = Place.objects.get(geonameid=2884509), Place.objects.get(geonameid=2751773)
    partnership = partnership_create(places=[krefeld, leiden], kind="friendship", actor=SYSTEM)
    html = client.get(partnership.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "nothing recorded yet" in html
    assert "dormant" not in html and "/100" not in html


def test_place_page_health_costs_a_fixed_number_of_queries(
    demo: None, client: Client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(28):
        assert client.get("/places/2884509/krefeld/").status_code == 200


def test_partnership_page_explains_its_score(demo: None, client: Client) -> None:
    charlotte = Partnership.objects.get(members__place__geonameid=4460243)
    html = client.get(charlotte.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Liveliness" in html and "/100" in html


def test_overview_lists_the_partnerships_of_a_country_dormant_first(demo: None, client: Client) -> None:
    response = client.get("/network/health/?country=DE", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 partnerships" in html  # Krefeld's four and Darmstadt–San Antonio
    assert "0 dormant" in html  # the demo world's undated records are evidence, not dormancy
    statuses = re.findall(r"health health-(\w+)", html.split("<tbody>")[1])
    assert statuses == sorted(statuses, key=STATUSES.index)  # dormant, quiet, lively, nothing recorded
    dormant_only = client.get("/network/health/?country=DE&status=dormant").content.decode()
    assert "Charlotte" not in dormant_only.split("<tbody>")[1]


def test_overview_lists_partnerships_without_records_separately(demo: None, client: Client) -> None:
    from twinning.core.services import SYSTEM
    from twinning.partnerships.services import partnership_create
    from twinning.places.models import Place

    krefeld, leiden = Place.objects.get(geonameid=2884509), Place.objects.get(geonameid=2751773)
    partnership_create(places=[krefeld, leiden], kind="friendship", actor=SYSTEM)
    html = client.get("/network/health/?country=NL&status=no_records", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    body = html.split("<tbody>")[1]
    assert "Leiden" in body and "nothing recorded yet" in body and "dormant" not in body


@pytest.mark.parametrize("query", ["country=XX", "status=asleep"])
def test_overview_rejects_unknown_filters(demo: None, client: Client, query: str) -> None:
    assert client.get(f"/network/health/?{query}").status_code == 400


def test_place_page_lists_the_places_upcoming_anniversaries(demo: None, client: Client) -> None:
    import datetime as dt

    from twinning.core.dates import PartialDate
    from twinning.core.services import SYSTEM
    from twinning.partnerships.services import partnership_create
    from twinning.places.models import Place

    krefeld, leiden = Place.objects.get(geonameid=2884509), Place.objects.get(geonameid=2751773)
    next_year = dt.date.today().year + 1
    partnership_create(
        places=[krefeld, leiden], kind="friendship", actor=SYSTEM, established=PartialDate.parse(str(next_year - 20))
    )
    html = client.get("/places/2884509/krefeld/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Upcoming anniversaries" in html
    assert f"20 years in {next_year}" in html
    assert "/places/2884509/calendar.ics" in html


def test_place_page_links_to_its_network_and_map(demo: None, client: Client) -> None:
    html = client.get("/places/2938913/darmstadt/").content.decode()
    assert "/places/2938913/network/" in html and "/places/2938913/map/" in html


def test_network_has_a_second_layer_of_shared_programmes_and_activities(demo: None, client: Client) -> None:
    data = client.get("/places/2884509/network.json").json()
    cooperation = {row["geonameid"]: row for row in data["cooperation"]}
    # Hamm took part in the Urban Diplomacy Exchange network meeting in Krefeld (seed 000).
    assert 2911240 in cooperation
    assert any(tie["kind"] in {"activity", "programme"} for tie in cooperation[2911240]["via"])
    hamm = next(n for n in data["nodes"] if n["geonameid"] == 2911240)
    assert hamm["layer"] == "cooperation"
    assert any(e["layer"] == "cooperation" and e["target"] == hamm["place_id"] for e in data["edges"])
    assert all(
        e["layer"] == "partnership" for e in data["edges"] if e["target"] != hamm["place_id"] and "partnership" in e
    )
    html = client.get("/places/2884509/network/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Connected through programmes and activities" in html and "Hamm" in html
