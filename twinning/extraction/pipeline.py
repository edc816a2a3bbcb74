"""`extract()`: raw press release in, proposed records out (an `ExtractionResult`, spans into the clean text)."""

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial

from twinning.core.text import fold
from twinning.extraction import contacts as contacts_module
from twinning.extraction.clean import clean, sentence_spans
from twinning.extraction.dates import DATELINE, find_published
from twinning.extraction.events import find_events
from twinning.extraction.organizations import find_organizations
from twinning.extraction.partnerships import find_partnerships
from twinning.extraction.people import find_people
from twinning.extraction.places import ResolvedPlace, resolve_places
from twinning.extraction.result import (
    ExtractedContact,
    ExtractedEvent,
    ExtractedOrganization,
    ExtractedPartnership,
    ExtractedPerson,
    ExtractedPlace,
    ExtractionResult,
    PlaceRef,
    Span,
)
from twinning.extraction.topics import find_topics

_GERMAN = re.compile(r"\b(?:der|die|das|und|ist|nicht|mit|für|von|den|dem|ein|eine|auf|im|zu)\b", re.I)
_ENGLISH = re.compile(r"\b(?:the|and|is|of|to|in|for|with|on|was|were|a|an|by)\b", re.I)
_PARTNER_BEFORE = re.compile(r"(?:Partner\w*|twin town|sister city)\s+$", re.IGNORECASE)
_HOME_CUE = re.compile(
    r"(?:Stadt|Gemeinde|Landeshauptstadt|Hansestadt|Wissenschaftsstadt|Kreisstadt|Universitätsstadt|"
    r"Oberbürgermeister(?:in)? der Stadt|City of|Town of)\s+$"
)


def detect_language(text: str) -> str:
    return "en" if len(_ENGLISH.findall(text)) > len(_GERMAN.findall(text)) else "de"


def _place_dict(place: ResolvedPlace) -> dict:
    return {
        "name": place.name,
        "geonameid": place.geonameid,
        "country": place.country,
        "kind": place.kind,
        "spans": [list(span) for span in sorted(place.spans)],
    }


def _home_place(
    text: str, places: list[ResolvedPlace], publisher: ResolvedPlace | None, home_country: str | None = None
) -> ResolvedPlace | None:
    if publisher is not None:
        for place in places:
            if place.ident == publisher.ident:
                return place
        return publisher
    best, best_score = None, 0.0
    first_line = text.split("\n", 1)[0]
    url = fold(first_line) if first_line.startswith(("http://", "https://")) else ""
    for place in places:
        if place.kind == "region":
            continue
        score = float(len(place.spans)) + (2.0 if place.country == home_country else 0.0)
        if url and f" {fold(place.name)} " in f" {url} ":
            score += 3  # the page's address names it: www.bautzen.de, …/landkreis-landsberg-…
        for start, end in place.spans:
            if _PARTNER_BEFORE.search(text[max(0, start - 30) : start]):
                score -= 3  # "Partnerstadt Oxford" names the partner, not the home
            if start < 200 and DATELINE.match(text[text.rfind("\n", 0, start) + 1 : end + 2]):
                score += 4
            if _HOME_CUE.search(text[max(0, start - 40) : start]):
                score += 3
            if text[start:end].endswith(("s", "er")) and fold(text[start:end]) != fold(place.name):
                score += 1.5  # "Krefelds Partnerstädte", "Krefelder Delegation"
        if score > best_score:
            best, best_score = place, score
    return best


_COUNCIL = re.compile(r"^(?P<place>.+?)\s+(?:Town |City |County |Borough |District |Parish |Metropolitan )?Council$")
_OFFICE = re.compile(r"(?:Landratsamt|Kreisverwaltung|Stadtverwaltung|Gemeindeverwaltung|Rathaus|Town Hall|City Hall)$")
_ROLE_LEAD = re.compile(r"^(?P<role>\S+)\s+(?:der|des|vom|of the|of)\s+(?P<rest>.+)$")


def _named_bodies(organizations: list, index) -> list:
    """Organisations as the annotation rules have them: a town's council is the town, not an
    organisation ("Kenilworth Town Council"); a role word is not part of the name ("Geschäftsführer
    der Gesellschaft für Abfallentsorgung Lippe mbH")."""
    from twinning.extraction.admin_units import subdivisions
    from twinning.extraction.people import is_role_word

    kept = []
    for org in organizations:
        council = _COUNCIL.match(org.name)
        if council:
            place = fold(re.sub(r"['’]s$", "", council.group("place")))
            if index.has_key(place) or place in subdivisions():
                continue
        last = org.name.split()[-1]
        if is_role_word(last) or _OFFICE.search(last):
            continue  # "Unterallgäuer Landrat" is a person's title, "Nordhäuser Landratsamt" the county's office
        lead = _ROLE_LEAD.match(org.name)
        if lead and is_role_word(lead.group("role")):
            org.name = lead.group("rest")
        kept.append(org)
    return kept


def _is_database_index(index) -> bool:
    from twinning.places import index as index_module

    return index is not None and index is index_module._index


def _registry_partners(geonameid: int) -> set[int]:
    """The registered partners of a place (the database's registry; none when it cannot be read)."""
    from django.db import DatabaseError

    from twinning.partnerships.selectors import partner_geonameids

    try:
        return partner_geonameids(geonameid)
    except DatabaseError:
        return set()


def _default_index():
    from twinning.places.index import get_index

    return get_index()


def extract(
    raw: bytes | str,
    *,
    published: date | None = None,
    publisher: str | None = None,
    index=None,
    name: str = "input",
    partners_of: Callable[[int], Iterable[int]] | None = None,
) -> ExtractionResult:
    """Everything the extractor finds in one press release (`result.to_dict()` is the documented JSON).

    `partners_of(geonameid)` gives the registered partners of a place: an ambiguous name is read as a
    known partner of the home town. With the default index it is the database's registry.
    """
    text = clean(raw, name=name)
    if index is None:
        index = _default_index()
    language = detect_language(text)
    if published is None:
        published = find_published(text)
    sentences = sentence_spans(text)
    starts = [start for start, _ in sentences]

    def sentence_of(offset: int) -> str:
        i = bisect_right(starts, offset) - 1
        return text[sentences[i][0] : sentences[i][1]] if i >= 0 else ""

    masks = contacts_module.masks(text)
    people_result = find_people(text, masks=masks, is_place=lambda name: index.has_key(fold(name)))
    people = people_result.people
    person_spans = [span for person in people for span in person.spans]
    organizations = find_organizations(text, masks=masks + person_spans)
    known = {fold(org.name): org for org in organizations}
    for org_name, span in people_result.credit_organizations:
        if fold(org_name) in known:
            if list(span) not in known[fold(org_name)].spans:
                known[fold(org_name)].spans.append(span)
            continue
        from twinning.extraction.organizations import Organization

        known[fold(org_name)] = org = Organization(org_name, [span])
        organizations.append(org)
    organizations = _named_bodies(organizations, index)
    org_spans = [span for org in organizations for span in org.spans]

    publisher_place = None
    home_country = "DE" if language == "de" else None
    if publisher:
        candidates = index.lookup(publisher)
        if candidates:
            preferred = [c for c in candidates if c.country == home_country] or candidates
            record = preferred[0]
            publisher_place = ResolvedPlace(record.name, record.geonameid, record.country, record.kind,
                                            record.admin1, record.population, [], record.lat, record.lon)  # fmt: skip
            home_country = record.country
    resolve = partial(
        resolve_places,
        text,
        index,
        masks=masks + person_spans + org_spans,
        home_country=home_country,
        sentence_of=sentence_of,
        language=language,
        person_words=frozenset(word for person in people for word in person.name.split() if len(word) > 2),
    )
    places = resolve()
    home = _home_place(text, places, publisher_place, home_country)
    if partners_of is None and _is_database_index(index):
        partners_of = _registry_partners  # the database's places: its registry knows their partners
    if home is not None and home.geonameid and partners_of is not None:
        preferred = frozenset(partners_of(home.geonameid))
        if preferred:  # the registry knows the home's partners: read ambiguous names as them
            places = resolve(preferred=preferred)
            home = _home_place(text, places, publisher_place, home_country)
    place_dicts = {place.ident: _place_dict(place) for place in places}
    mentions = sorted(
        ((span, place_dicts[place.ident]) for place in places for span in place.spans),
        key=lambda item: item[0],
    )
    home_dict = (place_dicts.get(home.ident) or _place_dict(home)) if home else None
    partnerships = find_partnerships(text, sentences, mentions, home_dict)

    def place_at(start: int, end: int) -> list[tuple[int, dict]]:
        return [
            (span[0], {"name": place["name"], "geonameid": place["geonameid"]})
            for span, place in mentions
            if start <= span[0] and span[1] <= end
        ]

    events = find_events(text, sentences, published=published, place_at=place_at)
    contact_people = [(person.name, span) for person in people for span in person.spans]
    contacts = contacts_module.find_contacts(text, contact_people)

    return ExtractionResult(
        text=text,
        language=language,
        published=published,
        places=[
            ExtractedPlace(
                name=place["name"],
                geonameid=place["geonameid"],
                country=place["country"],
                kind=place["kind"],
                spans=_spans(place["spans"]),
            )
            for place in place_dicts.values()
        ],
        partnerships=[
            ExtractedPartnership(a=_ref(p.a), b=_ref(p.b), kind=p.kind, spans=_spans(p.spans)) for p in partnerships
        ],
        people=[
            ExtractedPerson(name=p.name, role=p.role, affiliation=p.affiliation, spans=_spans(p.spans)) for p in people
        ],
        organizations=[ExtractedOrganization(name=o.name, spans=_spans(sorted(o.spans))) for o in organizations],
        events=[
            ExtractedEvent(
                kind=e.kind,
                title=e.title,
                start=e.start,
                end=e.end,
                precision=e.precision,
                place=PlaceRef.from_dict(e.place),
                spans=_spans(e.spans),
            )
            for e in events
        ],
        topics=find_topics(text),
        contacts=[ExtractedContact(name=c.name, email=c.email, phone=c.phone, spans=_spans(c.spans)) for c in contacts],
    )


def _spans(spans: Iterable[Sequence[int]]) -> list[Span]:
    return [(span[0], span[1]) for span in spans]


def _ref(place: dict) -> PlaceRef:
    return PlaceRef(name=place["name"], geonameid=place.get("geonameid"))
