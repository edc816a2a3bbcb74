"""Output schemas of the JSON API."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class PlaceOut(Schema):
    id: int
    geonameid: int | None
    wikidata_qid: str | None
    name: str
    country: str | None
    kind: str
    population: int
    lat: float | None
    lon: float | None
    url: str


class OrganizationRef(Schema):
    slug: str
    name: str
    kind: str
    url: str


class OrganizationWithRole(OrganizationRef):
    role: str


class PersonRef(Schema):
    slug: str
    name: str
    url: str


class ParticipantOut(PersonRef):
    role: str
    organization: str | None


class PartnerOut(Schema):
    partnership_id: int
    partner: PlaceOut | None
    partners: list[PlaceOut]
    kind: str
    since: str | None
    status: str
    url: str


class PlaceDetail(PlaceOut):
    partnerships: list[PartnerOut]


class PartnershipOut(Schema):
    id: int
    kind: str
    status: str
    since: str | None
    until: str | None
    places: list[PlaceOut]
    url: str


class PartnershipDetail(PartnershipOut):
    description: str
    supporting_organizations: list[OrganizationRef]
    contacts: list[PersonRef]
    activities: list[str]
    articles: list[str]


class ActivityOut(Schema):
    slug: str
    title: str
    kind: str
    direction: str
    format: str
    start: str | None
    end: str | None
    venue: str
    place: PlaceOut | None
    programme: str | None
    url: str


class LegOut(Schema):
    order: int
    place: PlaceOut
    start: str | None
    end: str | None
    note: str


class ActivityDetail(ActivityOut):
    description: str
    outcomes: str
    participant_count: int | None
    participant_count_approximate: bool
    participant_count_text: str
    places: list[PlaceOut]
    partnerships: list[int]
    topics: list[str]
    organizations: list[OrganizationWithRole]
    itinerary: list[LegOut]
    participants: list[ParticipantOut]
    parent: str | None
    follow_up_of: str | None


class ProgrammeOut(Schema):
    slug: str
    name: str
    start: str | None
    end: str | None
    website: str
    url: str


class ProgrammeDetail(ProgrammeOut):
    description: str
    goals: str
    topics: list[str]
    organizations: list[OrganizationWithRole]
    places: list[PlaceOut]
    partnerships: list[int]
    activities: list[ActivityOut]


class ImageOut(Schema):
    caption: str
    credit: str
    url: str


class ArticleOut(Schema):
    slug: str
    title: str
    published: str | None
    publisher: str | None
    language: str
    teaser: str
    source_url: str
    url: str


class ArticleDetail(ArticleOut):
    body: str
    places: list[PlaceOut]
    partnerships: list[int]
    activities: list[str]
    people: list[PersonRef]
    images: list[ImageOut]
    related: list[str]


class Error(Schema):
    detail: str


class ValidationErrorOut(Schema):
    """422: what is wrong with which parameter (pydantic's error list), or a domain message."""

    detail: list[dict[str, Any]] | str
