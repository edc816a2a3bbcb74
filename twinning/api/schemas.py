"""The JSON API's shapes, declared once: the endpoints return model objects (or selector rows) and
these schemas read them (`from_attributes`), renaming and formatting with `resolve_*` methods.
People pass the visibility rule (`directory.access`) against the requesting user in the resolvers
that list them, so an internal person never reaches a response the user may not see."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from twinning.core.dates import PartialDate
from twinning.directory.access import person_is_visible


def _iso(value: Any, precision: str | None) -> str | None:
    partial = PartialDate.from_fields(value, precision)
    return partial.iso() if partial else None


def _partial(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def _user(context: Any) -> Any:
    request = (context or {}).get("request")
    return getattr(request, "user", None)


def _visible(people: Any, context: Any) -> list[Any]:
    user = _user(context)
    return [p for p in people if person_is_visible(p, user=user)]


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

    @staticmethod
    def resolve_country(obj: Any) -> str | None:
        return obj.country_id

    @staticmethod
    def resolve_lat(obj: Any) -> float | None:
        return obj.latitude

    @staticmethod
    def resolve_lon(obj: Any) -> float | None:
        return obj.longitude

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class OrganizationRef(Schema):
    slug: str
    name: str
    kind: str
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class OrganizationOut(OrganizationRef):
    short_name: str
    seat: PlaceOut | None
    website: str
    description: str


class OrganizationWithRole(OrganizationRef):
    """An organization's link to an activity or programme (the link row, read through to the organization)."""

    role: str

    @staticmethod
    def resolve_slug(obj: Any) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return obj.organization.kind

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.organization.get_absolute_url()


class PersonRef(Schema):
    slug: str
    name: str
    url: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class ParticipantOut(PersonRef):
    """A participation row, read through to its person."""

    role: str
    organization: str | None

    @staticmethod
    def resolve_slug(obj: Any) -> str:
        return obj.person.slug

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.person.get_absolute_url()

    @staticmethod
    def resolve_organization(obj: Any) -> str | None:
        return obj.organization.name if obj.organization else None


class PartnerOut(Schema):
    """A partnership seen from one place (`partnerships.selectors.Partner`)."""

    partnership_id: int
    partner: PlaceOut | None = Field(description="the other place, when there is exactly one")
    partners: list[PlaceOut]
    kind: str
    since: str | None
    status: str
    url: str

    @staticmethod
    def resolve_partnership_id(obj: Any) -> int:
        return obj.partnership.pk

    @staticmethod
    def resolve_partner(obj: Any) -> Any:
        return obj.partners[0] if len(obj.partners) == 1 else None

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return obj.partnership.kind

    @staticmethod
    def resolve_since(obj: Any) -> str | None:
        return _partial(obj.partnership.since)

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return obj.partnership.status

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.partnership.get_absolute_url()


class PlaceDetail(PlaceOut):
    partnerships: list[PartnerOut]

    @staticmethod
    def resolve_partnerships(obj: Any) -> list[Any]:
        from twinning.partnerships.selectors import partners_of_place

        return partners_of_place(obj)


class PartnershipOut(Schema):
    id: int
    kind: str
    status: str
    since: str | None
    until: str | None
    places: list[PlaceOut]
    url: str

    @staticmethod
    def resolve_since(obj: Any) -> str | None:
        return _partial(obj.since)

    @staticmethod
    def resolve_until(obj: Any) -> str | None:
        return _partial(obj.until)

    @staticmethod
    def resolve_places(obj: Any) -> list[Any]:
        return [m.place for m in obj.members.all()]

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class PartnershipDetail(PartnershipOut):
    description: str
    supporting_organizations: list[OrganizationRef]
    contacts: list[PersonRef]
    activities: list[str]
    articles: list[str]

    @staticmethod
    def resolve_supporting_organizations(obj: Any) -> list[Any]:
        return list(obj.supporting_organizations.all())

    @staticmethod
    def resolve_contacts(obj: Any, context: Any) -> list[Any]:
        return _visible(obj.contacts.all(), context)

    @staticmethod
    def resolve_activities(obj: Any) -> list[str]:
        return list(obj.activities.order_by("start").values_list("slug", flat=True))

    @staticmethod
    def resolve_articles(obj: Any) -> list[str]:
        return list(obj.articles.order_by("published").values_list("slug", flat=True))


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

    @staticmethod
    def resolve_start(obj: Any) -> str | None:
        return _iso(obj.start, obj.start_precision)

    @staticmethod
    def resolve_end(obj: Any) -> str | None:
        return _iso(obj.end, obj.end_precision)

    @staticmethod
    def resolve_programme(obj: Any) -> str | None:
        return obj.programme.slug if obj.programme else None

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class LegOut(Schema):
    order: int
    place: PlaceOut
    start: str | None
    end: str | None
    note: str

    @staticmethod
    def resolve_start(obj: Any) -> str | None:
        return _iso(obj.start, obj.start_precision)

    @staticmethod
    def resolve_end(obj: Any) -> str | None:
        return _iso(obj.end, obj.end_precision)


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

    @staticmethod
    def resolve_places(obj: Any) -> list[Any]:
        return list(obj.places.all())

    @staticmethod
    def resolve_partnerships(obj: Any) -> list[int]:
        return [p.pk for p in obj.partnerships.all()]

    @staticmethod
    def resolve_topics(obj: Any) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_organizations(obj: Any) -> list[Any]:
        return list(obj.organization_links.all())

    @staticmethod
    def resolve_itinerary(obj: Any) -> list[Any]:
        return list(obj.legs.all())

    @staticmethod
    def resolve_participants(obj: Any, context: Any) -> list[Any]:
        user = _user(context)
        return [p for p in obj.participations.all() if person_is_visible(p.person, user=user)]

    @staticmethod
    def resolve_parent(obj: Any) -> str | None:
        return obj.parent.slug if obj.parent else None

    @staticmethod
    def resolve_follow_up_of(obj: Any) -> str | None:
        return obj.follow_up_of.slug if obj.follow_up_of else None


class ProgrammeOut(Schema):
    slug: str
    name: str
    start: str | None
    end: str | None
    website: str
    url: str

    @staticmethod
    def resolve_start(obj: Any) -> str | None:
        return _iso(obj.start, obj.start_precision)

    @staticmethod
    def resolve_end(obj: Any) -> str | None:
        return _iso(obj.end, obj.end_precision)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class ProgrammeDetail(ProgrammeOut):
    description: str
    goals: str
    topics: list[str]
    organizations: list[OrganizationWithRole]
    places: list[PlaceOut]
    partnerships: list[int]
    activities: list[ActivityOut]

    @staticmethod
    def resolve_topics(obj: Any) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_organizations(obj: Any) -> list[Any]:
        return list(obj.organization_links.all())

    @staticmethod
    def resolve_places(obj: Any) -> list[Any]:
        return list(obj.places.all())

    @staticmethod
    def resolve_partnerships(obj: Any) -> list[int]:
        return [p.pk for p in obj.partnerships.all()]

    @staticmethod
    def resolve_activities(obj: Any) -> list[Any]:
        return list(obj.activities.all())


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

    @staticmethod
    def resolve_published(obj: Any) -> str | None:
        return obj.published.isoformat() if obj.published else None

    @staticmethod
    def resolve_publisher(obj: Any) -> str | None:
        return obj.publisher.name if obj.publisher else None

    @staticmethod
    def resolve_source_url(obj: Any) -> str:
        return obj.url

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class ArticleDetail(ArticleOut):
    body: str
    places: list[PlaceOut]
    partnerships: list[int]
    activities: list[str]
    people: list[PersonRef]
    images: list[ImageOut]
    related: list[str]

    @staticmethod
    def resolve_places(obj: Any) -> list[Any]:
        return list(obj.places.all())

    @staticmethod
    def resolve_partnerships(obj: Any) -> list[int]:
        return [p.pk for p in obj.partnerships.all()]

    @staticmethod
    def resolve_activities(obj: Any) -> list[str]:
        return [a.slug for a in obj.activities.all()]

    @staticmethod
    def resolve_people(obj: Any, context: Any) -> list[Any]:
        return _visible(obj.people.all(), context)

    @staticmethod
    def resolve_images(obj: Any) -> list[Any]:
        return list(obj.images.all())

    @staticmethod
    def resolve_related(obj: Any) -> list[str]:
        from twinning.press.selectors import articles_related

        return [a.slug for a in articles_related(obj)]


# --- pages -------------------------------------------------------------------------------------------


class Page(Schema):
    """One page of a list: `count` records match the filters; `next`/`previous` are the absolute
    URLs of the neighbouring pages (null at either end)."""

    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None


class PlacePage(Page):
    results: list[PlaceOut]


class PartnershipPage(Page):
    results: list[PartnershipOut]


class ActivityPage(Page):
    results: list[ActivityOut]


class ProgrammePage(Page):
    results: list[ProgrammeOut]


class ArticlePage(Page):
    results: list[ArticleOut]


class OrganizationPage(Page):
    results: list[OrganizationOut]


# --- errors ------------------------------------------------------------------------------------------


class Error(Schema):
    detail: str


class ValidationErrorOut(Schema):
    """422: what is wrong with which parameter or field (pydantic's error list: `loc` names it), or a
    domain message."""

    detail: list[dict[str, Any]] | str
