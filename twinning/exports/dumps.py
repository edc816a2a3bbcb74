"""The whole registry as a file, one documented format per audience:

- `jsonld-org`: JSON-LD on the W3C Organization ontology (https://www.w3.org/TR/vocab-org/): every
  municipality an `org:FormalOrganization` (and a `schema:City`) with `owl:sameAs` its Wikidata
  item and GeoNames feature, every partnership an `org:OrganizationalCollaboration` whose
  `org:Membership`s name the municipalities with the partnership's dates (`org:memberDuring`, an
  OWL-Time interval with `xsd:gYear`/`xsd:gYearMonth`/`xsd:date` as precise as we know), its
  sources as `dcterms:source`. The context is inline: the file parses offline.
- `popolo`: Popolo JSON (https://www.popoloproject.com/specs/): `persons`, `organizations`
  (directory organizations, municipalities and partnerships) and `memberships` (public roles of
  public people; municipalities in partnerships).
- `rgre-csv`: one row per partnership in the shape of the RGRE's partnership database (Rat der
  Gemeinden und Regionen Europas, Deutsche Sektion): Kommune, Bundesland, Partnerkommune, Land,
  Art (its four kinds), Seit, plus our ids to reconcile with (`twinning reconcile rgre`).

Personal data only where public: people through `twinning.directory.access` as an anonymous
visitor sees them, contact details only public ones of public people and organizations.
Files are written to a temporary name and renamed, so a reader never sees half a dump; the web
copies (`/data/`) are built on demand once per data generation (`core.invalidation`).
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils import translation

from twinning.core.dates import PartialDate
from twinning.core.files import csv_cell
from twinning.places.states import BY_ADMIN1

from . import selectors
from .linked_data import GEONAMES, WIKIDATA_ENTITY
from .rgre import KIND_TO_RGRE


@dataclass(frozen=True)
class DumpFormat:
    name: str
    filename: str
    content_type: str
    write: Callable[[IO[str], str], None]  # (stream, base URL)
    description: str


CONTEXT: dict[str, Any] = {
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sameAs": {"@id": "owl:sameAs", "@type": "@id"},
    "name": "schema:name",
    "url": {"@id": "schema:url", "@type": "@id"},
    "latitude": {"@id": "schema:latitude", "@type": "xsd:double"},
    "longitude": {"@id": "schema:longitude", "@type": "xsd:double"},
    "geo": "schema:geo",
    "addressCountry": "schema:addressCountry",
    "containedInPlace": "schema:containedInPlace",
    "hasMembership": {"@id": "org:hasMembership", "@type": "@id"},
    "member": {"@id": "org:member", "@type": "@id"},
    "organization": {"@id": "org:organization", "@type": "@id"},
    "memberDuring": "org:memberDuring",
    "hasBeginning": "time:hasBeginning",
    "hasEnd": "time:hasEnd",
    "inXSD": "time:inXSDDateTimeStamp",
    "kind": "dcterms:type",
    "status": "schema:status",
    "source": "dcterms:source",
    "foundingDate": "schema:foundingDate",
    "dissolutionDate": "schema:dissolutionDate",
    "classification": "org:classification",
    "subOrganizationOf": {"@id": "org:subOrganizationOf", "@type": "@id"},
    "hasSite": "org:hasSite",
    "prefLabel": "skos:prefLabel",
}

_XSD_TYPE = {"year": "xsd:gYear", "month": "xsd:gYearMonth", "day": "xsd:date"}
_TIME_PROPERTY = {"year": "time:inXSDgYear", "month": "time:inXSDgYearMonth", "day": "time:inXSDDate"}


def typed_date(partial: PartialDate | None) -> dict[str, str] | None:
    """A date as precise as we know it, typed so RDF keeps the precision ("1986" is a gYear)."""
    if partial is None:
        return None
    return {"@value": partial.iso(), "@type": _XSD_TYPE[partial.precision]}


def _instant(partial: PartialDate) -> dict[str, Any]:
    return {"@type": "time:Instant", _TIME_PROPERTY[partial.precision]: typed_date(partial)}


def place_iri(base: str, place: selectors.PlaceRow) -> str:
    return f"{base}/places/{place.geonameid}/" if place.geonameid else f"{base}/places/local/{place.pk}/"


def _same_as(place: selectors.PlaceRow) -> list[str]:
    links = [WIKIDATA_ENTITY + place.qid] if place.qid else []
    if place.geonameid:
        links.append(f"{GEONAMES}{place.geonameid}/")
    return links


def _json_items(stream: IO[str], items: Iterator[Any], *, indent: str = "  ") -> None:
    """A JSON array streamed item by item (a dump of the whole registry is never held as one string)."""
    first = True
    for item in items:
        stream.write(("\n" if first else ",\n") + indent + json.dumps(item, ensure_ascii=False))
        first = False
    stream.write("\n]" if not first else "]")


# -- JSON-LD, W3C Organization ontology --------------------------------------------------------------


def _jsonld_nodes(base: str) -> Iterator[dict[str, Any]]:
    places = selectors.member_places()
    for place in places.values():
        node: dict[str, Any] = {
            "@id": place_iri(base, place),
            "@type": ["org:FormalOrganization", "schema:City" if place.kind == "municipality" else "schema:Place"],
            "name": place.name,
            "classification": place.kind,
            "sameAs": _same_as(place),
        }
        if place.country:
            node["addressCountry"] = place.country
        if place.lat is not None and place.lon is not None:
            node["geo"] = {"@type": "schema:GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
        yield node
    for partnership in selectors.partnerships():
        iri = f"{base}/partnerships/{partnership.pk}/"
        node = {
            "@id": iri,
            "@type": "org:OrganizationalCollaboration",
            "name": " – ".join(places[p].name for p in partnership.places if p in places),
            "kind": partnership.kind,
            "status": partnership.status,
            "url": iri,
        }
        if partnership.established:
            node["foundingDate"] = typed_date(partnership.established)
        if partnership.ended:
            node["dissolutionDate"] = typed_date(partnership.ended)
        if partnership.sources:
            node["source"] = partnership.sources
        during: dict[str, Any] = {"@type": "time:Interval"}
        if partnership.established:
            during["hasBeginning"] = _instant(partnership.established)
        if partnership.ended:
            during["hasEnd"] = _instant(partnership.ended)
        node["hasMembership"] = [
            {
                "@id": f"{iri}#member-{place_id}",
                "@type": "org:Membership",
                "member": place_iri(base, places[place_id]),
                "organization": iri,
                **({"memberDuring": during} if len(during) > 1 else {}),
            }
            for place_id in partnership.places
            if place_id in places
        ]
        yield node
    for organization in selectors.organizations():
        node = {
            "@id": f"{base}/organizations/{organization.slug}/",
            "@type": ["org:FormalOrganization", "schema:Organization"],
            "name": organization.name,
            "classification": organization.kind,
        }
        if organization.website:
            node["sameAs"] = [organization.website]
        if organization.parent_id and organization.parent is not None:
            node["subOrganizationOf"] = f"{base}/organizations/{organization.parent.slug}/"
        if organization.seat is not None:
            node["hasSite"] = {"@type": "org:Site", "containedInPlace": {"@id": _seat_iri(base, organization.seat)}}
        yield node


def _seat_iri(base: str, seat: Any) -> str:
    return f"{base}/places/{seat.geonameid}/" if seat.geonameid else f"{base}/places/local/{seat.pk}/"


def write_jsonld_org(stream: IO[str], base: str) -> None:
    stream.write('{\n"@context": ' + json.dumps(CONTEXT, ensure_ascii=False) + ',\n"@graph": [')
    _json_items(stream, _jsonld_nodes(base))
    stream.write("\n}\n")


# -- Popolo --------------------------------------------------------------------------------------


def _popolo_date(partial: PartialDate | None) -> str | None:
    return partial.iso() if partial else None


def write_popolo(stream: IO[str], base: str) -> None:
    places = selectors.member_places()
    people = selectors.public_people()
    roles = selectors.public_roles()
    details: dict[tuple[str, int], list[dict[str, str]]] = {}
    for detail in selectors.public_contact_details():
        owner = ("person", detail.person_id) if detail.person_id else ("organization", detail.organization_id or 0)
        details.setdefault(owner, []).append({"type": detail.kind, "value": detail.value})

    def persons() -> Iterator[dict[str, Any]]:
        for person in people:
            item: dict[str, Any] = {"id": f"person-{person.slug}", "name": person.name}
            if person.honorific:
                item["honorific_prefix"] = person.honorific
            item["links"] = [{"url": f"{base}/people/{person.slug}/", "note": "Twinning"}]
            if ("person", person.pk) in details:
                item["contact_details"] = details[("person", person.pk)]
            yield item

    def organizations() -> Iterator[dict[str, Any]]:
        for organization in selectors.organizations():
            item: dict[str, Any] = {
                "id": f"organization-{organization.slug}",
                "name": organization.name,
                "classification": organization.kind,
                "links": [{"url": f"{base}/organizations/{organization.slug}/", "note": "Twinning"}],
            }
            if organization.short_name:
                item["other_names"] = [{"name": organization.short_name}]
            if organization.parent is not None:
                item["parent_id"] = f"organization-{organization.parent.slug}"
            if organization.seat is not None:
                item["area_id"] = _place_id(organization.seat.pk, organization.seat.geonameid)
            if organization.website:
                item["links"].append({"url": organization.website, "note": "website"})
            if ("organization", organization.pk) in details:
                item["contact_details"] = details[("organization", organization.pk)]
            yield item
        for place in places.values():
            identifiers = [{"scheme": "geonames", "identifier": str(place.geonameid)}] if place.geonameid else []
            if place.qid:
                identifiers.append({"scheme": "wikidata", "identifier": place.qid})
            yield {
                "id": _place_id(place.pk, place.geonameid),
                "name": place.name,
                "classification": "municipality" if place.kind == "municipality" else place.kind,
                "identifiers": identifiers,
                "links": [{"url": place_iri(base, place), "note": "Twinning"}],
            }
        for partnership in selectors.partnerships():
            item = {
                "id": f"partnership-{partnership.pk}",
                "name": " – ".join(places[p].name for p in partnership.places if p in places),
                "classification": f"partnership:{partnership.kind}",
                "links": [{"url": f"{base}/partnerships/{partnership.pk}/", "note": "Twinning"}],
                "sources": [{"url": s} for s in partnership.sources],
            }
            if partnership.established:
                item["founding_date"] = partnership.established.iso()
            if partnership.ended:
                item["dissolution_date"] = partnership.ended.iso()
            yield item

    def memberships() -> Iterator[dict[str, Any]]:
        for role in roles:
            item: dict[str, Any] = {
                "id": f"role-{role.pk}",
                "person_id": f"person-{role.person.slug}",
                "role": role.function,
            }
            if role.organization_id:
                item["organization_id"] = f"organization-{role.organization.slug}"  # type: ignore[union-attr]
            if role.place_id:
                item["area_id"] = _place_id(role.place_id, role.place.geonameid)  # type: ignore[union-attr]
            start = PartialDate.from_fields(role.start, role.start_precision)
            end = PartialDate.from_fields(role.end, role.end_precision)
            if start:
                item["start_date"] = start.iso()
            if end:
                item["end_date"] = end.iso()
            yield item
        for partnership in selectors.partnerships():
            for place_id in partnership.places:
                if place_id not in places:
                    continue
                item = {
                    "id": f"partnership-{partnership.pk}-member-{place_id}",
                    "organization_id": f"partnership-{partnership.pk}",
                    "member": {"@type": "Organization", "id": _place_id(place_id, places[place_id].geonameid)},
                }
                if partnership.established:
                    item["start_date"] = partnership.established.iso()
                if partnership.ended:
                    item["end_date"] = partnership.ended.iso()
                yield item

    stream.write('{\n"persons": [')
    _json_items(stream, persons())
    stream.write(',\n"organizations": [')
    _json_items(stream, organizations())
    stream.write(',\n"memberships": [')
    _json_items(stream, memberships())
    stream.write("\n}\n")


def _place_id(pk: int, geonameid: int | None) -> str:
    return f"place-geonames-{geonameid}" if geonameid else f"place-{pk}"


# -- RGRE-shaped CSV -----------------------------------------------------------------------------

RGRE_COLUMNS = [
    "Kommune",
    "Bundesland",
    "Land Kommune",
    "Partnerkommune",
    "Land",
    "Art",
    "Seit",
    "Beendet",
    "GeoNames Kommune",
    "GeoNames Partnerkommune",
    "Twinning",
]


def _rgre_sides(places: list[selectors.PlaceRow], home: str) -> tuple[selectors.PlaceRow, selectors.PlaceRow]:
    """The home country's member first (the RGRE lists German municipalities and their partners)."""
    ordered = sorted(places, key=lambda p: (p.country != home, p.name))
    return ordered[0], ordered[1]


def rgre_rows(base: str) -> Iterator[list[Any]]:
    home = settings.TWINNING_COUNTRY
    places = selectors.member_places()
    for partnership in selectors.partnerships():
        members = [places[p] for p in partnership.places if p in places]
        if len(members) < 2:
            continue
        ours, theirs = _rgre_sides(members, home)
        state = BY_ADMIN1.get(ours.admin1) if ours.country == "DE" else None
        yield [
            ours.name,
            state.name if state else "",
            ours.country,
            theirs.name,
            theirs.country,
            KIND_TO_RGRE.get(partnership.kind, partnership.kind),  # type: ignore[call-overload]
            partnership.established.iso()[:4] if partnership.established else "",
            partnership.ended.iso()[:4] if partnership.ended else "",
            ours.geonameid or "",
            theirs.geonameid or "",
            f"{base}/partnerships/{partnership.pk}/",
        ]


def write_rgre_csv(stream: IO[str], base: str) -> None:
    writer = csv.writer(stream)
    writer.writerow(RGRE_COLUMNS)
    for row in rgre_rows(base):
        writer.writerow([csv_cell(value) for value in row])


FORMATS: dict[str, DumpFormat] = {
    f.name: f
    for f in (
        DumpFormat(
            "jsonld-org",
            "twinning-org.jsonld",
            "application/ld+json; charset=utf-8",
            write_jsonld_org,
            "JSON-LD, W3C Organization ontology, schema.org, owl:sameAs Wikidata/GeoNames",
        ),
        DumpFormat(
            "popolo",
            "twinning-popolo.json",
            "application/json; charset=utf-8",
            write_popolo,
            "Popolo JSON: persons, organizations, memberships",
        ),
        DumpFormat(
            "rgre-csv",
            "twinning-rgre.csv",
            "text/csv; charset=utf-8",
            write_rgre_csv,
            "CSV in the RGRE's shape (Partnerschaft, Freundschaft, Kontakt, Projektpartnerschaft)",
        ),
    )
}
BY_FILENAME = {f.filename: f for f in FORMATS.values()}


@contextmanager
def _atomic_file(path: Path) -> Iterator[IO[str]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would keep a published dump from the web server's other users
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_dump(format_name: str, path: Path, *, base: str | None = None) -> Path:
    """Write the dump in `format_name` to `path` (atomically). Names are the registry's own (not
    translated): the dump is the same whatever language asked for it."""
    dump = FORMATS[format_name]
    with translation.override(None), _atomic_file(path) as stream:
        dump.write(stream, (base or settings.TWINNING_BASE_URL).rstrip("/"))
    return path
