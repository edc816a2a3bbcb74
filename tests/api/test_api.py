"""The JSON API on the Krefeld world (tests/portal/conftest.py) and the real gazetteer."""

import pytest
from django.contrib.auth.models import User

from tests.factories import user_in_groups
from tests.portal.conftest import CHARLOTTE, DUNKIRK, KREFELD, LEICESTER, VENLO
from twinning.directory.access import GROUP_INTERNAL_PERSONAL_DATA

pytestmark = pytest.mark.django_db


def test_place_search_by_prefix(client, gazetteer):
    response = client.get("/api/places", {"q": "Kref"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    first = response.json()["results"][0]
    assert (first["geonameid"], first["name"], first["country"]) == (KREFELD, "Krefeld", "DE")
    assert first["url"] == "/places/2884509/krefeld/"
    # Without q: the places that have partnerships, as on the portal's list.
    assert client.get("/api/places").json()["count"] == 0


def test_place_detail_lists_partners(client, world):
    data = client.get(f"/api/places/{KREFELD}").json()
    partners = {p["partner"]["geonameid"]: p for p in data["partnerships"]}
    assert set(partners) == {CHARLOTTE, DUNKIRK, LEICESTER, VENLO}
    assert partners[CHARLOTTE]["kind"] == "twinning" and partners[CHARLOTTE]["since"] == "1986"
    assert partners[VENLO]["kind"] == "friendship" and partners[VENLO]["since"] is None
    assert partners[DUNKIRK]["status"] == "active"


def test_unknown_ids_are_404(client, gazetteer):
    for url in (
        "/api/places/999999999",
        "/api/places/local/999999999",
        "/api/partnerships/999999",
        "/api/activities/nope",
        "/api/programmes/nope",
        "/api/articles/nope",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "detail" in response.json()


def test_partnerships_filtered_by_place(client, world):
    data = client.get("/api/partnerships", {"place": CHARLOTTE}).json()["results"]
    assert len(data) == 1
    assert sorted(p["geonameid"] for p in data[0]["places"]) == sorted([KREFELD, CHARLOTTE])
    detail = client.get(f"/api/partnerships/{data[0]['id']}").json()
    assert detail["activities"] == ["ude-washington-2022"]
    assert detail["articles"] == ["krefeld-charlotte"]


def test_programme_and_activities(client, world):
    programme = client.get("/api/programmes/urban-diplomacy-exchange").json()
    assert [a["slug"] for a in programme["activities"]] == ["ude-washington-2022", "ude-krefeld-2023"]
    assert {(o["name"], o["role"]) for o in programme["organizations"]} == {
        ("Engagement Global", "runs"),
        ("Auswärtiges Amt", "funds"),
    }
    meeting = client.get("/api/activities/ude-krefeld-2023").json()
    assert meeting["start"] == "2023-03"
    assert meeting["participant_count"] == 15
    assert {p["name"] for p in meeting["places"]} == {"Krefeld", "Hamm", "Münster"}
    listed = client.get("/api/activities", {"programme": "urban-diplomacy-exchange"}).json()["results"]
    assert [a["slug"] for a in listed] == ["ude-krefeld-2023", "ude-washington-2022"]  # newest first


def test_personal_data_filtered_by_visibility(client, world):
    def names(response):
        return {p["name"] for p in response.json()["participants"]}

    assert names(client.get("/api/activities/ude-krefeld-2023")) == {"Frank Meyer"}
    article = client.get("/api/articles/staedtediplomatie-krefeld").json()
    assert {p["name"] for p in article["people"]} == {"Frank Meyer"}
    client.force_login(User.objects.create_user("staff", password="pw-staff-123", is_staff=True))
    assert names(client.get("/api/activities/ude-krefeld-2023")) == {"Frank Meyer"}
    client.force_login(user_in_groups("reader", GROUP_INTERNAL_PERSONAL_DATA))
    assert names(client.get("/api/activities/ude-krefeld-2023")) == {"Frank Meyer", "Erika Musterfrau"}


def test_articles(client, world):
    listed = client.get("/api/articles", {"place": KREFELD}).json()["results"]
    assert [a["slug"] for a in listed] == ["staedtediplomatie-krefeld"]
    article = client.get("/api/articles/staedtediplomatie-krefeld").json()
    assert article["related"] == ["krefeld-charlotte"]
    assert article["images"][0]["credit"] == "Stadt Krefeld, Dirk Jochmann"
