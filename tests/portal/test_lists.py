"""List pages on real data: the Wikipedia twin-town CSV (25,917 pairs) imported on top of the
demo world, once for this module (rolled back afterwards)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation

from tests.conftest import TWINS
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Place
from twinning.portal.list_views import csv_cell

KREFELD, DUNKIRK = 2884509, 3020686
LIST_URLS = ["/partnerships/", "/places/", "/programmes/", "/activities/", "/news/", "/organizations/"]


@pytest.fixture(scope="module")
def real_world(gazetteer: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override("en"):
                call_command("demo", stdout=StringIO())
                call_command(
                    "import_twins", str(TWINS / "wikipedia_twin_cities_2026_geocoded.csv"), "-v0", stdout=StringIO()
                )
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


pytestmark = pytest.mark.django_db


def nrw_france() -> set[int]:
    nrw = PartnershipMember.objects.filter(place__country_id="DE", place__admin1_code="07").values("partnership_id")
    france = PartnershipMember.objects.filter(place__country_id="FR").values("partnership_id")
    return set(Partnership.objects.filter(pk__in=nrw).filter(pk__in=france).values_list("pk", flat=True))


def test_nrw_france_partnerships_with_counts_and_csv(real_world: None, client: Client) -> None:
    expected = nrw_france()
    assert len(expected) > 100  # the real data has many NRW–France twinnings
    response = client.get("/partnerships/?country=FR&state=NW", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{len(expected)} entries" in html
    assert "Krefeld – " in html or "– Krefeld" in html or "Krefeld" in html
    # The state facet counts NRW partnerships among the France selection, the country facet the
    # partner countries among the NRW selection.
    assert f"Nordrhein-Westfalen ({len(expected)})" in html
    krefeld_dunkirk = Partnership.objects.filter(members__place__geonameid=KREFELD).filter(
        members__place__geonameid=DUNKIRK
    )
    assert krefeld_dunkirk.exists() and krefeld_dunkirk.first().pk in expected  # type: ignore[union-attr]

    download = client.get("/partnerships/?country=FR&state=NW&format=csv")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    text = b"".join(download.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {int(r["id"]) for r in rows} == expected
    assert any("Krefeld" in r["places"] and "Dunkirk" in r["places"] for r in rows)
    assert all("FR" in r["countries"] and "DE" in r["countries"] for r in rows)


def test_all_partnerships_as_csv(real_world: None, client: Client) -> None:
    download = client.get("/partnerships/?format=csv")
    text = b"".join(download.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    assert len(list(csv.DictReader(io.StringIO(text)))) == Partnership.objects.count()


@pytest.mark.parametrize("url", LIST_URLS)
def test_every_list_answers_at_full_scale(real_world: None, client: Client, url: str) -> None:
    assert client.get(url).status_code == 200
    assert client.get(url + "?page=2").status_code == 200
    assert client.get(url + "?format=csv").status_code == 200


def test_health_and_statistics_answer_at_full_scale(real_world: None, client: Client) -> None:
    assert Partnership.objects.count() > 20_000
    for url in ["/network/health/", "/network/health/?country=FR&status=no_records", "/network/statistics/"]:
        assert client.get(url).status_code == 200, url
    html = client.get("/network/health/?country=DE", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "with nothing recorded yet" in html


def test_places_list_counts_partnerships(real_world: None, client: Client) -> None:
    krefeld = Place.objects.get(geonameid=KREFELD)
    count = PartnershipMember.objects.filter(place=krefeld).count()
    html = client.get("/places/?country=DE&state=NW&sort=-partnerships", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert krefeld.get_absolute_url() in html
    row = html.split(krefeld.get_absolute_url())[1].split("</tr>")[0]
    assert f'<td class="number" data-label="Partnerships">{count}</td>' in row


@pytest.mark.parametrize(
    ("query", "param"),
    [("country=XX", "country"), ("state=ZZ", "state"), ("sort=random", "sort"), ("decade=1961", "decade")],
)
def test_unknown_filter_values_are_400_naming_the_filter(
    real_world: None, client: Client, query: str, param: str
) -> None:
    response = client.get(f"/partnerships/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert f"“{param}”" in response.content.decode()


def test_csv_cells_cannot_start_a_formula() -> None:
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("+49 2151") == "'+49 2151"
    assert csv_cell("-1") == "'-1"
    assert csv_cell(-0.5) == "-0.5"  # a longitude stays a number
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("Krefeld") == "Krefeld"
    assert csv_cell(None) == ""


def test_header_reaches_every_list_health_and_calendar_and_shows_who_is_logged_in(client: Client) -> None:
    from django.contrib.auth import get_user_model

    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    header = html.split("</header>")[0]
    for url in [*LIST_URLS, "/network/health/", "/network/statistics/", "/calendar.ics", "/search/"]:
        assert f'href="{url}"' in header, url
    counters = html.split('class="counts"')[1].split("</dl>")[0]
    assert 'href="/places/"' in counters and 'href="/partnerships/"' in counters
    assert "Log out" not in header
    user = get_user_model().objects.create_user("editor", password="x", first_name="Erika", last_name="Muster")
    client.force_login(user)
    header = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode().split("</header>")[0]
    assert "Logged in as Erika Muster" in header
    assert 'action="/admin/logout/"' in header and "Log out" in header


def test_partnerships_of_one_place(real_world: None, client: Client) -> None:
    count = PartnershipMember.objects.filter(place__geonameid=KREFELD).count()
    html = client.get(f"/partnerships/?place={KREFELD}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{count} entries" in html
    assert client.get("/partnerships/?place=999999999").status_code == 400


def test_news_list_and_csv_show_only_public_articles(client: Client) -> None:
    """An ingested release nobody has accepted anything from stays off the portal, lists included."""
    from tests.factories import ArticleFactory

    ArticleFactory(title="Veröffentlichter Bericht", is_public=True)
    ArticleFactory(title="Ungeprüfte Pressemitteilung", is_public=False)
    page = client.get("/news/").content.decode()
    assert "Veröffentlichter Bericht" in page and "Ungeprüfte Pressemitteilung" not in page
    exported = b"".join(client.get("/news/?format=csv").streaming_content).decode()
    assert "Veröffentlichter Bericht" in exported and "Ungeprüfte Pressemitteilung" not in exported
