"""The read endpoints: lists with the browse pages' filters (`portal.browse`, the same facets,
validity checks and cached selection), paged, and the details. Personal data (people who are not
public) only for users `twinning.directory.access` lets see internal data (in `schemas`)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field, create_model

from twinning.activities.models import Programme
from twinning.activities.selectors import activity_get, programme_get
from twinning.directory.selectors import organization_get
from twinning.partnerships.selectors import partnership_get
from twinning.places.models import Place
from twinning.places.selectors import place_search
from twinning.portal.browse import (
    ACTIVITIES,
    NEWS,
    ORGANIZATIONS,
    PARTNERSHIPS,
    PLACES,
    PROGRAMMES,
    FilterError,
    Listing,
    browse,
)
from twinning.press.selectors import article_get

from . import schemas
from .http import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, conditional, page_of

router = Router()

MAX_ID = 2**53 - 1  # ids in URLs and filters: well inside every database's integer (and JSON's)
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL: refused as invalid input (422), not a 500
MAX_TEXT = 200

# Every read documents what it may answer: 304 to a conditional request, 422 for a query parameter
# out of bounds, of the wrong type or naming nothing the filter knows, 404 for a path that names
# nothing (malformed ids too: /api/places/null is not a place).
LIST_RESPONSES: dict[int, Any] = {304: None, 422: schemas.ValidationErrorOut}
DETAIL_RESPONSES: dict[int, Any] = {304: None, 404: schemas.Error, 422: schemas.ValidationErrorOut}

# What each browse filter means in the API (the portal's labels are for people).
FILTER_HELP = {
    "country": "ISO 3166-1 alpha-2 country code of a member place (FR, DE, …)",
    "state": "German state (ISO 3166-2 suffix such as NW, BY)",
    "kind": "kind (one of the values in the records' `kind`)",
    "status": "status (active, dormant, ended, …)",
    "topic": "topic slug",
    "decade": "decade of establishment (1960, 1970, …) or `unknown`",
    "year": "year (2023) or `unknown`",
    "programme": "programme slug",
    "place": "GeoNames id of a place involved",
}


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="page number, from 1")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="records per page (1–200)")


def _filters(listing: Listing, *extra: str) -> type[Schema]:
    """The query parameters of a listing: its facets (text, checked by the listing) and its sorts."""
    fields: dict[str, Any] = {
        param: (str | None, Field(None, max_length=MAX_TEXT, pattern=NO_NUL, description=FILTER_HELP[param]))
        for param in [f.param for f in listing.facets] + list(extra)
    }
    sorts = tuple(listing.sorts)
    fields["sort"] = (Literal[sorts] | None, Field(None, description=f"order (default {listing.default_sort})"))  # type: ignore[valid-type]
    return create_model(f"{listing.name.title()}Filters", __base__=Schema, **fields)


PartnershipFilters = _filters(PARTNERSHIPS)
PlaceFilters = _filters(PLACES)
ActivityFilters = _filters(ACTIVITIES, "programme")
ProgrammeFilters = _filters(PROGRAMMES)
ArticleFilters = _filters(NEWS)
OrganizationFilters = _filters(ORGANIZATIONS)


def _invalid(param: str, message: str) -> Any:
    from ninja.errors import ValidationError

    return ValidationError([{"loc": ["query", param], "msg": message, "type": "value_error"}])


def _listed(request: HttpRequest, listing: Listing, filters: Schema, paging: Paging, **extra: Any) -> dict[str, Any]:
    """A page of a browse listing with the given filters; `extra` narrows it further (a queryset filter)."""
    params = {k: v for k, v in filters.dict().items() if v is not None and k not in extra}
    try:
        selection = browse(listing, params)
    except FilterError as error:
        raise _invalid(error.param, str(error)) from error
    extra_q = {k: v for k, v in extra.items() if v is not None}
    if not extra_q:
        ids = selection.ids
        return page_of(
            request,
            total=selection.total,
            page=paging.page,
            page_size=paging.page_size,
            fetch=lambda start, stop: selection.rows(ids[start:stop]),
        )
    narrowed = selection.queryset.filter(**extra_q)
    return page_of(
        request,
        total=narrowed.count(),
        page=paging.page,
        page_size=paging.page_size,
        fetch=lambda start, stop: selection.rows(list(narrowed.values_list("pk", flat=True)[start:stop])),
    )


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


# --- places ----------------------------------------------------------------------------------------


@router.get("/places", response={200: schemas.PlacePage, **LIST_RESPONSES}, tags=["places"])
@conditional
def places(
    request: HttpRequest,
    filters: Query[PlaceFilters],  # type: ignore[valid-type]
    paging: Query[Paging],
    q: str | None = Query(None, max_length=MAX_TEXT, pattern=NO_NUL, description="name prefix, any language"),
) -> dict[str, Any]:
    """With `q`: places whose names (in any language) start with it, most populous first. Without:
    the places that have partnerships, as on the portal's list (filters `country`, `state`)."""
    if q is not None:
        found = place_search(q, limit=None)
        if filters.country:  # type: ignore[attr-defined]
            found = found.filter(country_id=filters.country.upper())  # type: ignore[attr-defined]
        return page_of(
            request,
            total=found.count(),
            page=paging.page,
            page_size=paging.page_size,
            fetch=lambda start, stop: found[start:stop],
        )
    return _listed(request, PLACES, filters, paging)


@router.get("/places/{geonameid}", response={200: schemas.PlaceDetail, **DETAIL_RESPONSES}, tags=["places"])
@conditional
def place(request: HttpRequest, geonameid: str) -> Place:
    """A GeoNames place (by its GeoNames id) with its partnerships."""
    found = Place.objects.select_related("country").filter(geonameid=_id(geonameid, "place with GeoNames id")).first()
    if found is None:
        raise _not_found("place with GeoNames id", geonameid)
    return found


@router.get("/places/local/{pk}", response={200: schemas.PlaceDetail, **DETAIL_RESPONSES}, tags=["places"])
@conditional
def place_local(request: HttpRequest, pk: str) -> Place:
    """A place by its registry id (for places GeoNames lacks), with its partnerships."""
    found = Place.objects.select_related("country").filter(pk=_id(pk, "place")).first()
    if found is None:
        raise _not_found("place", pk)
    return found


# --- partnerships ----------------------------------------------------------------------------------


@router.get("/partnerships", response={200: schemas.PartnershipPage, **LIST_RESPONSES}, tags=["partnerships"])
@conditional
def partnerships(
    request: HttpRequest,
    filters: Query[PartnershipFilters],  # type: ignore[valid-type]
    paging: Query[Paging],
) -> dict[str, Any]:
    """Partnerships with the filters of the portal's list (`/partnerships/`)."""
    return _listed(request, PARTNERSHIPS, filters, paging)


@router.get("/partnerships/{pk}", response={200: schemas.PartnershipDetail, **DETAIL_RESPONSES}, tags=["partnerships"])
@conditional
def partnership(request: HttpRequest, pk: str) -> Any:
    found = partnership_get(pk=_id(pk, "partnership"))
    if found is None:
        raise _not_found("partnership", pk)
    return found


# --- activities and programmes ---------------------------------------------------------------------


@router.get("/activities", response={200: schemas.ActivityPage, **LIST_RESPONSES}, tags=["activities"])
@conditional
def activities(
    request: HttpRequest,
    filters: Query[ActivityFilters],  # type: ignore[valid-type]
    paging: Query[Paging],
) -> dict[str, Any]:
    """Activities with the filters of the portal's list (`/activities/`), newest first; `programme`
    narrows them to one programme's."""
    programme = filters.programme  # type: ignore[attr-defined]
    if programme is not None and not Programme.objects.filter(slug=programme).exists():
        raise _invalid("programme", _("No programme %(slug)s.") % {"slug": programme[:80]})
    return _listed(request, ACTIVITIES, filters, paging, programme__slug=programme)


@router.get("/activities/{slug}", response={200: schemas.ActivityDetail, **DETAIL_RESPONSES}, tags=["activities"])
@conditional
def activity(request: HttpRequest, slug: str) -> Any:
    found = activity_get(slug=_slug(slug, "activity"))
    if found is None:
        raise _not_found("activity", slug)
    return found


@router.get("/programmes", response={200: schemas.ProgrammePage, **LIST_RESPONSES}, tags=["programmes"])
@conditional
def programmes(
    request: HttpRequest,
    filters: Query[ProgrammeFilters],  # type: ignore[valid-type]
    paging: Query[Paging],
) -> dict[str, Any]:
    return _listed(request, PROGRAMMES, filters, paging)


@router.get("/programmes/{slug}", response={200: schemas.ProgrammeDetail, **DETAIL_RESPONSES}, tags=["programmes"])
@conditional
def programme(request: HttpRequest, slug: str) -> Any:
    found = programme_get(slug=_slug(slug, "programme"))
    if found is None:
        raise _not_found("programme", slug)
    return found


# --- news and organizations ------------------------------------------------------------------------


@router.get("/articles", response={200: schemas.ArticlePage, **LIST_RESPONSES}, tags=["articles"])
@conditional
def articles(
    request: HttpRequest,
    filters: Query[ArticleFilters],  # type: ignore[valid-type]
    paging: Query[Paging],
) -> dict[str, Any]:
    """News articles with the filters of the portal's list (`/news/`), newest first."""
    return _listed(request, NEWS, filters, paging)


@router.get("/articles/{slug}", response={200: schemas.ArticleDetail, **DETAIL_RESPONSES}, tags=["articles"])
@conditional
def article(request: HttpRequest, slug: str) -> Any:
    found = article_get(slug=_slug(slug, "article"))
    if found is None:
        raise _not_found("article", slug)
    return found


@router.get("/organizations", response={200: schemas.OrganizationPage, **LIST_RESPONSES}, tags=["organizations"])
@conditional
def organizations(
    request: HttpRequest,
    filters: Query[OrganizationFilters],  # type: ignore[valid-type]
    paging: Query[Paging],
) -> dict[str, Any]:
    """Organizations with the filters of the portal's list (`/organizations/`)."""
    return _listed(request, ORGANIZATIONS, filters, paging)


@router.get(
    "/organizations/{slug}", response={200: schemas.OrganizationOut, **DETAIL_RESPONSES}, tags=["organizations"]
)
@conditional
def organization(request: HttpRequest, slug: str) -> Any:
    found = organization_get(slug=_slug(slug, "organization"), user=request.user)
    if found is None:
        raise _not_found("organization", slug)
    return found
