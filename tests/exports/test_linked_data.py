"""schema.org JSON-LD on the portal's pages, on the demo world with the recorded Wikidata files
imported: it parses as RDF (rdflib, offline), carries sameAs to Wikidata and GeoNames, dates and
places, and names public people only."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import rdflib
from django.test import Client

from tests.factories import ActivityFactory, PersonFactory
from twinning.activities.models import Activity, Programme
from twinning.core.models import Visibility
from twinning.directory.models import Organization, Person
from twinning.exports.linked_data import dumps, script_body
from twinning.partnerships.models import Partnership
from twinning.places.models import Place
from twinning.press.models import Article

pytestmark = pytest.mark.django_db

SCHEMA = rdflib.Namespace("https://schema.org/")
# schema.org's published context, reduced to what these pages use, so the test parses offline.
OFFLINE_CONTEXT = {
    "@vocab": "https://schema.org/",
    "sameAs": {"@type": "@id"},
    "url": {"@type": "@id"},
    "additionalType": {"@type": "@id"},
    "eventAttendanceMode": {"@type": "@id"},
}
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def linked_data(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    blocks = BLOCK.findall(response.content.decode())
    assert len(blocks) == 1, "one JSON-LD block per page"
    return json.loads(blocks[0])


def graph(data: dict[str, Any]) -> rdflib.Graph:
    assert data["@context"] == "https://schema.org"
    parsed = rdflib.Graph().parse(data=json.dumps({**data, "@context": OFFLINE_CONTEXT}), format="json-ld")
    assert len(parsed) > 0
    return parsed


def test_krefeld_place_page_json_ld_parses_with_geo_and_same_as(registry: None, client: Client) -> None:
    data = linked_data(client.get("/places/2884509/krefeld/"))
    assert data["@type"] == "City"
    assert data["sameAs"] == ["http://www.wikidata.org/entity/Q2805", "https://sws.geonames.org/2884509/"]
    assert data["geo"]["latitude"] == pytest.approx(51.33, abs=0.05)
    assert data["containedInPlace"]["identifier"] == "DE"
    rdf = graph(data)
    krefeld = rdflib.URIRef(data["@id"])
    assert (krefeld, SCHEMA.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q2805")) in rdf
    assert (krefeld, SCHEMA.sameAs, rdflib.URIRef("https://sws.geonames.org/2884509/")) in rdf
    # Its partnerships (the seeds' four and those Wikidata adds), each linked to its page.
    partnerships = {p["url"] for p in data["subjectOf"]}
    assert len(partnerships) == Partnership.objects.filter(places__geonameid=2884509).count() >= 4


def test_partnership_page_is_a_collaboration_of_its_places(registry: None, client: Client) -> None:
    partnership = Partnership.objects.filter(places__geonameid=2884509).get(places__geonameid=4460243)
    data = linked_data(client.get(partnership.get_absolute_url()))
    assert data["additionalType"] == "http://www.w3.org/ns/org#OrganizationalCollaboration"
    assert data["foundingDate"] == "1986-05"  # the demo world's month precision, kept
    assert {p["name"] for p in data["location"]} == {"Krefeld", "Charlotte"}
    assert all(p["sameAs"] for p in data["location"])
    graph(data)


def test_activity_page_is_an_event_with_dates_location_organizer_and_public_people_only(
    registry: None, client: Client
) -> None:
    activity = Activity.objects.filter(participations__isnull=False, start__isnull=False).first()
    assert activity is not None
    internal = PersonFactory(name="Interne Teilnehmerin Zeta", visibility=Visibility.INTERNAL)
    activity.participations.create(person=internal, role="Organisation")
    data = linked_data(client.get(activity.get_absolute_url()))
    assert data["@type"] == "Event"
    assert data["startDate"] == activity.starts.iso()
    assert data["location"]
    public = {p.person.name for p in activity.participations.all() if p.person.visibility == Visibility.PUBLIC}
    assert {a["name"] for a in data.get("attendee", [])} == public
    assert "Zeta" not in json.dumps(data)
    graph(data)


def test_every_kind_of_page_carries_json_ld_that_parses(registry: None, client: Client) -> None:
    pages = {
        "Project": Programme.objects.get(slug="urban-diplomacy-exchange").get_absolute_url(),
        "NewsArticle": Article.objects.filter(is_public=True).first().get_absolute_url(),  # type: ignore[union-attr]
        "GovernmentOrganization": Organization.objects.filter(kind="municipality").first().get_absolute_url(),  # type: ignore[union-attr]
    }
    for kind, url in pages.items():
        data = linked_data(client.get(url))
        assert data["@type"] == kind, url
        graph(data)


def test_article_json_ld_mentions_public_people_only(registry: None, client: Client) -> None:
    article = Article.objects.filter(is_public=True, people__visibility=Visibility.INTERNAL).first()
    assert article is not None, "the demo world has an article naming an internal person"
    data = linked_data(client.get(article.get_absolute_url()))
    text = json.dumps(data, ensure_ascii=False)
    for person in Person.objects.filter(articles=article):
        assert (person.name in text) == (person.visibility == Visibility.PUBLIC), person.name


def test_stored_script_end_cannot_break_out_of_the_block(registry: None, client: Client) -> None:
    payload = '</script><script>alert("x")</script>'
    activity = ActivityFactory(title=payload, slug="breakout", start=None, place=Place.objects.get(geonameid=2884509))
    html = client.get(activity.get_absolute_url()).content.decode()
    block = BLOCK.search(html)
    assert block is not None
    assert "</script>" not in block.group(1) and "<" not in block.group(1)
    assert json.loads(block.group(1))["name"] == payload
    assert "<script>alert" not in html


def test_script_body_escapes_like_json_script() -> None:
    body = script_body({"name": "a</script>&<b>"})
    assert body == '{"name":"a\\u003C/script\\u003E\\u0026\\u003Cb\\u003E"}'
    assert json.loads(dumps({"x": "<&>"})) == {"x": "<&>"}
    assert script_body(None) == ""
