"""The read-only JSON API at /api/. Thin endpoints over the selectors; personal data (people who
are not public) only for users `twinning.directory.access` lets see internal data."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query

from twinning.activities.models import Activity, Programme
from twinning.activities.selectors import activity_get, activity_list, programme_get, programme_list
from twinning.core.dates import PartialDate
from twinning.core.errors import Conflict, NotFound, TwinningError, ValidationFailed
from twinning.directory.access import person_is_visible
from twinning.directory.models import Organization, Person
from twinning.partnerships.models import Partnership
from twinning.partnerships.selectors import partners_of_place, partnership_get
from twinning.places.models import Place
from twinning.places.selectors import place_search
from twinning.press.models import Article
from twinning.press.selectors import article_get, article_list, articles_related

from . import schemas
from .docs import LocalSwagger

api = NinjaAPI(
    title="Twinning API",
    version="1.0.0",
    description="Read access to the town twinning registry: places, partnerships, activities, programmes, news.",
    urls_namespace="api",
    docs=LocalSwagger(),
)

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000  # deeper pages are not browsing; bounded so no database integer overflows
MAX_ID = 2**53 - 1  # ids in URLs and filters: well inside every database's integer (and JSON's)
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL: refused as invalid input (422), not a 500
MAX_TEXT = 200

# Every operation documents what it may answer: 422 for a query parameter out of bounds or of the
# wrong type, 404 for a path that names nothing (malformed ids too: /api/places/null is not a place).
LIST_RESPONSES = {422: schemas.ValidationErrorOut}
DETAIL_RESPONSES = {404: schemas.Error, 422: schemas.ValidationErrorOut}


@api.exception_handler(TwinningError)
def _domain_error(request: HttpRequest, error: TwinningError) -> Any:
    status = 404 if isinstance(error, NotFound) else 409 if isinstance(error, Conflict) else 400
    if isinstance(error, ValidationFailed):
        status = 422
    return api.create_response(request, {"detail": str(error)}, status=status)


def _iso(value: Any, precision: str | None) -> str | None:
    partial = PartialDate.from_fields(value, precision)
    return partial.iso() if partial else None


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "id": place.pk,
        "geonameid": place.geonameid,
        "wikidata_qid": place.wikidata_qid,
        "name": place.name,
        "country": place.country_id,
        "kind": place.kind,
        "population": place.population,
        "lat": place.latitude,
        "lon": place.longitude,
        "url": place.get_absolute_url(),
    }


def _organization(org: Organization) -> dict[str, Any]:
    return {"slug": org.slug, "name": org.name, "kind": org.kind, "url": org.get_absolute_url()}


def _person(person: Person) -> dict[str, Any]:
    return {"slug": person.slug, "name": str(person), "url": person.get_absolute_url()}


def _partnership(partnership: Partnership) -> dict[str, Any]:
    return {
        "id": partnership.pk,
        "kind": partnership.kind,
        "status": partnership.status,
        "since": partnership.since.iso() if partnership.since else None,
        "until": partnership.until.iso() if partnership.until else None,
        "places": [_place(m.place) for m in partnership.members.all()],
        "url": partnership.get_absolute_url(),
    }


def _activity(activity: Activity) -> dict[str, Any]:
    return {
        "slug": activity.slug,
        "title": activity.title,
        "kind": activity.kind,
        "direction": activity.direction,
        "format": activity.format,
        "start": _iso(activity.start, activity.start_precision),
        "end": _iso(activity.end, activity.end_precision),
        "venue": activity.venue,
        "place": _place(activity.place),
        "programme": activity.programme.slug if activity.programme else None,
        "url": activity.get_absolute_url(),
    }


def _programme(programme: Programme) -> dict[str, Any]:
    return {
        "slug": programme.slug,
        "name": programme.name,
        "start": _iso(programme.start, programme.start_precision),
        "end": _iso(programme.end, programme.end_precision),
        "website": programme.website,
        "url": programme.get_absolute_url(),
    }


def _article(article: Article) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "publisher": article.publisher.name if article.publisher else None,
        "language": article.language,
        "teaser": article.teaser,
        "source_url": article.url,
        "url": article.get_absolute_url(),
    }


def _organizations(links: Any) -> list[dict[str, Any]]:
    return [{**_organization(link.organization), "role": link.role} for link in links]


def _not_found(what: str, key: Any) -> Http404:
    return Http404(_("No %(what)s %(key)s.") % {"what": what, "key": key})


def _id(value: str, what: str) -> int:
    """A numeric id from the path; anything else (null, -1, 1e3, 2**64) names no record: 404."""
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= MAX_ID:
        raise _not_found(what, value[:50])
    return int(value)


def _slug(value: str, what: str) -> str:
    if "\x00" in value or len(value) > MAX_TEXT:
        raise _not_found(what, value[:50].replace("\x00", ""))
    return value


def _visible(person: Person, request: HttpRequest) -> bool:
    return person_is_visible(person, user=request.user)


@api.get("/places", response={200: list[schemas.PlaceOut], **LIST_RESPONSES}, tags=["places"])
def places(
    request: HttpRequest,
    q: str = Query(..., max_length=MAX_TEXT, pattern=NO_NUL),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
) -> list[dict[str, Any]]:
    """Places whose names (in any language) start with `q`, most populous first."""
    return [_place(p) for p in place_search(q, limit=limit)]  # type: ignore[misc]


def _place_detail(place: Place) -> dict[str, Any]:
    partners = []
    for row in partners_of_place(place):
        partnership = row.partnership
        partners.append(
            {
                "partnership_id": partnership.pk,
                "partner": _place(row.partners[0]) if len(row.partners) == 1 else None,
                "partners": [_place(p) for p in row.partners],
                "kind": partnership.kind,
                "since": partnership.since.iso() if partnership.since else None,
                "status": partnership.status,
                "url": partnership.get_absolute_url(),
            }
        )
    return {**_place(place), "partnerships": partners}  # type: ignore[dict-item]


@api.get("/places/{geonameid}", response={200: schemas.PlaceDetail, **DETAIL_RESPONSES}, tags=["places"])
def place(request: HttpRequest, geonameid: str) -> dict[str, Any]:
    """A GeoNames place (by its GeoNames id) with its partnerships."""
    found = Place.objects.select_related("country").filter(geonameid=_id(geonameid, "place with GeoNames id")).first()
    if found is None:
        raise _not_found("place with GeoNames id", geonameid)
    return _place_detail(found)


@api.get("/places/local/{pk}", response={200: schemas.PlaceDetail, **DETAIL_RESPONSES}, tags=["places"])
def place_local(request: HttpRequest, pk: str) -> dict[str, Any]:
    """A place by its registry id (for places GeoNames lacks), with its partnerships."""
    found = Place.objects.select_related("country").filter(pk=_id(pk, "place")).first()
    if found is None:
        raise _not_found("place", pk)
    return _place_detail(found)


@api.get("/partnerships", response={200: list[schemas.PartnershipOut], **LIST_RESPONSES}, tags=["partnerships"])
def partnerships(
    request: HttpRequest,
    place: int | None = Query(None, ge=1, le=MAX_ID),
    kind: str | None = Query(None, max_length=MAX_TEXT, pattern=NO_NUL),
    status: str | None = Query(None, max_length=MAX_TEXT, pattern=NO_NUL),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> list[dict[str, Any]]:
    """Partnerships, optionally of one place (GeoNames id), of a kind or with a status."""
    found = Partnership.objects.prefetch_related("members__place__country").order_by("pk")
    if place is not None:
        found = found.filter(members__place__geonameid=place)
    if kind:
        found = found.filter(kind=kind)
    if status:
        found = found.filter(status=status)
    return [_partnership(p) for p in found[offset : offset + limit]]


@api.get("/partnerships/{pk}", response={200: schemas.PartnershipDetail, **DETAIL_RESPONSES}, tags=["partnerships"])
def partnership(request: HttpRequest, pk: str) -> dict[str, Any]:
    found = partnership_get(pk=_id(pk, "partnership"))
    if found is None:
        raise _not_found("partnership", pk)
    return {
        **_partnership(found),
        "description": found.description,
        "supporting_organizations": [_organization(o) for o in found.supporting_organizations.all()],
        "contacts": [_person(p) for p in found.contacts.all() if _visible(p, request)],
        "activities": list(found.activities.order_by("start").values_list("slug", flat=True)),
        "articles": list(found.articles.order_by("published").values_list("slug", flat=True)),
    }


@api.get("/activities", response={200: list[schemas.ActivityOut], **LIST_RESPONSES}, tags=["activities"])
def activities(
    request: HttpRequest,
    kind: str | None = Query(None, max_length=MAX_TEXT, pattern=NO_NUL),
    programme: str | None = Query(None, max_length=MAX_TEXT, pattern=NO_NUL),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> list[dict[str, Any]]:
    """Activities, newest first."""
    found = activity_list()
    if kind:
        found = found.filter(kind=kind)
    if programme:
        found = found.filter(programme__slug=programme)
    return [_activity(a) for a in found[offset : offset + limit]]


@api.get("/activities/{slug}", response={200: schemas.ActivityDetail, **DETAIL_RESPONSES}, tags=["activities"])
def activity(request: HttpRequest, slug: str) -> dict[str, Any]:
    found = activity_get(slug=_slug(slug, "activity"))
    if found is None:
        raise _not_found("activity", slug)
    return {
        **_activity(found),
        "description": found.description,
        "outcomes": found.outcomes,
        "participant_count": found.participant_count,
        "participant_count_approximate": found.participant_count_approximate,
        "participant_count_text": found.participant_count_text,
        "places": [_place(p) for p in found.places.all()],
        "partnerships": [p.pk for p in found.partnerships.all()],
        "topics": [t.slug for t in found.topics.all()],
        "organizations": [
            {**_organization(link.organization), "role": link.role} for link in found.organization_links.all()
        ],
        "itinerary": [
            {
                "order": leg.order,
                "place": _place(leg.place),
                "start": _iso(leg.start, leg.start_precision),
                "end": _iso(leg.end, leg.end_precision),
                "note": leg.note,
            }
            for leg in found.legs.all()
        ],
        "participants": [
            {
                **_person(p.person),
                "role": p.role,
                "organization": p.organization.name if p.organization else None,
            }
            for p in found.participations.all()
            if _visible(p.person, request)
        ],
        "parent": found.parent.slug if found.parent else None,
        "follow_up_of": found.follow_up_of.slug if found.follow_up_of else None,
    }


@api.get("/programmes", response={200: list[schemas.ProgrammeOut]}, tags=["programmes"])
def programmes(request: HttpRequest) -> list[dict[str, Any]]:
    return [_programme(p) for p in programme_list()]


@api.get("/programmes/{slug}", response={200: schemas.ProgrammeDetail, **DETAIL_RESPONSES}, tags=["programmes"])
def programme(request: HttpRequest, slug: str) -> dict[str, Any]:
    found = programme_get(slug=_slug(slug, "programme"))
    if found is None:
        raise _not_found("programme", slug)
    return {
        **_programme(found),
        "description": found.description,
        "goals": found.goals,
        "topics": [t.slug for t in found.topics.all()],
        "organizations": [
            {**_organization(link.organization), "role": link.role} for link in found.organization_links.all()
        ],
        "places": [_place(p) for p in found.places.all()],
        "partnerships": [p.pk for p in found.partnerships.all()],
        "activities": [_activity(a) for a in found.activities.all()],
    }


@api.get("/articles", response={200: list[schemas.ArticleOut], **LIST_RESPONSES}, tags=["articles"])
def articles(
    request: HttpRequest,
    place: int | None = Query(None, ge=1, le=MAX_ID),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> list[dict[str, Any]]:
    """News articles, newest first, optionally those mentioning a place (GeoNames id)."""
    found = article_list()
    if place is not None:
        found = found.filter(places__geonameid=place)
    return [_article(a) for a in found[offset : offset + limit]]


@api.get("/articles/{slug}", response={200: schemas.ArticleDetail, **DETAIL_RESPONSES}, tags=["articles"])
def article(request: HttpRequest, slug: str) -> dict[str, Any]:
    found = article_get(slug=_slug(slug, "article"))
    if found is None:
        raise _not_found("article", slug)
    return {
        **_article(found),
        "body": found.body,
        "places": [_place(p) for p in found.places.all()],
        "partnerships": [p.pk for p in found.partnerships.all()],
        "activities": [a.slug for a in found.activities.all()],
        "people": [_person(p) for p in found.people.all() if _visible(p, request)],
        "images": [{"caption": i.caption, "credit": i.credit, "url": i.url} for i in found.images.all()],
        "related": [a.slug for a in articles_related(found)],
    }
