"""The portal and the API on the real demo world (`twinning demo`, built from the seeds)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import user_in_groups
from twinning.activities.models import Activity, Programme
from twinning.directory.access import GROUP_INTERNAL_PERSONAL_DATA
from twinning.directory.models import Organization, Person
from twinning.partnerships.models import Partnership
from twinning.press.models import Article

pytestmark = pytest.mark.django_db

KREFELD_PARTNERS = {"Charlotte": 4460243, "Dunkirk": 3020686, "Leicester": 2644668, "Venlo": 2745641}


@pytest.fixture
def demo(gazetteer):
    call_command("demo", stdout=StringIO(), stderr=StringIO())


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_krefeld_page_shows_its_four_partners_with_kind_and_since(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(28):  # partners, health and anniversaries: a fixed number each
        response = client.get("/places/2884509/krefeld/")
    assert response.status_code == 200
    page = text(response)
    assert "Die Partnerstädte von Krefeld" in page
    rows = response.context["partners"]
    assert {p.name: p.geonameid for row in rows for p in row.partners} == KREFELD_PARTNERS
    for row in rows:
        assert row.partnership.get_kind_display() in page
        if row.partnership.since:
            assert row.partnership.since.display() in page
    assert "Vereinigte Staaten Charlotte Art Städtepartnerschaft Seit Mai 1986" in page
    assert "Frankreich Dünkirchen Art Städtepartnerschaft" in page
    # contacts from the city's contact box, news and activities
    assert "r.fries@krefeld.de" in page
    assert "Städtediplomatie: Kommunale Vertreter kamen in Krefeld zusammen" in page
    assert "Urban Diplomacy Exchange: Netzwerktreffen in Krefeld" in page


def test_urban_diplomacy_exchange_page(client, demo):
    programme = Programme.objects.get(name="Urban Diplomacy Exchange")
    page = text(client.get(programme.get_absolute_url()))
    assert "18.–20. Oktober 2022 Partnerschaftskonferenz „Urban Diplomacy Exchange“ in Washington" in page
    assert "März 2023 Urban Diplomacy Exchange: Netzwerktreffen in Krefeld" in page
    assert "Teilnehmende Städte: Darmstadt, Duisburg, Düsseldorf, Hamm, Krefeld, Münster, Wolfsburg" in page
    assert "trägt Servicestelle Kommunen in der Einen Welt" in page
    assert "fördert Auswärtiges Amt" in page
    english = text(client.get(programme.get_absolute_url(), headers={"accept-language": "en"}))
    assert "Participating cities" in english and "funds Auswärtiges Amt" in english


def test_every_demo_page_renders_and_internal_people_stay_hidden(client, demo, django_user_model):
    for url in ("/", "/search/?q=Krefeld"):
        assert client.get(url).status_code == 200
    urls = []
    for model in (Partnership, Activity, Programme, Article, Organization):
        urls += [record.get_absolute_url() for record in model.objects.all()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Quellen" in text(response), url  # every page names its sources
    internal = Person.objects.filter(visibility="internal")
    assert internal.exists()
    for person in internal:
        assert client.get(person.get_absolute_url()).status_code == 404
    photographer = Person.objects.get(name="Dirk Jochmann")
    articles = Article.objects.filter(people=photographer)
    assert articles.exists()
    for article in articles:
        assert photographer not in client.get(article.get_absolute_url()).context["people"]
    client.force_login(django_user_model.objects.create_user("staff", password="pw-staff-123", is_staff=True))
    assert client.get(photographer.get_absolute_url()).status_code == 404
    client.force_login(user_in_groups("reader", GROUP_INTERNAL_PERSONAL_DATA))
    assert client.get(photographer.get_absolute_url()).status_code == 200


def test_api_partners_of_krefeld(client, demo):
    data = client.get("/api/places/2884509").json()
    assert {p["partner"]["name"]: p["partner"]["geonameid"] for p in data["partnerships"]} == KREFELD_PARTNERS
    since = {p["partner"]["name"]: p["since"] for p in data["partnerships"]}
    assert since["Charlotte"] == "1986-05"
