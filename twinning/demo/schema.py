"""The shape of the demo file as pydantic models: which sections, which fields each entry must and
may have, which fields hold lists of mappings. Values stay as YAML gave them (the loader passes
them to the services, which check them); `shape_error` turns pydantic's findings into one message
that names the field."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, ValidationError


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class Cite(_Shape):
    source: Any
    quote: Any = None
    note: Any = None


class Contact(_Shape):
    kind: Any
    value: Any
    visibility: Any = None


class RoleItem(_Shape):
    function: Any
    organization: Any = None
    place: Any = None
    start: Any = None
    end: Any = None
    is_contact: Any = None


class OrganizationRole(_Shape):
    organization: Any
    role: Any


class Leg(_Shape):
    place: Any
    start: Any = None
    end: Any = None
    note: Any = None


class Participant(_Shape):
    person: Any
    role: Any = None
    organization: Any = None
    place: Any = None


class Image(_Shape):
    caption: Any = None
    credit: Any = None
    url: Any = None


class SourceEntry(_Shape):
    key: Any
    kind: Any
    title: Any
    url: Any = None
    license: Any = None


class PlaceEntry(_Shape):
    key: Any
    name: Any
    geonameid: Any = None
    kind: Any = None
    country: Any = None
    wikidata: Any = None
    alternate_names: Any = None
    cite: list[Cite] = []


class OrganizationEntry(_Shape):
    key: Any
    name: Any
    kind: Any
    cite: list[Cite]
    short_name: Any = None
    parent: Any = None
    seat: Any = None
    website: Any = None
    description: Any = None
    contacts: list[Contact] = []


class PersonEntry(_Shape):
    key: Any
    name: Any
    cite: list[Cite]
    honorific: Any = None
    visibility: Any = None
    roles: list[RoleItem] = []
    contacts: list[Contact] = []


class PartnershipEntry(_Shape):
    key: Any
    places: Any
    cite: list[Cite]
    kind: Any = None
    status: Any = None
    established: Any = None
    ended: Any = None
    description: Any = None
    supporters: Any = None
    contacts: Any = None  # keys of people


class ProgrammeEntry(_Shape):
    key: Any
    name: Any
    cite: list[Cite]
    description: Any = None
    goals: Any = None
    website: Any = None
    start: Any = None
    end: Any = None
    topics: Any = None
    partnerships: Any = None
    places: Any = None
    organizations: list[OrganizationRole] = []


class ActivityEntry(_Shape):
    key: Any
    title: Any
    kind: Any
    cite: list[Cite]
    start: Any = None
    end: Any = None
    venue: Any = None
    place: Any = None
    programme: Any = None
    parent: Any = None
    follow_up_of: Any = None
    direction: Any = None
    format: Any = None
    description: Any = None
    outcomes: Any = None
    participant_count: Any = None
    participant_count_approximate: Any = None
    participant_count_text: Any = None
    topics: Any = None
    partnerships: Any = None
    places: Any = None
    organizations: list[OrganizationRole] = []
    legs: list[Leg] = []
    participants: list[Participant] = []


class ArticleEntry(_Shape):
    key: Any
    source: Any
    title: Any
    url: Any = None
    published: Any = None
    publisher: Any = None
    publisher_place: Any = None
    teaser: Any = None
    body: Any = None
    language: Any = None
    images: list[Image] = []
    places: Any = None
    partnerships: Any = None
    activities: Any = None
    people: Any = None
    organizations: Any = None  # keys
    topics: Any = None
    related: Any = None
    cite: list[Cite] = []


# Sections in load order.
SECTIONS: dict[str, type[_Shape]] = {
    "sources": SourceEntry,
    "places": PlaceEntry,
    "organizations": OrganizationEntry,
    "people": PersonEntry,
    "partnerships": PartnershipEntry,
    "programmes": ProgrammeEntry,
    "activities": ActivityEntry,
    "articles": ArticleEntry,
}


def shape_error(section: str, entry: Any) -> str | None:
    """What is wrong with the shape of an entry (None: nothing): a missing or unknown field first,
    then the first field that should be a list of mappings and is not, or whose items are wrong."""
    if not isinstance(entry, dict):
        return _("an entry must be a mapping of fields")
    try:
        SECTIONS[section].model_validate(entry)
    except ValidationError as error:
        return _message(error)
    return None


def _message(error: ValidationError) -> str:
    problems = error.errors()
    top = [p for p in problems if len(p["loc"]) == 1]
    missing = sorted(str(p["loc"][0]) for p in top if p["type"] == "missing")
    if missing:
        return _("missing required field %(fields)s") % {"fields": ", ".join(missing)}
    unknown = sorted(str(p["loc"][0]) for p in top if p["type"] == "extra_forbidden")
    if unknown:
        return _("unknown field %(fields)s") % {"fields": ", ".join(unknown)}
    name = str(problems[0]["loc"][0])
    of_field = [p for p in problems if p["loc"][0] == name]
    if any(len(p["loc"]) == 1 for p in of_field):
        return _("%(field)s must be a list") % {"field": name}
    index = of_field[0]["loc"][1]
    of_item = [p for p in of_field if p["loc"][1] == index]
    if any(len(p["loc"]) == 2 for p in of_item):
        return _("%(field)s[%(i)s] must be a mapping") % {"field": name, "i": index}
    item_missing = sorted(str(p["loc"][2]) for p in of_item if p["type"] == "missing")
    item_unknown = sorted(str(p["loc"][2]) for p in of_item if p["type"] == "extra_forbidden")
    return _("%(field)s[%(i)s]: missing %(missing)s, unknown %(unknown)s") % {
        "field": name,
        "i": index,
        "missing": ", ".join(item_missing) or "-",
        "unknown": ", ".join(item_unknown) or "-",
    }
