"""Portal pages on a Krefeld world built on the real gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from tests.factories import PartnershipFactory, PlaceFactory, user_in_groups
from tests.portal.conftest import CHARLOTTE, DUNKIRK, KREFELD, LEICESTER, VENLO
from twinning.directory.access import GROUP_INTERNAL_PERSONAL_DATA

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client: Client) -> Client:
    client.force_login(user_in_groups("editor", GROUP_INTERNAL_PERSONAL_DATA))
    return client


def krefeld_url(world) -> str:
    return reverse("portal:place", kwargs={"geonameid": KREFELD, "slug": "krefeld"})


def test_place_id_redirects_to_slug_url(client, world):
    response = client.get(f"/places/{KREFELD}/")
    assert response.status_code == 302
    assert response["Location"] == "/places/2884509/krefeld/"
    wrong_slug = client.get("/places/2884509/crefeld/")
    assert wrong_slug.status_code == 302 and wrong_slug["Location"] == "/places/2884509/krefeld/"


def test_unknown_place_is_404(client, gazetteer):
    assert client.get("/places/999999999/").status_code == 404
    assert client.get("/places/999999999/nowhere/").status_code == 404
    assert client.get("/places/local/999999999/nowhere/").status_code == 404


def test_place_page_in_german_lists_partners_with_kind_and_since(client, world):
    response = client.get(krefeld_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "Die Partnerstädte von Krefeld" in html
    for name in ("Charlotte", "Dünkirchen", "Leicester", "Venlo"):
        assert name in html
    assert "Dunkirk" not in html
    for country in ("Vereinigte Staaten", "Frankreich", "Vereinigtes Königreich", "Niederlande"):
        assert country in html
    assert "United States" not in html and "Germany" not in html
    # Kind and since, per partner row
    rows = {row.partners[0].geonameid: row for row in response.context["partners"]}
    assert set(rows) == {CHARLOTTE, DUNKIRK, LEICESTER, VENLO}
    assert rows[CHARLOTTE].partnership.since.iso() == "1986"
    assert rows[VENLO].partnership.kind == "friendship"
    assert '<time datetime="1986">1986</time>' in html
    assert '<time datetime="1974">1974</time>' in html
    assert "Städtepartnerschaft" in html and "Städtefreundschaft" in html
    # activities, news, contacts and sources
    assert "Netzwerktreffen Urban Diplomacy Exchange in Krefeld" in html
    assert "Städtediplomatie: Kommunale Vertreter kamen in Krefeld zusammen" in html
    assert "Krefeld und Charlotte feiern" in html  # news about a partnership of Krefeld
    assert "Frank Meyer" in html and "oberbuergermeister@krefeld.de" in html
    assert "Krefelder Partnerstadt Charlotte" in html  # the quote in the sources box


def test_place_page_in_english_by_header_and_cookie(client, world):
    by_header = client.get(krefeld_url(world), headers={"accept-language": "en"})
    assert "The partner cities of Krefeld" in by_header.content.decode()
    assert '<html lang="en"' in by_header.content.decode()
    client.cookies["django_language"] = "en"
    by_cookie = client.get(krefeld_url(world))
    assert "The partner cities of Krefeld" in by_cookie.content.decode()
    assert "town twinning" in by_cookie.content.decode()
    english = by_cookie.content.decode()
    assert "Dunkirk" in english and "Dünkirchen" not in english
    assert "United States" in english and "France" in english and "Frankreich" not in english


def test_partnership_title_from_the_viewed_place_side(client, world):
    charlotte = world.partnerships[CHARLOTTE]
    dunkirk = world.partnerships[DUNKIRK]
    assert ">Krefeld – Charlotte</h1>" in client.get(charlotte.get_absolute_url()).content.decode()
    from_charlotte = client.get(f"{charlotte.get_absolute_url()}?from={world.partners[CHARLOTTE].pk}")
    assert ">Charlotte – Krefeld</h1>" in from_charlotte.content.decode()
    assert ">Krefeld – Dünkirchen</h1>" in client.get(dunkirk.get_absolute_url()).content.decode()
    english = client.get(dunkirk.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    assert ">Krefeld – Dunkirk</h1>" in english
    assert client.get(f"{dunkirk.get_absolute_url()}?from=abc").status_code == 200
    place_page = client.get(krefeld_url(world)).content.decode()
    assert f'href="{dunkirk.get_absolute_url()}?from={world.krefeld.pk}"' in place_page


def test_language_switcher_sets_the_language(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": krefeld_url(world)})
    assert response.status_code == 302 and response["Location"] == krefeld_url(world)
    assert "The partner cities of Krefeld" in client.get(krefeld_url(world)).content.decode()
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert "Die Partnerstädte von Krefeld" in client.get(krefeld_url(world)).content.decode()


def test_internal_contacts_hidden_from_anonymous_and_staff_and_shown_with_the_permission(client, world):
    anonymous = client.get(krefeld_url(world)).content.decode()
    assert "Frank Meyer" in anonymous
    assert "Erika Musterfrau" not in anonymous
    assert "02151 86-0000" not in anonymous
    client.force_login(User.objects.create_user("staff", password="pw-staff-123", is_staff=True))
    staff = client.get(krefeld_url(world)).content.decode()
    assert "Erika Musterfrau" not in staff
    assert "02151 86-0000" not in staff
    client.force_login(user_in_groups("editor", GROUP_INTERNAL_PERSONAL_DATA))
    logged_in = client.get(krefeld_url(world)).content.decode()
    assert "Erika Musterfrau" in logged_in
    assert "02151 86-0000" in logged_in


def test_place_page_query_count_does_not_grow_with_partners(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(28) as few:
        client.get(krefeld_url(world))
    for _ in range(8):
        PartnershipFactory(places=[world.krefeld, PlaceFactory()], established=dt.date(2000, 1, 1))
    # A committed write moves the data generation on and the cached partner cards are built again;
    # a test's writes are never committed, so the figures cached by the first request are dropped here.
    caches["default"].clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(krefeld_url(world))
    assert len(response.context["partners"]) == 12


def test_person_pages_respect_visibility(client, world):
    assert client.get(world.mayor.get_absolute_url()).status_code == 200
    assert client.get(world.staff.get_absolute_url()).status_code == 404
    assert client.get("/people/nobody/").status_code == 404
    client.force_login(User.objects.create_user("staff", password="pw-staff-123", is_staff=True))
    assert client.get(world.staff.get_absolute_url()).status_code == 404
    client.force_login(user_in_groups("editor", GROUP_INTERNAL_PERSONAL_DATA))
    response = client.get(world.staff.get_absolute_url())
    assert response.status_code == 200
    assert "02151 86-0000" in response.content.decode()


def test_activity_page_hides_internal_participants(client, world):
    html = client.get(world.meeting.get_absolute_url()).content.decode()
    assert "Historischer Ratssaal" in html and "15 Teilnehmende" in html
    assert "Frank Meyer" in html
    assert "Erika Musterfrau" not in html
    assert "Insgesamt 15 Teilnehmende" in html  # its source quote


def test_programme_page_shows_activities_participating_cities_and_organizations(client, world):
    response = client.get("/programmes/urban-diplomacy-exchange/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Urban Diplomacy Exchange Konferenz in Washington" in html
    assert "Netzwerktreffen Urban Diplomacy Exchange in Krefeld" in html
    assert html.index("Konferenz in Washington") < html.index("Netzwerktreffen")  # in date order
    names = [place.name for place in response.context["places"]]
    assert {"Krefeld", "Charlotte", "Hamm", "Münster", "Washington"} <= set(names)
    roles = {role: orgs for role, _label, orgs in response.context["organizations"]}
    assert [org.name for org in roles["runs"]] == ["Engagement Global"]
    assert [org.name for org in roles["funds"]] == ["Auswärtiges Amt"]


def test_partnership_page_has_places_timeline_and_sources(client, world):
    partnership = world.partnerships[CHARLOTTE]
    response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Krefeld" in html and "Charlotte" in html
    timeline = [item["object"] for item in response.context["timeline"]]
    assert timeline == [world.older_article, world.conference]  # 2021 news, then the 2022 conference
    assert "Krefelder Partnerstadt Charlotte" in html
    assert client.get("/partnerships/999999/").status_code == 404


def test_article_page_with_images_credits_and_related(client, world):
    response = client.get(world.article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stadt Krefeld, Dirk Jochmann" in html
    # Linked, not embedded: the Content-Security-Policy allows images from this site only.
    assert '<a class="kern-link" href="https://www.example.org/bild.jpg" rel="external noopener">' in html
    assert "Urban Diplomacy Exchange Delegation" in html and "<img" not in html
    assert response.context["related"] == [world.older_article]
    assert "Erika Musterfrau" not in html  # internal person mentioned in the article
    assert client.get("/news/no-such-article/").status_code == 404


def test_every_page_renders(client, world):
    urls = [
        "/",
        "/search/?q=Kref",
        krefeld_url(world),
        world.partnerships[DUNKIRK].get_absolute_url(),
        world.conference.get_absolute_url(),
        world.programme.get_absolute_url(),
        world.article.get_absolute_url(),
        "/organizations/stadt-krefeld/",
        world.mayor.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'class="skip-link" href="#main"' in html and '<main id="main"' in html, url
        assert "<h1" in html, url
    for url in ("/activities/none/", "/programmes/none/", "/organizations/none/", "/people/none/"):
        assert client.get(url).status_code == 404, url


def test_local_place_page(client, world):
    county = PlaceFactory(geonameid=None, name="Landkreis Oder-Spree", slug="landkreis-oder-spree", kind="county")
    PartnershipFactory(places=[county, world.krefeld])
    url = county.get_absolute_url()
    assert url == f"/places/local/{county.pk}/landkreis-oder-spree/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Die Partnerstädte von Landkreis Oder-Spree" in response.content.decode()
    # a GeoNames place addressed by its local id goes to its canonical URL
    assert client.get(f"/places/local/{world.krefeld.pk}/krefeld/")["Location"] == krefeld_url(world)


def test_search_finds_places_people_and_news(client, world):
    response = client.get("/search/?q=Kref")
    results = response.context["results"]
    assert results.places[0].obj.geonameid == KREFELD
    assert client.get("/search/?q=Erika").context["results"].people == []  # internal
    assert [h.obj.slug for h in client.get("/search/?q=Städtediplomatie").context["results"].articles] == [
        "staedtediplomatie-krefeld"
    ]
    partial = client.get("/search/?q=Kref", headers={"hx-request": "true"})
    assert "<html" not in partial.content.decode() and "Krefeld" in partial.content.decode()


def test_home_page_counts_and_lists(client, world):
    response = client.get("/")
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts == {"places": 5, "partnerships": 4, "activities": 2, "articles": 2}
    html = response.content.decode()
    assert "Städtediplomatie: Kommunale Vertreter kamen in Krefeld zusammen" in html
    assert 'hx-get="/search/"' in html and "/static/htmx/htmx.min.js" in html
