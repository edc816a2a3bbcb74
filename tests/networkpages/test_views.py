"""Network, map and statistics pages on the demo world (real gazetteer) plus two partnerships."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from twinning.core.dates import PartialDate
from twinning.core.services import Actor
from twinning.network.graph import invalidate_graph
from twinning.partnerships.models import Partnership
from twinning.partnerships.services import partnership_create
from twinning.places.models import Place

KREFELD, CHARLOTTE, DUNKIRK, LEICESTER, VENLO = 2884509, 4460243, 3020686, 2644668, 2745641
DARMSTADT, SAN_ANTONIO, KAYSERI, HAMM = 2938913, 4726206, 308464, 2911240


@pytest.fixture
def world(gazetteer, db):
    call_command("demo", verbosity=0)
    actor = Actor(via="test")
    places = {g: Place.objects.get(geonameid=g) for g in (CHARLOTTE, KAYSERI, DARMSTADT, HAMM)}
    partnership_create(
        places=[places[CHARLOTTE], places[KAYSERI]],
        kind=Partnership.Kind.FRIENDSHIP,
        established=PartialDate.parse("1995"),
        actor=actor,
    )
    partnership_create(
        places=[places[DARMSTADT], places[HAMM]],
        kind=Partnership.Kind.PROJECT,
        established=PartialDate.parse("2012-06"),
        actor=actor,
    )
    invalidate_graph()
    yield
    invalidate_graph()


@pytest.mark.django_db
def test_network_json_of_krefeld(world, client):
    response = client.get(f"/places/{KREFELD}/network.json")
    assert response.status_code == 200
    data = response.json()
    assert data["place"]["geonameid"] == KREFELD
    by_id = {n["geonameid"]: n for n in data["nodes"]}
    assert {g for g, n in by_id.items() if n["distance"] == 1} == {CHARLOTTE, DUNKIRK, LEICESTER, VENLO}
    # Kayseri is a partner of Charlotte, so a partner of a partner of Krefeld, reached through Charlotte.
    assert by_id[KAYSERI]["distance"] == 2
    assert by_id[KAYSERI]["via_name"] == "Charlotte"
    ids = {n["geonameid"]: n["place_id"] for n in data["nodes"]}
    edges = {frozenset((e["source"], e["target"])) for e in data["edges"] if e["layer"] == "partnership"}
    assert frozenset((ids[KREFELD], ids[CHARLOTTE])) in edges
    assert frozenset((ids[CHARLOTTE], ids[KAYSERI])) in edges
    assert len(edges) == 5  # the cooperation layer (shared programmes and activities) comes on top
    assert by_id[CHARLOTTE]["url"].startswith(f"/places/{CHARLOTTE}/")


@pytest.mark.django_db
def test_network_page_of_krefeld_and_darmstadt(world, client):
    response = client.get(f"/places/{KREFELD}/network/")
    assert response.status_code == 200
    html = response.content.decode()
    names = Place.objects.filter(geonameid__in=[CHARLOTTE, DUNKIRK, LEICESTER, VENLO, KAYSERI]).values_list(
        "name", flat=True
    )
    for name in names:
        assert name in html
    assert "cytoscape/cytoscape.min.js" in html
    assert 'id="network-data"' in html
    assert "<table" in html and "<h1>" in html

    response = client.get(f"/places/{DARMSTADT}/network/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "San Antonio" in html and "Hamm" in html
    data = client.get(f"/places/{DARMSTADT}/network.json").json()
    partners = {n["geonameid"] for n in data["nodes"] if n["distance"] == 1}
    assert partners == {SAN_ANTONIO, HAMM}


@pytest.mark.django_db
def test_unknown_place_is_404(world, client):
    for url in ("/places/999999999/network/", "/places/999999999/network.json", "/places/999999999/map/"):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_map_page_uses_bundled_outlines_and_no_tiles_by_default(world, client):
    with override_settings(TWINNING_TILE_URL="", TWINNING_TILE_ATTRIBUTION=""):
        response = client.get(f"/places/{KREFELD}/map/")
    assert response.status_code == 200
    html = response.content.decode()
    for static in (
        "/static/leaflet/leaflet.js",
        "/static/leaflet/leaflet.css",
        "/static/world-atlas/countries-110m.json",
        "/static/topojson/topojson-client.min.js",
    ):
        assert static in html
    assert "tile.openstreetmap" not in html
    assert '"tiles": {"url": ""' in html
    assert "Charlotte" in html and "Leicester" in html

    tiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    with override_settings(TWINNING_TILE_URL=tiles, TWINNING_TILE_ATTRIBUTION="© OpenStreetMap"):
        html = client.get(f"/places/{DARMSTADT}/map/").content.decode()
    assert "tile.openstreetmap.org" in html and "San Antonio" in html


@pytest.mark.django_db
def test_statistics_match_the_database(world, client):
    response = client.get("/network/statistics/")
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats["total"] == Partnership.objects.count() == 7
    kinds = {row["key"]: row["count"] for row in stats["by_kind"]}
    assert kinds == {"twinning": 5, "friendship": 1, "project": 1}
    countries = {row["key"]: row["count"] for row in stats["by_country"]}
    assert countries["DE"] == 6  # five with Krefeld or Darmstadt, Darmstadt–Hamm once
    assert countries["US"] == 3 and countries["TR"] == 1
    states = {row["label"]: row["count"] for row in stats["by_state"]}
    assert states == {"Nordrhein-Westfalen": 5, "Hessen": 2}  # Darmstadt–Hamm counts in both
    decades = {row["key"]: row["count"] for row in stats["by_decade"]}
    assert decades == {"1960": 2, "1970": 1, "1980": 1, "1990": 1, "2010": 1, "": 1}
    assert stats["graph"]["edges"] == 7 and stats["graph"]["nodes"] == 9
    assert stats["graph"]["components"] == 2  # Krefeld's cluster and Darmstadt–San Antonio–Hamm
    top = stats["graph"]["top_degree"][0]
    assert top["geonameid"] == KREFELD and top["degree"] == 4
    html = response.content.decode()
    assert "Nordrhein-Westfalen" in html and "Hessen" in html and '<meter class="bar"' in html and "style=" not in html


@pytest.mark.django_db
def test_statistics_for_a_country(world, client):
    stats = client.get("/network/statistics/?country=us").context["stats"]
    assert stats["total"] == 3
    assert {row["key"]: row["count"] for row in stats["by_country"]} == {"US": 3, "DE": 2, "TR": 1}
    response = client.get("/network/statistics/?country=XX")
    assert response.status_code == 400
    assert "XX" in response.content.decode()


def test_place_url_of_a_non_ascii_slug_goes_through_the_redirect():
    from twinning.networkpages.presentation import place_url

    assert place_url({"id": 1, "geonameid": 2563081, "slug": "għajnsielem"}) == "/places/2563081/"
    assert place_url({"id": 1, "geonameid": KREFELD, "slug": "krefeld"}) == f"/places/{KREFELD}/krefeld/"
