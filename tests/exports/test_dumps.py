"""`twinning export` and /data/: the dumps parse (the JSON-LD with rdflib, offline), carry the
partnerships as org:OrganizationalCollaboration with memberships and sameAs, and no internal
personal data; the RGRE CSV uses the RGRE's four kinds."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
import rdflib
from django.core.management import CommandError, call_command
from django.test import Client

from tests.factories import ContactDetailFactory
from twinning.core.models import Visibility
from twinning.directory.models import ContactDetail, Person
from twinning.exports.dumps import FORMATS
from twinning.partnerships.models import Partnership

pytestmark = pytest.mark.django_db

ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
OWL = rdflib.Namespace("http://www.w3.org/2002/07/owl#")
BASE = "https://twinning.example.org"
KREFELD = rdflib.URIRef(f"{BASE}/places/2884509/")


def internal_markers() -> list[str]:
    """What must not appear: internal people's names, internal e-mails and phones."""
    ContactDetailFactory(
        person=Person.objects.filter(visibility=Visibility.PUBLIC).first(),
        kind="email",
        value="geheim.intern@krefeld.de",
        visibility="internal",
    )
    markers = ["geheim.intern@krefeld.de"]
    markers += [p.name for p in Person.objects.filter(visibility=Visibility.INTERNAL)]
    markers += [c.value for c in ContactDetail.objects.filter(visibility=Visibility.INTERNAL)]
    assert len(markers) > 3
    return markers


def export(tmp_path: Path, name: str) -> str:
    path = tmp_path / FORMATS[name].filename
    call_command("export", "--format", name, "--output", str(path), "--base-url", BASE, stderr=StringIO())
    return path.read_text(encoding="utf-8")


def test_jsonld_org_parses_with_rdflib_and_has_collaborations_memberships_same_as(
    registry: None, tmp_path: Path
) -> None:
    markers = internal_markers()
    text = export(tmp_path, "jsonld-org")
    assert not [m for m in markers if m in text]
    graph = rdflib.Graph().parse(data=text, format="json-ld")
    collaborations = set(graph.subjects(rdflib.RDF.type, ORG.OrganizationalCollaboration))
    assert len(collaborations) == Partnership.objects.count()
    assert (KREFELD, OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q2805")) in graph
    assert (KREFELD, OWL.sameAs, rdflib.URIRef("https://sws.geonames.org/2884509/")) in graph
    charlotte = Partnership.objects.filter(places__geonameid=2884509).get(places__geonameid=4460243)
    partnership = rdflib.URIRef(f"{BASE}/partnerships/{charlotte.pk}/")
    memberships = set(graph.objects(partnership, ORG.hasMembership))
    assert {graph.value(m, ORG.member) for m in memberships} == {KREFELD, rdflib.URIRef(f"{BASE}/places/4460243/")}
    # The membership's dates keep their precision: May 1986 is an xsd:gYearMonth.
    beginning = graph.value(
        graph.value(next(iter(memberships)), ORG.memberDuring),
        rdflib.URIRef("http://www.w3.org/2006/time#hasBeginning"),
    )
    month = graph.value(beginning, rdflib.URIRef("http://www.w3.org/2006/time#inXSDgYearMonth"))
    assert str(month) == "1986-05" and month.datatype == rdflib.XSD.gYearMonth


def test_popolo_has_public_people_roles_and_partnership_memberships_only(registry: None, tmp_path: Path) -> None:
    markers = internal_markers()
    text = export(tmp_path, "popolo")
    assert not [m for m in markers if m in text]
    data = json.loads(text)
    assert {p["name"] for p in data["persons"]} == set(
        Person.objects.filter(visibility=Visibility.PUBLIC).values_list("name", flat=True)
    )
    organizations = {o["id"]: o for o in data["organizations"]}
    assert organizations["place-geonames-2884509"]["identifiers"] == [
        {"scheme": "geonames", "identifier": "2884509"},
        {"scheme": "wikidata", "identifier": "Q2805"},
    ]
    person_ids = {p["id"] for p in data["persons"]}
    roles = [m for m in data["memberships"] if "person_id" in m]
    assert roles and all(m["person_id"] in person_ids for m in roles)
    members = [m for m in data["memberships"] if m.get("organization_id", "").startswith("partnership-")]
    assert len(members) == 2 * Partnership.objects.count()
    assert all(m["member"]["id"] in organizations for m in members)


def test_rgre_csv_has_the_four_kinds_and_the_german_side_first(registry: None, tmp_path: Path) -> None:
    rows = list(csv.DictReader(StringIO(export(tmp_path, "rgre-csv"))))
    assert len(rows) == Partnership.objects.count()
    assert {r["Art"] for r in rows} <= {"Partnerschaft", "Freundschaft", "Kontakt", "Projektpartnerschaft"}
    charlotte = next(r for r in rows if r["Partnerkommune"] == "Charlotte" and r["Kommune"] == "Krefeld")
    assert (charlotte["Bundesland"], charlotte["Land"], charlotte["Art"], charlotte["Seit"]) == (
        "Nordrhein-Westfalen",
        "US",
        "Partnerschaft",
        "1986",
    )


def test_data_downloads_are_built_once_per_generation(registry: None, client: Client) -> None:
    response = client.get("/data/twinning-rgre.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    first = b"".join(response.streaming_content).decode()
    assert first.startswith("Kommune,Bundesland")
    again = client.get("/data/twinning-rgre.csv")
    assert b"".join(again.streaming_content).decode() == first
    index = client.get("/data/")
    assert index.status_code == 200 and "twinning-org.jsonld" in index.content.decode()
    assert client.get("/data/passwd").status_code == 404


def test_export_refuses_a_missing_folder(registry: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export", "--format", "popolo", "--output", str(tmp_path / "no" / "file.json"))
    with pytest.raises(CommandError):
        call_command("export", "--format", "turtle")
