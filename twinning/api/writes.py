"""Write endpoints for offices: `Authorization: Bearer <token>` with an office's API token (created
and revoked by its manager in the workbench or with `twinning office token`). A token acts as an
editor of its office and nothing more, by the workbench's rules (`offices.access`): a new record
must involve one of the office's places, a changed record must be in its scope, otherwise 403 and
nothing is written. Input is validated by the workbench's own forms (so the API refuses what the
form refuses, 422 naming the field), writes go through the registry's services, audited with the
token's office and creator as the actor."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import ValidationError
from ninja.responses import Status
from ninja.security import HttpBearer
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from twinning.activities.models import Activity
from twinning.activities.selectors import activity_get
from twinning.activities.services import activity_create, activity_update
from twinning.core.models import Visibility
from twinning.core.services import Actor, citation_add, source_get_or_create
from twinning.directory.models import Organization, Person
from twinning.directory.selectors import organization_get
from twinning.directory.services import (
    organization_create,
    organization_update,
    person_create,
    person_update,
    role_add,
)
from twinning.offices import access
from twinning.offices.models import ApiToken
from twinning.offices.selectors import api_token_for_secret
from twinning.offices.services import api_token_used
from twinning.partnerships.models import Partnership
from twinning.partnerships.selectors import partnership_get
from twinning.partnerships.services import (
    partnership_add_contact,
    partnership_add_supporter,
    partnership_create,
    partnership_update,
)
from twinning.places.models import Place
from twinning.workbench import forms

from . import schemas
from .reads import _id, _slug, router

MAX_TEXT = 200
MAX_LONG = 20_000
MAX_ID = 2**53 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]  # a GeoNames id or a record's id, inside every database's integer


class OfficeToken(HttpBearer):
    """An office's API token; the request carries it as `request.auth`."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = api_token_for_secret(token)
        if found is not None:
            api_token_used(token=found)
        return found


TOKEN = OfficeToken()

WRITE_RESPONSES: dict[int, Any] = {
    400: schemas.Error,  # a body that is not JSON
    413: schemas.Error,  # a body over DATA_UPLOAD_MAX_MEMORY_SIZE
    401: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
    409: schemas.Error,
    422: schemas.ValidationErrorOut,
}
CREATE_RESPONSES: dict[int, Any] = {k: v for k, v in WRITE_RESPONSES.items() if k != 404}


def _token(request: HttpRequest) -> ApiToken:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def _actor(request: HttpRequest) -> Actor:
    token = _token(request)
    return Actor(via=f"api:{token.office.slug}:{token.prefix}"[:100], user=token.created_by)


def _scope(request: HttpRequest) -> QuerySet[Any]:
    return access.office_scope(_token(request).office)


def _in_scope(request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
    return access.scoped(queryset, _scope(request))


def _refuse(field: str | None, message: str) -> PermissionDenied:
    return PermissionDenied(f"{field}: {message}" if field else message)


def _require_change(request: HttpRequest, record: Any) -> None:
    """403 unless the record is in the office's scope; another office's internal person is absent (404)."""
    if access.in_scope(record, _scope(request)):
        return
    if isinstance(record, Person) and record.visibility != Visibility.PUBLIC:
        raise Http404
    raise _refuse(None, _("This record is not kept by your office (%(office)s).") % {"office": _token(request).office})


def _invalid(form: Any) -> ValidationError:
    """The form's errors as the API's 422: one entry per field, `loc` naming it."""
    errors = []
    for field, messages in form.errors.items():
        loc = ["body"] if field == "__all__" else ["body", field]
        errors += [{"loc": loc, "msg": str(message), "type": "value_error"} for message in messages]
    return ValidationError(errors)


def _by(form: Any, **keys: str) -> None:
    """API clients name records by their public keys (GeoNames ids, slugs), not by primary keys."""
    for name, key in keys.items():
        if name in form.fields:
            form.fields[name].to_field_name = key


def _data(payload: BaseModel, initial: dict[str, Any] | None = None) -> dict[str, Any]:
    """Form data: the record's current values (for a change), overlaid with what the client sent."""
    sent = payload.model_dump() if initial is None else payload.model_dump(exclude_unset=True)
    data = {**(initial or {}), **sent}
    return {k: v for k, v in data.items() if v is not None and v != []}


def _partial(value: Any) -> str:
    return value.iso() if value else ""


class Body(BaseModel):
    """A request body: a JSON object with these fields (strict: `0` is not `false`, a list is not an
    object); unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore", strict=True)


# --- partnerships ----------------------------------------------------------------------------------


class PartnershipChange(Body):
    kind: str | None = Field(None, max_length=MAX_TEXT, description="twinning, friendship, …")
    status: str | None = Field(None, max_length=MAX_TEXT)
    established: str | None = Field(None, max_length=10, description="1986, 1986-05 or 1986-05-23")
    ended: str | None = Field(None, max_length=10)
    description: str | None = Field(None, max_length=MAX_LONG)
    supporting_organizations: list[str] | None = Field(None, description="organization slugs (added)")
    contacts: list[str] | None = Field(None, description="slugs of people your office keeps (added)")
    source_url: str | None = Field(None, max_length=500, description="a web page that documents it")


class PartnershipIn(PartnershipChange):
    places: list[Id] = Field(..., max_length=20, description="GeoNames ids of the member places (two or more)")
    kind: str = Field(..., min_length=1, max_length=MAX_TEXT)
    status: str = Field("active", max_length=MAX_TEXT)


def _partnership_form(request: HttpRequest, data: dict[str, Any], partnership: Partnership | None) -> Any:
    form = forms.PartnershipForm(data)
    organizations = _in_scope(request, Organization.objects.all())
    people = _in_scope(request, Person.objects.all())
    if partnership is not None:  # what it already names stays valid
        organizations = Organization.objects.filter(
            Q(pk__in=organizations.values("pk")) | Q(pk__in=partnership.supporting_organizations.values("pk"))
        )
        people = Person.objects.filter(Q(pk__in=people.values("pk")) | Q(pk__in=partnership.contacts.values("pk")))
    form.fields["supporting_organizations"].queryset = organizations  # type: ignore[attr-defined]
    form.fields["contacts"].queryset = people  # type: ignore[attr-defined]
    _by(form, places="geonameid", supporting_organizations="slug", contacts="slug")
    if not form.is_valid():
        raise _invalid(form)
    return form.cleaned_data


def _partnership_extras(request: HttpRequest, partnership: Partnership, data: dict[str, Any]) -> None:
    actor = _actor(request)
    for organization in data["supporting_organizations"]:
        partnership_add_supporter(partnership=partnership, organization=organization, actor=actor)
    for person in data["contacts"]:
        partnership_add_contact(partnership=partnership, person=person, actor=actor)
    if data.get("source_url"):
        url = data["source_url"]
        source = source_get_or_create(key=url, kind="web", title=url, url=url, actor=actor)
        citation_add(record=partnership, source=source, actor=actor)


def _partnership_out(pk: int) -> Partnership:
    found = partnership_get(pk=pk)
    assert found is not None
    return found


@router.post(
    "/partnerships", auth=TOKEN, tags=["partnerships"], response={201: schemas.PartnershipDetail, **CREATE_RESPONSES}
)
def partnership_new(request: HttpRequest, payload: PartnershipIn) -> Any:
    """Create a partnership of two or more places, one of them kept by your office."""
    data = _partnership_form(request, _data(payload), None)
    places = list(data["places"])
    if len(places) < 2:
        raise ValidationError(
            [{"loc": ["body", "places"], "msg": _("Name at least two places."), "type": "value_error"}]
        )
    if not access.involves_scope([p.pk for p in places], _scope(request)):
        raise _refuse("places", _("One of the places must be one your office keeps."))
    with transaction.atomic():
        partnership = partnership_create(
            places=places,
            kind=data["kind"],
            status=data["status"],
            established=data["established"],
            ended=data["ended"],
            description=data["description"],
            actor=_actor(request),
            where="places",
        )
        _partnership_extras(request, partnership, data)
    return Status(201, _partnership_out(partnership.pk))


@router.patch(
    "/partnerships/{pk}",
    auth=TOKEN,
    tags=["partnerships"],
    response={200: schemas.PartnershipDetail, **WRITE_RESPONSES},
)
def partnership_change(request: HttpRequest, pk: str, payload: PartnershipChange) -> Any:
    """Change a partnership your office keeps: the fields sent (organizations and contacts are added)."""
    partnership = Partnership.objects.filter(pk=_id(pk, "partnership")).first()
    if partnership is None:
        raise Http404(_("No partnership %(pk)s.") % {"pk": pk})
    _require_change(request, partnership)
    initial = {
        "kind": partnership.kind,
        "status": partnership.status,
        "established": _partial(partnership.since),
        "ended": _partial(partnership.until),
        "description": partnership.description,
    }
    data = _partnership_form(request, _data(payload, initial), partnership)
    with transaction.atomic():
        partnership_update(
            partnership=partnership,
            actor=_actor(request),
            kind=data["kind"],
            status=data["status"],
            established=data["established"],
            ended=data["ended"],
            description=data["description"],
        )
        _partnership_extras(request, partnership, data)
    return Status(200, _partnership_out(partnership.pk))


# --- activities ------------------------------------------------------------------------------------


class ActivityChange(Body):
    title: str | None = Field(None, max_length=300)
    kind: str | None = Field(None, max_length=MAX_TEXT)
    direction: str | None = Field(None, max_length=MAX_TEXT)
    format: str | None = Field(None, max_length=MAX_TEXT)
    start: str | None = Field(None, max_length=10, description="2023, 2023-03 or 2023-03-14")
    end: str | None = Field(None, max_length=10)
    venue: str | None = Field(None, max_length=300)
    place: Id | None = Field(None, description="GeoNames id")
    partnerships: list[Id] | None = Field(None, description="partnership ids your office keeps")
    hosts: list[str] | None = Field(None, description="organization slugs")
    organizers: list[str] | None = Field(None, description="organization slugs")
    funders: list[str] | None = Field(None, description="organization slugs")
    topics: list[str] | None = Field(None, description="topic slugs")
    description: str | None = Field(None, max_length=MAX_LONG)
    outcomes: str | None = Field(None, max_length=MAX_LONG)
    participant_count: int | None = Field(None, ge=0, le=10_000_000)
    participant_count_text: str | None = Field(None, max_length=100)


class ActivityIn(ActivityChange):
    title: str = Field(..., min_length=1, max_length=300)
    kind: str = Field(..., min_length=1, max_length=MAX_TEXT)
    format: str = Field("in_person", max_length=MAX_TEXT)
    start: str = Field(..., min_length=4, max_length=10)
    follow_up_of: str | None = Field(None, max_length=MAX_TEXT, description="slug of an earlier activity")


def _activity_args(request: HttpRequest, data: dict[str, Any], activity: Activity | None) -> dict[str, Any]:
    partnerships = _in_scope(request, Partnership.objects.all())
    organizations = _in_scope(request, Organization.objects.all())
    activities = _in_scope(request, Activity.objects.all())
    if activity is not None:
        partnerships = Partnership.objects.filter(
            Q(pk__in=partnerships.values("pk")) | Q(pk__in=activity.partnerships.values("pk"))
        )
        organizations = Organization.objects.filter(
            Q(pk__in=organizations.values("pk")) | Q(activity_links__activity=activity)
        ).distinct()
        activities = activities.exclude(pk=activity.pk)
    form = forms.ActivityForm(data, partnerships=partnerships, organizations=organizations, activities=activities)
    _by(form, place="geonameid", hosts="slug", organizers="slug", funders="slug", topics="slug", follow_up_of="slug")
    if not form.is_valid():
        raise _invalid(form)
    return form.service_args()


def _activity_out(slug: str) -> Activity:
    found = activity_get(slug=slug)
    assert found is not None
    return found


@router.post("/activities", auth=TOKEN, tags=["activities"], response={201: schemas.ActivityDetail, **CREATE_RESPONSES})
def activity_new(request: HttpRequest, payload: ActivityIn) -> Any:
    """Create an activity that involves your office: its place, one of its partnerships, or one of
    its organizations as host, organizer or funder."""
    args = _activity_args(request, _data(payload), None)
    involved = [args["place"].pk] if args["place"] else []
    involved += [m.place_id for p in args["partnerships"] for m in p.members.all()]
    involved += [o.seat_id for o, _role in args["organizations"] if o.seat_id]
    if not access.involves_scope(involved, _scope(request)):
        raise _refuse(
            None,
            _(
                "The activity must involve your office: choose one of its partnerships, its place "
                "or one of its organizations as host or organizer."
            ),
        )
    with transaction.atomic():
        activity = activity_create(actor=_actor(request), **args)
    return Status(201, _activity_out(activity.slug))


@router.patch(
    "/activities/{slug}", auth=TOKEN, tags=["activities"], response={200: schemas.ActivityDetail, **WRITE_RESPONSES}
)
def activity_change(request: HttpRequest, slug: str, payload: ActivityChange) -> Any:
    """Change an activity your office keeps: the fields sent (lists replace the current ones)."""
    activity = Activity.objects.filter(slug=_slug(slug, "record")).first()
    if activity is None:
        raise Http404(_("No activity %(slug)s.") % {"slug": slug[:50]})
    _require_change(request, activity)
    links = list(activity.organization_links.select_related("organization"))
    initial: dict[str, Any] = {
        "title": activity.title,
        "kind": activity.kind,
        "direction": activity.direction,
        "format": activity.format,
        "start": _partial(activity.starts),
        "end": _partial(activity.ends),
        "venue": activity.venue,
        "place": activity.place.geonameid if activity.place else None,
        "partnerships": [p.pk for p in activity.partnerships.all()],
        "topics": [t.slug for t in activity.topics.all()],
        "description": activity.description,
        "outcomes": activity.outcomes,
        "participant_count": activity.participant_count,
        "participant_count_text": activity.participant_count_text,
    }
    for name, role in forms.ActivityForm.ORG_ROLES.items():
        initial[name] = [link.organization.slug for link in links if link.role == role]
    args = _activity_args(request, _data(payload, initial), activity)
    args.pop("follow_up_of")  # set when the activity is created; the service does not change it
    with transaction.atomic():
        activity_update(activity=activity, actor=_actor(request), **args)
    return Status(200, _activity_out(activity.slug))


# --- organizations ---------------------------------------------------------------------------------


class OrganizationChange(Body):
    name: str | None = Field(None, max_length=300)
    short_name: str | None = Field(None, max_length=60)
    kind: str | None = Field(None, max_length=MAX_TEXT)
    seat: Id | None = Field(None, description="GeoNames id of a place your office keeps")
    website: str | None = Field(None, max_length=500)
    description: str | None = Field(None, max_length=MAX_LONG)


class OrganizationIn(OrganizationChange):
    name: str = Field(..., min_length=1, max_length=300)
    kind: str = Field(..., min_length=1, max_length=MAX_TEXT)
    seat: Id


def _organization_data(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    form = forms.OrganizationForm(data, seats=Place.objects.all())
    _by(form, seat="geonameid")
    if not form.is_valid():
        raise _invalid(form)
    if not access.involves_scope([form.cleaned_data["seat"].pk], _scope(request)):
        raise _refuse("seat", _("The seat must be a place your office keeps."))
    return form.cleaned_data


def _organization_out(request: HttpRequest, slug: str) -> Organization:
    found = organization_get(slug=slug, user=request.user)
    assert found is not None
    return found


@router.post(
    "/organizations", auth=TOKEN, tags=["organizations"], response={201: schemas.OrganizationOut, **CREATE_RESPONSES}
)
def organization_new(request: HttpRequest, payload: OrganizationIn) -> Any:
    """Create an organization seated in one of your office's places."""
    data = _organization_data(request, _data(payload))
    with transaction.atomic():
        organization = organization_create(actor=_actor(request), **data)
    return Status(201, _organization_out(request, organization.slug))


@router.patch(
    "/organizations/{slug}",
    auth=TOKEN,
    tags=["organizations"],
    response={200: schemas.OrganizationOut, **WRITE_RESPONSES},
)
def organization_change(request: HttpRequest, slug: str, payload: OrganizationChange) -> Any:
    organization = Organization.objects.filter(slug=_slug(slug, "record")).first()
    if organization is None:
        raise Http404(_("No organization %(slug)s.") % {"slug": slug[:50]})
    _require_change(request, organization)
    fields = ("name", "short_name", "kind", "website", "description")
    initial = {f: getattr(organization, f) for f in fields}
    initial["seat"] = organization.seat.geonameid if organization.seat else None
    data = _organization_data(request, _data(payload, initial))
    with transaction.atomic():
        organization_update(organization=organization, actor=_actor(request), **data)
    return Status(200, _organization_out(request, organization.slug))


# --- people and their roles ------------------------------------------------------------------------


class RoleOut(Schema):
    function: str
    organization: str | None
    place: int | None
    is_contact: bool

    @staticmethod
    def resolve_organization(obj: Any) -> str | None:
        return obj.organization.slug if obj.organization else None

    @staticmethod
    def resolve_place(obj: Any) -> int | None:
        return obj.place.geonameid if obj.place else None


class PersonOut(Schema):
    slug: str
    name: str
    honorific: str
    visibility: str
    roles: list[RoleOut]

    @staticmethod
    def resolve_roles(obj: Any) -> list[Any]:
        return list(obj.roles.select_related("organization", "place").order_by("pk"))


class PersonIn(Body):
    name: str = Field(..., min_length=1, max_length=200)
    honorific: str | None = Field(None, max_length=40)
    function: str = Field(..., min_length=1, max_length=300, description="e.g. head of the international office")
    organization: str | None = Field(None, max_length=MAX_TEXT, description="slug of an organization your office keeps")
    is_contact: StrictBool | None = Field(None, description="shown in the contact box (once public)")


class PersonChange(Body):
    name: str | None = Field(None, max_length=200)
    honorific: str | None = Field(None, max_length=40)
    visibility: str | None = Field(None, max_length=10, description="public only after consent was recorded")


class RoleIn(Body):
    function: str = Field(..., min_length=1, max_length=300)
    organization: str | None = Field(None, max_length=MAX_TEXT, description="slug of an organization your office keeps")
    is_contact: StrictBool | None = None


def _office_place(request: HttpRequest) -> Place | None:
    return _token(request).office.places.first()


def _organization_or_office_place(request: HttpRequest, organization: Organization | None) -> Place | None:
    """A role without an organization is at the office's place (as in the workbench)."""
    if organization is not None:
        return None
    place = _office_place(request)
    if place is None:
        raise ValidationError(
            [
                {
                    "loc": ["body", "organization"],
                    "msg": _("Choose the organization the person works for."),
                    "type": "value_error",
                }
            ]
        )
    return place


@router.post("/people", auth=TOKEN, tags=["people"], response={201: PersonOut, **CREATE_RESPONSES})
def person_new(request: HttpRequest, payload: PersonIn) -> Any:
    """Add a person (internal until their consent is recorded in the workbench) with a role."""
    form = forms.PersonForm(
        {**_data(payload), "visibility": Visibility.INTERNAL},
        organizations=_in_scope(request, Organization.objects.all()),
        creating=True,
    )
    _by(form, organization="slug")
    if not form.is_valid():
        raise _invalid(form)
    data = form.cleaned_data
    place = _organization_or_office_place(request, data["organization"])
    with transaction.atomic():
        person = person_create(
            name=data["name"], honorific=data["honorific"], visibility=Visibility.INTERNAL, actor=_actor(request)
        )
        role_add(
            person=person,
            function=data["function"],
            organization=data["organization"],
            place=place,
            is_contact=data["is_contact"],
            actor=_actor(request),
        )
    return Status(201, person)


def _person(request: HttpRequest, slug: str) -> Person:
    person = Person.objects.filter(slug=_slug(slug, "record")).first()
    if person is None:
        raise Http404(_("No person %(slug)s.") % {"slug": slug[:50]})
    _require_change(request, person)
    return person


@router.patch("/people/{slug}", auth=TOKEN, tags=["people"], response={200: PersonOut, **WRITE_RESPONSES})
def person_change(request: HttpRequest, slug: str, payload: PersonChange) -> Any:
    """Change the name, title or visibility of a person your office keeps."""
    person = _person(request, slug)
    consents = list(person.consents.order_by("-recorded_at")[:1])
    initial = {"name": person.name, "honorific": person.honorific, "visibility": person.visibility}
    form = forms.PersonForm(_data(payload, initial), initial={"has_consent": bool(consents and consents[0].given)})
    if not form.is_valid():
        raise _invalid(form)
    with transaction.atomic():
        person_update(
            person=person,
            actor=_actor(request),
            **{k: form.cleaned_data[k] for k in ("name", "honorific", "visibility")},
        )
    return Status(200, person)


@router.post("/people/{slug}/roles", auth=TOKEN, tags=["people"], response={201: PersonOut, **WRITE_RESPONSES})
def person_role_new(request: HttpRequest, slug: str, payload: RoleIn) -> Any:
    """Give a person your office keeps another role (a function, at an organization or your office's place)."""
    person = _person(request, slug)
    form = forms.PersonForm(
        {**_data(payload), "name": person.name, "visibility": Visibility.INTERNAL},
        organizations=_in_scope(request, Organization.objects.all()),
        creating=True,
    )
    _by(form, organization="slug")
    if not form.is_valid():
        raise _invalid(form)
    data = form.cleaned_data
    place = _organization_or_office_place(request, data["organization"])
    with transaction.atomic():
        role_add(
            person=person,
            function=data["function"],
            organization=data["organization"],
            place=place,
            is_contact=data["is_contact"],
            actor=_actor(request),
        )
    return Status(201, person)


# --- articles --------------------------------------------------------------------------------------


class ArticleIn(Body):
    text: str = Field(..., min_length=1, max_length=200_000, description="the press release (text or HTML)")
    published: str | None = Field(None, max_length=10, description="YYYY-MM-DD")


class ArticleReceipt(Schema):
    slug: str
    title: str
    created: bool = Field(description="false: this release was archived before (nothing changed)")
    suggestions: int = Field(description="facts waiting in the review queue")
    url: str


@router.post(
    "/articles", auth=TOKEN, tags=["articles"], response={201: ArticleReceipt, 200: ArticleReceipt, **CREATE_RESPONSES}
)
def article_new(request: HttpRequest, payload: ArticleIn) -> Any:
    """Archive a press release of your office: its facts wait in the review queue (as when pasted
    in the workbench); it reaches the portal once something from it is accepted."""
    from twinning.press.ingest import article_ingest

    form = forms.ArticleForm(_data(payload))
    if not form.is_valid():
        raise _invalid(form)
    with transaction.atomic():
        outcome = article_ingest(
            raw=form.cleaned_data["text"],
            name=_("text sent to the API"),
            actor=_actor(request),
            published=form.cleaned_data["published"],
            publisher=_office_place(request),
        )
    article = outcome.article
    receipt = {
        "slug": article.slug,
        "title": article.title,
        "created": bool(outcome.created or outcome.adopted),
        "suggestions": outcome.suggestions,
        "url": article.get_absolute_url(),
    }
    return Status(201 if receipt["created"] else 200, receipt)
