"""schema.org JSON-LD for the portal's pages: a Place with its coordinates and its Wikidata and
GeoNames identities, an Event for an activity, an Organization, a NewsArticle, a Project for a
programme and a partnership as an organization of its municipalities.

The builders read objects the page has already fetched (no queries of their own beyond what the
page prefetched) and name people only when they are public: the data is for machines and the same
for every visitor, so a logged-in editor's page must not carry more than an anonymous one.

`script_body` serialises like Django's `json_script`: `<`, `>` and `&` become JSON escapes, so a
stored `</script>` cannot end the block, and the block is `application/ld+json` (a data block,
not executed, so the Content-Security-Policy does not need to allow it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from twinning.core.dates import PartialDate
from twinning.core.models import Visibility

SCHEMA = "https://schema.org"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"
ORG_COLLABORATION = "http://www.w3.org/ns/org#OrganizationalCollaboration"

Absolute = Callable[[str], str]  # a path on this site → an absolute URL

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dumps(data: Any) -> str:
    """JSON that cannot end a `<script>` block however the data reads (Django's json_script escapes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).translate(_ESCAPES)


def script_body(data: dict[str, Any] | None) -> str:
    """The text of the page's `<script type="application/ld+json">` block (portal/base.html writes the
    tag and marks this text safe: it holds no `<`, `>` or `&`, so it cannot end the block)."""
    return dumps(data) if data else ""


def same_as(place: Any) -> list[str]:
    """The place's identities elsewhere: Wikidata and GeoNames where known."""
    links = []
    if place.wikidata_qid:
        links.append(WIKIDATA_ENTITY + place.wikidata_qid)
    if place.geonameid:
        links.append(f"{GEONAMES}{place.geonameid}/")
    return links


def _date(value: Any, precision: str | None) -> str | None:
    partial = PartialDate.from_fields(value, precision)
    return partial.iso() if partial else None


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: a validator reads a missing property better than an empty one."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def place_ref(place: Any, absolute: Absolute, *, context: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "City" if place.kind == "municipality" else "AdministrativeArea",
        "@id": absolute(place.get_absolute_url()) + "#place",
        "name": place.display_name,
        "url": absolute(place.get_absolute_url()),
        "sameAs": same_as(place),
    }
    if place.latitude is not None and place.longitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}
    if place.country_id:
        data["containedInPlace"] = {
            "@type": "Country",
            "name": place.country.display_name,
            "identifier": place.country_id,
        }
    if context:
        data = {"@context": SCHEMA, **data}
    return _clean(data)


def place_data(place: Any, absolute: Absolute, *, partners: Iterable[Any] = ()) -> dict[str, Any]:
    """The Place of a place page; its partner cities as `subjectOf` their partnerships."""
    data = place_ref(place, absolute, context=True)
    collaborations = [partnership_ref(row.partnership, absolute) for row in partners]
    if collaborations:
        data["subjectOf"] = collaborations
    return data


def partnership_ref(partnership: Any, absolute: Absolute) -> dict[str, Any]:
    return {
        "@type": "Organization",
        "@id": absolute(partnership.get_absolute_url()) + "#partnership",
        "url": absolute(partnership.get_absolute_url()),
        "name": " – ".join(m.place.display_name for m in partnership.members.all()),
    }


def partnership_data(partnership: Any, places: list[Any], absolute: Absolute, *, title: str) -> dict[str, Any]:
    """A partnership: schema.org has no type for it; an Organization of the municipalities (each a
    Place it is located in), typed further as the W3C Organization ontology's collaboration."""
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "Organization",
            "additionalType": ORG_COLLABORATION,
            "@id": absolute(partnership.get_absolute_url()) + "#partnership",
            "url": absolute(partnership.get_absolute_url()),
            "name": title,
            "description": partnership.get_kind_display(),
            "foundingDate": _date(partnership.established, partnership.established_precision),
            "dissolutionDate": _date(partnership.ended, partnership.ended_precision),
            "location": [place_ref(p, absolute) for p in places],
            "sponsor": [organization_ref(o, absolute) for o in partnership.supporting_organizations.all()],
        }
    )


def organization_ref(organization: Any, absolute: Absolute) -> dict[str, Any]:
    kind = (
        "GovernmentOrganization"
        if organization.kind in ("municipal_office", "municipality", "government")
        else ("Organization")
    )
    return _clean(
        {
            "@type": kind,
            "@id": absolute(organization.get_absolute_url()) + "#organization",
            "name": organization.name,
            "url": absolute(organization.get_absolute_url()),
        }
    )


def person_ref(person: Any, absolute: Absolute) -> dict[str, Any] | None:
    """A public person; None for anyone else (never named in page data)."""
    if person.visibility != Visibility.PUBLIC:
        return None
    return _clean(
        {
            "@type": "Person",
            "@id": absolute(person.get_absolute_url()) + "#person",
            "name": person.name,
            "honorificPrefix": person.honorific,
            "url": absolute(person.get_absolute_url()),
        }
    )


def organization_data(organization: Any, absolute: Absolute, *, public_contacts: Iterable[Any] = ()) -> dict[str, Any]:
    data = organization_ref(organization, absolute)
    emails = [c.value for c in public_contacts if c.kind == "email" and c.visibility == Visibility.PUBLIC]
    phones = [c.value for c in public_contacts if c.kind == "phone" and c.visibility == Visibility.PUBLIC]
    extra = {
        "alternateName": organization.short_name,
        "description": organization.description[:500],
        "sameAs": [organization.website] if organization.website else [],
        "location": place_ref(organization.seat, absolute) if organization.seat_id else None,
        "parentOrganization": organization_ref(organization.parent, absolute) if organization.parent_id else None,
        "email": emails[0] if emails else None,
        "telephone": phones[0] if phones else None,
    }
    return _clean({"@context": SCHEMA, **data, **extra})


_ATTENDANCE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "virtual": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
_ORGANIZER_ROLES = ("organizes", "hosts", "runs")


def activity_data(activity: Any, absolute: Absolute, *, organization_links: Iterable[Any] = ()) -> dict[str, Any]:
    """An activity as an Event: its dates with their precision, where it took place, who organized
    it, the public people who took part."""
    links = list(organization_links)
    location: list[dict[str, Any]] = []
    if activity.place_id:
        location.append(place_ref(activity.place, absolute))
    if activity.venue:
        location.insert(0, _clean({"@type": "Place", "name": activity.venue}))
    attendees = [person_ref(p.person, absolute) for p in activity.participations.all()]
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "Event",
            "@id": absolute(activity.get_absolute_url()) + "#event",
            "url": absolute(activity.get_absolute_url()),
            "name": activity.title,
            "description": activity.description[:500],
            "startDate": _date(activity.start, activity.start_precision),
            "endDate": _date(activity.end, activity.end_precision),
            "eventAttendanceMode": _ATTENDANCE.get(activity.format),
            "location": location,
            "organizer": [organization_ref(x.organization, absolute) for x in links if x.role in _ORGANIZER_ROLES],
            "funder": [organization_ref(x.organization, absolute) for x in links if x.role == "funds"],
            "attendee": [a for a in attendees if a],
            "superEvent": _clean({"@type": "Event", "url": absolute(activity.parent.get_absolute_url())})
            if activity.parent_id
            else None,
        }
    )


def programme_data(
    programme: Any, absolute: Absolute, *, places: Iterable[Any] = (), organization_links: Iterable[Any] = ()
) -> dict[str, Any]:
    links = list(organization_links)
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "Project",
            "@id": absolute(programme.get_absolute_url()) + "#programme",
            "url": absolute(programme.get_absolute_url()),
            "name": programme.name,
            "description": programme.description[:500],
            "sameAs": [programme.website] if programme.website else [],
            "foundingDate": _date(programme.start, programme.start_precision),
            "dissolutionDate": _date(programme.end, programme.end_precision),
            "areaServed": [place_ref(p, absolute) for p in places],
            "funder": [organization_ref(x.organization, absolute) for x in links if x.role == "funds"],
            "parentOrganization": [organization_ref(x.organization, absolute) for x in links if x.role == "runs"],
        }
    )


def article_data(article: Any, absolute: Absolute, *, people: Iterable[Any] = ()) -> dict[str, Any]:
    mentioned = [person_ref(p, absolute) for p in people]
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "NewsArticle",
            "@id": absolute(article.get_absolute_url()) + "#article",
            "url": absolute(article.get_absolute_url()),
            "headline": article.title[:110],
            "description": article.teaser[:500],
            "datePublished": article.published.isoformat() if article.published else None,
            "inLanguage": article.language,
            "isBasedOn": article.url,
            "publisher": organization_ref(article.publisher, absolute) if article.publisher_id else None,
            "image": [i.url for i in article.images.all() if i.url],
            "contentLocation": [place_ref(p, absolute) for p in article.places.all()],
            "mentions": [m for m in mentioned if m],
        }
    )
