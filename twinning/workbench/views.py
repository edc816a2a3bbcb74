"""The workbench at /manage/: thin views. Every access question goes to `twinning.offices.access`;
every write to a service with the acting user audited."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from twinning.activities.models import Activity
from twinning.activities.selectors import activity_legs, activity_participations_visible, participation_get
from twinning.activities.services import activity_create, activity_update, participation_add, participation_remove
from twinning.core.dates import PartialDate
from twinning.core.errors import TwinningError
from twinning.core.models import Visibility
from twinning.core.selectors import audit_history
from twinning.core.services import Actor, citation_add, source_get_or_create
from twinning.directory.access import person_is_visible
from twinning.directory.gdpr import person_erase, person_export
from twinning.directory.models import Organization, Person, Role
from twinning.directory.selectors import (
    contact_detail_get,
    people_pick,
    people_visible,
    person_roles,
    person_visible_get,
    role_get,
)
from twinning.directory.services import (
    contact_detail_add,
    contact_detail_remove,
    organization_create,
    organization_update,
    person_create,
    person_update,
    role_add,
    role_remove,
    role_update,
)
from twinning.offices import access
from twinning.offices.models import Office
from twinning.offices.models import Role as OfficeRole
from twinning.offices.selectors import (
    activities_in_scope,
    activity_organizations,
    dashboard_rows,
    either,
    office_activities,
    office_deletion,
    office_deletions,
    office_invitations_open,
    office_members,
    office_membership,
    offices_for_user,
    organization_seats,
    organizations_in_scope,
    partnerships_in_scope,
    people_in_scope,
    person_consents,
    person_has_consent,
    region_currency,
)
from twinning.offices.services import (
    consent_record,
    invitation_accept,
    invitation_create,
    invitation_get,
    membership_remove,
    office_update_contact,
    partnership_confirm,
)
from twinning.partnerships.models import Partnership
from twinning.partnerships.services import (
    partnership_add_contact,
    partnership_add_supporter,
    partnership_create,
    partnership_update,
)
from twinning.places.models import Place
from twinning.places.selectors import place_resolve, places_by_pks, places_overlap
from twinning.review.selectors import pending_for_places

from . import forms

PICKER_LIMIT = 12
# The place field of an itinerary leg in the activity form's formset ("legs-0-place", …).
LEG_PLACE_FIELD = re.compile(r"legs-[0-9]{1,2}-place")


def _actor(request: HttpRequest) -> Actor:
    return Actor(via="web:workbench", user=request.user)


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the login; logged-in users without any office (and not superusers) get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (access.is_superuser(request.user) or access.memberships(request.user)):
            raise PermissionDenied(_("You are not a member of any office."))
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _office(request: HttpRequest, slug: str, min_role: str = OfficeRole.VIEWER) -> Office:
    office = Office.objects.filter(slug=slug).select_related("region_country").first()
    if office is None:
        raise Http404(_("No such office."))
    access.require_office_role(request.user, office, min_role)
    return office


def _editor_places(request: HttpRequest) -> Any:
    """The places the user may edit (None: all)."""
    return access.scope_places(request.user, min_role=OfficeRole.EDITOR)


def _scoped(queryset: QuerySet[Any], request: HttpRequest, min_role: str = OfficeRole.EDITOR) -> QuerySet[Any]:
    return access.scoped(queryset, access.scope_places(request.user, min_role=min_role))


def _get(model: type[Model], request: HttpRequest, pk: int) -> Any:
    """The record, or 404 if it does not exist or is another office's internal record."""
    record = model._default_manager.filter(pk=pk).first()
    if record is None:
        raise Http404
    if isinstance(record, Person) and not person_is_visible(record, user=request.user):
        raise Http404
    return record


def _report(request: HttpRequest, form: Any) -> None:
    """Errors of a small form posted from a record page: one message per field, naming it."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")


def _form_error(form: Any, error: TwinningError) -> None:
    """A service refused the input: show its message at the top of the form."""
    form.add_error(None, error.message)


# --- home and dashboards --------------------------------------------------------------------------


@member_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    offices = offices_for_user(request.user)
    return render(request, "workbench/home.html", {"offices": offices})


@member_required
@require_GET
def dashboard(request: HttpRequest, office: str) -> HttpResponse:
    found = _office(request, office)
    rows = dashboard_rows(found)
    from twinning.portal.selectors import anniversaries_upcoming

    places = access.office_places(found)
    anniversaries = []
    for place in places[:20]:
        anniversaries += anniversaries_upcoming(today=timezone.localdate(), months=12, place=place)
    pending = pending_for_places(places)
    membership = access.require_office_role(request.user, found, OfficeRole.VIEWER)
    return render(
        request,
        "workbench/dashboard.html",
        {
            "office": found,
            "rows": rows,
            "stale": [r for r in rows if r.stale],
            "activities": office_activities(found, limit=10),
            "anniversaries": anniversaries[:12],
            "pending": pending,
            "is_region": bool(found.region_country_id),
            "role": membership.get_role_display() if membership else _("superuser"),
            "can_edit": membership is None or access.ROLE_RANK[OfficeRole(membership.role)] >= 1,
            "can_manage": membership is None or membership.role == OfficeRole.MANAGER,
        },
    )


@member_required
@require_GET
def currency(request: HttpRequest, office: str) -> HttpResponse:
    found = _office(request, office)
    if not found.region_country_id:
        raise Http404(_("Only coordinators of a region see the offices of their region."))
    return render(request, "workbench/currency.html", {"office": found, "rows": region_currency(found)})


@member_required
@require_POST
def confirm(request: HttpRequest, office: str, pk: int) -> HttpResponse:
    found = _office(request, office, OfficeRole.EDITOR)
    partnership = _get(Partnership, request, pk)
    access.require_change(request.user, partnership)
    partnership_confirm(office=found, partnership=partnership, actor=_actor(request))
    if _htmx(request):
        return render(request, "workbench/_confirmed.html", {"now": timezone.now()})
    messages.success(request, _("Confirmed: %(partnership)s is current.") % {"partnership": partnership})
    return redirect("workbench:dashboard", office=found.slug)


@member_required
@require_http_methods(["GET", "POST"])
def contact_box(request: HttpRequest, office: str) -> HttpResponse:
    found = _office(request, office, OfficeRole.EDITOR)
    initial = {name: getattr(found, name) for name in forms.ContactBoxForm.base_fields}
    form = forms.ContactBoxForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            office_update_contact(office=found, actor=_actor(request), **form.cleaned_data)
        except TwinningError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The contact box is saved."))
            return redirect("workbench:dashboard", office=found.slug)
    return render(request, "workbench/form.html", {"office": found, "form": form, "title": _("Public contact box")})


@member_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, office: str) -> HttpResponse:
    found = _office(request, office, OfficeRole.MANAGER)
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept_url = request.build_absolute_uri(reverse("accept_invitation", kwargs={"token": "TOKEN"}))
        try:
            invitation_create(
                office=found,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=_actor(request),
                accept_url=accept_url.replace("TOKEN", "{token}"),
            )
        except TwinningError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("workbench:members", office=found.slug)
    return render(
        request,
        "workbench/members.html",
        {
            "office": found,
            "form": form,
            "memberships": office_members(found),
            "invitations": office_invitations_open(found),
        },
    )


@member_required
@require_POST
def member_remove(request: HttpRequest, office: str, pk: int) -> HttpResponse:
    found = _office(request, office, OfficeRole.MANAGER)
    membership = office_membership(found, pk)
    if membership is None:
        raise Http404
    membership_remove(membership=membership, actor=_actor(request))
    messages.success(request, _("%(user)s is no longer a member.") % {"user": membership.user.username})
    return redirect("workbench:members", office=found.slug)


# --- pickers (htmx) -------------------------------------------------------------------------------


@member_required
@require_GET
def pick_places(request: HttpRequest) -> HttpResponse:
    """Search places by name (any language): checkboxes or radio buttons for the form's field."""
    query = request.GET.get("q", "").strip()[:100]
    field = request.GET.get("field", "places")
    if field not in {"places", "place", "seat"} and not LEG_PLACE_FIELD.fullmatch(field):
        field = "places"
    choose = request.GET.get("choose", "")
    if choose.isdigit():
        chosen = Place.objects.filter(pk=int(choose)).select_related("country").first()
        if chosen is None:
            raise Http404
        return render(
            request, "workbench/_pick_places.html", {"chosen": chosen, "field": field, "multiple": field == "places"}
        )
    places: list[Place] = []
    if len(query) >= 2:
        places = places_by_pks(m.place.place_id for m in place_resolve(query, limit=PICKER_LIMIT))
    return render(
        request, "workbench/_pick_places.html", {"places": places, "field": field, "multiple": field == "places"}
    )


@member_required
@require_GET
def pick_people(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    choose = request.GET.get("choose", "")
    if choose.isdigit():
        chosen = person_visible_get(int(choose), user=request.user)
        if chosen is None:
            raise Http404
        return render(request, "workbench/_pick_people.html", {"chosen": chosen})
    people = people_pick(query, user=request.user, limit=PICKER_LIMIT)
    return render(request, "workbench/_pick_people.html", {"people": people})


# --- partnerships ---------------------------------------------------------------------------------


def _partnership_extras(request: HttpRequest, partnership: Partnership, data: dict[str, Any]) -> None:
    """Supporting organizations, contact persons and a web source: added through the services."""
    actor = _actor(request)
    for organization in data["supporting_organizations"]:
        partnership_add_supporter(partnership=partnership, organization=organization, actor=actor)
    for person in data["contacts"]:
        partnership_add_contact(partnership=partnership, person=person, actor=actor)
    if data.get("source_url"):
        url = data["source_url"]
        source = source_get_or_create(key=url, kind="web", title=url, url=url, actor=actor)
        citation_add(record=partnership, source=source, actor=actor)


def _people_in_scope(request: HttpRequest) -> QuerySet[Person]:
    return people_in_scope(request.user)


def _organizations_in_scope(request: HttpRequest) -> QuerySet[Organization]:
    return organizations_in_scope(request.user)


@member_required
@require_http_methods(["GET", "POST"])
def partnership_new(request: HttpRequest) -> HttpResponse:
    if not access.memberships(request.user, min_role=OfficeRole.EDITOR) and not access.is_superuser(request.user):
        raise PermissionDenied
    form = forms.PartnershipForm(request.POST or None)
    form.fields["supporting_organizations"].queryset = _organizations_in_scope(request)  # type: ignore[attr-defined]
    form.fields["contacts"].queryset = _people_in_scope(request)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        places = list(data["places"])
        editable = _editor_places(request)
        if len(places) < 2:
            form.add_error("places", _("Choose at least two places with the search."))
        elif editable is not None and not places_overlap([p.pk for p in places], editable):
            form.add_error("places", _("One of the places must be one your office keeps."))
        else:
            try:
                partnership = partnership_create(
                    places=places,
                    kind=data["kind"],
                    status=data["status"],
                    established=data["established"],
                    ended=data["ended"],
                    description=data["description"],
                    actor=_actor(request),
                )
                _partnership_extras(request, partnership, data)
            except TwinningError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Partnership %(p)s created.") % {"p": partnership})
                return redirect("workbench:partnership", pk=partnership.pk)
    return render(
        request,
        "workbench/partnership_form.html",
        {"form": form, "title": _("New partnership"), "chosen_objects": _chosen_places(form["places"].value())},
    )


@member_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _get(Partnership, request, pk)
    access.require_change(request.user, partnership)
    initial = {
        "kind": partnership.kind,
        "status": partnership.status,
        "established": partnership.since.iso() if partnership.since else "",
        "ended": partnership.until.iso() if partnership.until else "",
        "description": partnership.description,
        "supporting_organizations": list(partnership.supporting_organizations.all()),
        "contacts": list(partnership.contacts.all()),
    }
    form = forms.PartnershipForm(request.POST or None, initial=initial)
    form.fields["supporting_organizations"].queryset = either(  # type: ignore[attr-defined]
        _organizations_in_scope(request), partnership.supporting_organizations.all()
    )
    form.fields["contacts"].queryset = either(_people_in_scope(request), partnership.contacts.all())  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
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
        except TwinningError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("workbench:partnership", pk=partnership.pk)
    return render(
        request,
        "workbench/partnership_form.html",
        {"form": form, "partnership": partnership, "title": str(partnership), "editing": True},
    )


@member_required
@require_POST
def partnership_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a partnership ended (today, unless a date is given) instead of deleting it."""
    partnership = _get(Partnership, request, pk)
    access.require_change(request.user, partnership)
    field = forms.PartialDateField()
    try:
        ended = field.clean(request.POST.get("ended", "")) or forms.PartialDate(timezone.localdate(), "day")
        partnership_update(partnership=partnership, actor=_actor(request), status=Partnership.Status.ENDED, ended=ended)
    except (TwinningError, forms.forms.ValidationError) as error:
        messages.error(request, _("ended: %(error)s") % {"error": getattr(error, "message", error)})
        return redirect("workbench:partnership", pk=partnership.pk)
    messages.success(request, _("The partnership is marked as ended."))
    return redirect("workbench:partnership", pk=partnership.pk)


# --- activities -----------------------------------------------------------------------------------


def _leg_formset(request: HttpRequest, activity: Activity | None) -> Any:
    initial = []
    if activity is not None:
        initial = [
            {"place": place.pk, "start": start.iso() if start else "", "end": end.iso() if end else "", "note": note}
            for place, start, end, note in activity_legs(activity)
        ]
    # A post without the itinerary section (an older form, a script) leaves the legs alone.
    posted = request.POST if "legs-TOTAL_FORMS" in request.POST else None
    return forms.LegFormSet(posted, prefix="legs", initial=initial)


def _legs_valid(formset: Any) -> bool:
    return not formset.is_bound or formset.is_valid()


def _legs_written(formset: Any) -> Any:
    """The legs to write (in order), or None to leave them as they are."""
    return forms.legs_from(formset) if formset.is_bound else None


def _leg_rows(formset: Any) -> list[dict[str, Any]]:
    """Each leg's form with the place chosen in it (the picker shows it checked)."""
    return [{"form": form, "chosen": _chosen_places(form["place"].value())} for form in formset.forms]


def _activity_form(request: HttpRequest, activity: Activity | None) -> forms.ActivityForm:
    partnerships = partnerships_in_scope(request.user, also_of=activity)
    organizations = activity_organizations(request.user, activity)
    initial: dict[str, Any] = {}
    if activity is not None:
        initial = {
            "title": activity.title,
            "kind": activity.kind,
            "direction": activity.direction,
            "format": activity.format,
            "start": activity.starts.iso() if activity.starts else "",
            "end": activity.ends.iso() if activity.ends else "",
            "venue": activity.venue,
            "place": activity.place_id,
            "partnerships": list(activity.partnerships.all()),
            "topics": list(activity.topics.all()),
            "description": activity.description,
            "outcomes": activity.outcomes,
            "follow_up_of": activity.follow_up_of_id,
            "participant_count": activity.participant_count,
            "participant_count_text": activity.participant_count_text,
        }
        for name, role in forms.ActivityForm.ORG_ROLES.items():
            initial[name] = [link.organization for link in activity.organization_links.all() if link.role == role]
    elif request.GET.get("partnership", "").isdigit():
        initial["partnerships"] = Partnership.objects.filter(pk=int(request.GET["partnership"]))
    activities = activities_in_scope(request.user, besides=activity)
    return forms.ActivityForm(
        request.POST or None,
        initial=initial,
        partnerships=partnerships,
        organizations=organizations,
        activities=activities,
    )


def _chosen_places(values: Any) -> list[Place]:
    if not values:
        return []
    values = values if isinstance(values, list | tuple) else [values]
    pks = [int(v) for v in values if str(v).isdigit()]
    return places_by_pks(pks)


@member_required
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest) -> HttpResponse:
    if not access.memberships(request.user, min_role=OfficeRole.EDITOR) and not access.is_superuser(request.user):
        raise PermissionDenied
    form = _activity_form(request, None)
    legs = _leg_formset(request, None)
    if request.method == "POST" and all([form.is_valid(), _legs_valid(legs)]):
        args = form.service_args()
        editable = _editor_places(request)
        involved = [p.pk for p in ([args["place"]] if args["place"] else [])]
        involved += [m.place_id for pship in args["partnerships"] for m in pship.members.all()]
        involved += [o.seat_id for o, _role in args["organizations"] if o.seat_id]
        if editable is not None and not places_overlap(involved, editable):
            form.add_error(
                None,
                _(
                    "The activity must involve your office: choose one of its partnerships, its place "
                    "or one of its organizations as host or organizer."
                ),
            )
        else:
            try:
                activity = activity_create(actor=_actor(request), legs=_legs_written(legs) or (), **args)
            except TwinningError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Activity %(a)s created.") % {"a": activity})
                return redirect("workbench:activity", pk=activity.pk)
    return render(
        request,
        "workbench/activity_form.html",
        {
            "form": form,
            "title": _("New activity"),
            "chosen_place": _chosen_places(form["place"].value()),
            "legs": legs,
            "leg_rows": _leg_rows(legs),
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _get(Activity, request, pk)
    access.require_change(request.user, activity)
    form = _activity_form(request, activity)
    legs = _leg_formset(request, activity)
    if request.method == "POST" and all([form.is_valid(), _legs_valid(legs)]):
        try:
            activity_update(
                activity=activity,
                actor=_actor(request),
                legs=_legs_written(legs),
                **form.service_args(),
            )
        except TwinningError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("workbench:activity", pk=activity.pk)
    people = people_visible(user=request.user)
    participations = activity_participations_visible(activity, people=people)
    return render(
        request,
        "workbench/activity_form.html",
        {
            "form": form,
            "activity": activity,
            "title": str(activity),
            "editing": True,
            "chosen_place": _chosen_places(form["place"].value()),
            "legs": legs,
            "leg_rows": _leg_rows(legs),
            "participations": participations,
            "participation_form": forms.ParticipationForm(people=people),
        },
    )


@member_required
@require_POST
def participation_new(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _get(Activity, request, pk)
    access.require_change(request.user, activity)
    form = forms.ParticipationForm(request.POST, people=people_visible(user=request.user))
    if form.is_valid():
        participation_add(
            activity=activity, person=form.cleaned_data["person"], role=form.cleaned_data["role"], actor=_actor(request)
        )
        messages.success(request, _("Participant added."))
    else:
        _report(request, form)
    return redirect("workbench:activity", pk=activity.pk)


@member_required
@require_POST
def participation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    participation = participation_get(pk)
    if participation is None or not person_is_visible(participation.person, user=request.user):
        raise Http404
    access.require_change(request.user, participation.activity)
    participation_remove(participation=participation, actor=_actor(request))
    messages.success(request, _("Participant removed."))
    return redirect("workbench:activity", pk=participation.activity_id)


# --- people ---------------------------------------------------------------------------------------


@member_required
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    found = people_in_scope(request.user, min_role=OfficeRole.VIEWER)[:500]
    return render(request, "workbench/people.html", {"people": found})


@member_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    editable = _editor_places(request)
    if editable is not None and not access.memberships(request.user, min_role=OfficeRole.EDITOR):
        raise PermissionDenied
    form = forms.PersonForm(request.POST or None, organizations=_organizations_in_scope(request), creating=True)
    form.fields["visibility"].choices = [(Visibility.INTERNAL, Visibility.INTERNAL.label)]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        office_place = None
        if data["organization"] is None:
            own = access.memberships(request.user, min_role=OfficeRole.EDITOR)
            office_place = own[0].office.places.first() if own else None
            if office_place is None:
                form.add_error("organization", _("Choose the organization the person works for."))
        if not form.errors:
            try:
                person = person_create(
                    name=data["name"],
                    honorific=data["honorific"],
                    visibility=Visibility.INTERNAL,
                    actor=_actor(request),
                )
                role_add(
                    person=person,
                    function=data["function"],
                    organization=data["organization"],
                    place=office_place,
                    is_contact=data["is_contact"],
                    actor=_actor(request),
                )
            except TwinningError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("%(name)s added (internal until consent is recorded).") % {"name": person})
                return redirect("workbench:person", pk=person.pk)
    return render(request, "workbench/form.html", {"form": form, "title": _("New person")})


@member_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(Person, request, pk)
    access.require_change(request.user, person)
    has_consent = person_has_consent(person)
    form = forms.PersonForm(
        request.POST or None,
        initial={
            "name": person.name,
            "honorific": person.honorific,
            "visibility": person.visibility,
            "has_consent": has_consent,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            person_update(
                person=person,
                actor=_actor(request),
                **{k: form.cleaned_data[k] for k in ("name", "honorific", "visibility")},
            )
        except TwinningError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("workbench:person", pk=person.pk)
    return render(
        request,
        "workbench/person.html",
        {
            "person": person,
            "form": form,
            "contact_form": forms.ContactDetailForm(),
            "consent_form": forms.ConsentForm(initial={"on": timezone.localdate()}),
            "contacts": person.contacts.all(),
            "roles": person_roles(person),
            "role_form": forms.RoleForm(organizations=_organizations_in_scope(request), prefix="role"),
            "consents": person_consents(person),
            "can_manage": _is_manager_for(request, person),
        },
    )


# --- roles (a person's functions, editable after the person was created) ----------------------------


def _role_organizations(request: HttpRequest, role: Role | None = None) -> QuerySet[Organization]:
    """The organizations a role may name: the office's own (and the one it names already)."""
    return organizations_in_scope(request.user, also=role.organization if role is not None else None)


@member_required
@require_POST
def role_new(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(Person, request, pk)
    access.require_change(request.user, person)
    form = forms.RoleForm(request.POST, organizations=_role_organizations(request), prefix="role")
    if form.is_valid():
        data = form.cleaned_data
        place = None
        if data["organization"] is None:
            own = access.memberships(request.user, min_role=OfficeRole.EDITOR)
            place = own[0].office.places.first() if own else None
        try:
            role_add(person=person, actor=_actor(request), place=place, **data)
        except TwinningError as error:
            messages.error(request, _("role: %(error)s") % {"error": error.message})
        else:
            messages.success(request, _("Role added."))
    else:
        _report(request, form)
    return redirect("workbench:person", pk=person.pk)


def _role(request: HttpRequest, pk: int) -> Role:
    role = role_get(pk)
    if role is None or not person_is_visible(role.person, user=request.user):
        raise Http404
    access.require_change(request.user, role)
    return role


@member_required
@require_http_methods(["GET", "POST"])
def role_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    starts = PartialDate.from_fields(role.start, role.start_precision)
    ends = PartialDate.from_fields(role.end, role.end_precision)
    form = forms.RoleForm(
        request.POST or None,
        organizations=_role_organizations(request, role),
        initial={
            "function": role.function,
            "organization": role.organization_id,
            "start": starts.iso() if starts else "",
            "end": ends.iso() if ends else "",
            "is_contact": role.is_contact,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            role_update(role=role, actor=_actor(request), **form.cleaned_data)
        except TwinningError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("workbench:person", pk=role.person_id)
    return render(
        request,
        "workbench/role_form.html",
        {"form": form, "role": role, "title": _("Role of %(name)s") % {"name": role.person}},
    )


@member_required
@require_POST
def role_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    role_remove(role=role, actor=_actor(request))
    messages.success(request, _("Role removed."))
    return redirect("workbench:person", pk=role.person_id)


def _is_manager_for(request: HttpRequest, record: Model) -> bool:
    if access.is_superuser(request.user):
        return True
    return access.in_scope(record, access.scope_places(request.user, min_role=OfficeRole.MANAGER)) and bool(
        access.memberships(request.user, min_role=OfficeRole.MANAGER)
    )


def _contact_add(request: HttpRequest, owner: Person | Organization) -> None:
    """Add the posted contact detail to a person or an organization; the outcome as a message."""
    access.require_change(request.user, owner)
    form = forms.ContactDetailForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return
    whose = {"person": owner} if isinstance(owner, Person) else {"organization": owner}
    try:
        contact_detail_add(actor=_actor(request), **whose, **form.cleaned_data)
    except TwinningError as error:
        messages.error(request, _("contact detail: %(error)s") % {"error": error.message})
    else:
        messages.success(request, _("Contact detail added."))


@member_required
@require_POST
def person_contact_new(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(Person, request, pk)
    _contact_add(request, person)
    return redirect("workbench:person", pk=person.pk)


@member_required
@require_POST
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    detail = contact_detail_get(pk)
    if detail is None:
        raise Http404
    access.require_change(request.user, detail)
    owner = detail.person
    contact_detail_remove(detail=detail, actor=_actor(request))
    messages.success(request, _("Contact detail removed."))
    if owner is not None:
        return redirect("workbench:person", pk=owner.pk)
    return redirect("workbench:organization", pk=detail.organization_id)


@member_required
@require_POST
def person_consent(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(Person, request, pk)
    access.require_change(request.user, person)
    form = forms.ConsentForm(request.POST)
    if form.is_valid():
        consent_record(person=person, actor=_actor(request), **form.cleaned_data)
        messages.success(request, _("Consent recorded."))
    else:
        _report(request, form)
    return redirect("workbench:person", pk=person.pk)


@member_required
@require_GET
def person_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(Person, request, pk)
    access.require_change(request.user, person)
    response = JsonResponse(person_export(person), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@member_required
@require_http_methods(["GET", "POST"])
def person_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(Person, request, pk)
    access.require_change(request.user, person)
    if not _is_manager_for(request, person):
        raise PermissionDenied(_("Only a manager may erase a person."))
    if request.method == "POST":
        if request.POST.get("confirm") != "erase":
            messages.error(request, _("confirm: tick the box to erase the person."))
        else:
            person_erase(person=person, actor=_actor(request))
            messages.success(request, _("The person's data has been erased."))
            return redirect("workbench:people")
    return render(request, "workbench/person_erase.html", {"person": person})


# --- organizations --------------------------------------------------------------------------------


@member_required
@require_GET
def organizations(request: HttpRequest) -> HttpResponse:
    found = organizations_in_scope(request.user, min_role=OfficeRole.VIEWER)[:500]
    return render(request, "workbench/organizations.html", {"organizations": found})


def _seats(request: HttpRequest) -> QuerySet[Place]:
    return organization_seats(request.user)


@member_required
@require_http_methods(["GET", "POST"])
def organization_new(request: HttpRequest) -> HttpResponse:
    if not access.memberships(request.user, min_role=OfficeRole.EDITOR) and not access.is_superuser(request.user):
        raise PermissionDenied
    form = forms.OrganizationForm(request.POST or None, seats=_seats(request))
    if request.method == "POST" and form.is_valid():
        try:
            organization = organization_create(actor=_actor(request), **form.cleaned_data)
        except TwinningError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("%(name)s added.") % {"name": organization})
            return redirect("workbench:organization", pk=organization.pk)
    return render(request, "workbench/form.html", {"form": form, "title": _("New organization")})


@member_required
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _get(Organization, request, pk)
    access.require_change(request.user, organization)
    fields = ("name", "short_name", "kind", "seat", "website", "description")
    form = forms.OrganizationForm(
        request.POST or None, initial={f: getattr(organization, f) for f in fields}, seats=_seats(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            organization_update(organization=organization, actor=_actor(request), **form.cleaned_data)
        except TwinningError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("workbench:organization", pk=organization.pk)
    return render(
        request,
        "workbench/organization.html",
        {
            "form": form,
            "title": str(organization),
            "record": organization,
            "history_kind": "organization",
            "contacts": organization.contacts.all(),
            "contact_form": forms.ContactDetailForm(),
        },
    )


@member_required
@require_POST
def organization_contact_new(request: HttpRequest, pk: int) -> HttpResponse:
    """An organization's e-mail, phone, room, address or web page, public or internal."""
    organization = _get(Organization, request, pk)
    _contact_add(request, organization)
    return redirect("workbench:organization", pk=organization.pk)


# --- articles -------------------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest, office: str) -> HttpResponse:
    """Paste or upload a press release: it is archived, extracted, and its facts wait in the review queue."""
    from twinning.press.ingest import article_ingest

    found = _office(request, office, OfficeRole.EDITOR)
    form = forms.ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw: bytes | str = upload.read() if upload else form.cleaned_data["text"]
        name = upload.name if upload else _("pasted text")
        try:
            outcome = article_ingest(
                raw=raw,
                name=name,
                actor=_actor(request),
                published=form.cleaned_data["published"],
                publisher=found.places.first(),
            )
        except TwinningError as error:
            form.add_error("file" if upload else "text", error.message)
        else:
            if outcome.created or outcome.adopted:
                messages.success(
                    request,
                    _("%(title)s archived; %(n)s suggestions wait in the review queue.")
                    % {"title": outcome.article.title, "n": outcome.suggestions},
                )
            else:
                messages.info(request, _("This press release is archived already."))
            return redirect("workbench:dashboard", office=found.slug)
    return render(
        request,
        "workbench/form.html",
        {"form": form, "title": _("Add a press release"), "office": found, "multipart": True},
    )


# --- history --------------------------------------------------------------------------------------

HISTORY_MODELS: dict[str, type[Model]] = {
    "partnership": Partnership,
    "activity": Activity,
    "person": Person,
    "organization": Organization,
}


@member_required
@require_GET
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Who changed what and when, field by field, from the audit trail."""
    model = HISTORY_MODELS.get(kind)
    if model is None:
        raise Http404
    record = _get(model, request, pk)
    rows = audit_history(record)[:500]
    return render(request, "workbench/history.html", {"record": record, "kind": kind, "rows": rows})


# --- invitations (no login: the link is the credential) ----------------------------------------


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_get(token)
    if invitation is None:
        return render(request, "registration/invitation_invalid.html", status=404)
    form = forms.AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(
                invitation=invitation, username=form.cleaned_data["username"], password=form.cleaned_data["password1"]
            )
        except TwinningError as error:
            field = "username" if error.message.startswith("username") else "password1"
            form.add_error(field, error.message.partition(": ")[2] or error.message)
        else:
            messages.success(request, _("Welcome! Log in with your new password."))
            return redirect("login")
    return render(request, "registration/accept_invitation.html", {"form": form, "invitation": invitation})


# --- soft delete and restore ----------------------------------------------------------------------

DELETABLE: dict[str, type[Model]] = {"activity": Activity, "person": Person, "organization": Organization}


@member_required
@require_POST
def record_delete_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Delete softly (a partnership is marked ended instead): a manager can restore it."""
    from twinning.offices.trash import record_delete

    model = DELETABLE.get(kind)
    if model is None:
        raise Http404
    record = _get(model, request, pk)
    access.require_change(request.user, record)
    own = access.memberships(request.user, min_role=OfficeRole.EDITOR)
    office = next((m.office for m in own if access.in_scope(record, access.office_places(m.office))), None)
    record_delete(record=record, actor=_actor(request), office=office)
    messages.success(request, _("%(record)s deleted; a manager can restore it.") % {"record": record})
    return redirect("workbench:dashboard", office=office.slug) if office else redirect("workbench:home")


@member_required
@require_GET
def trash(request: HttpRequest, office: str) -> HttpResponse:
    found = _office(request, office, OfficeRole.MANAGER)
    deletions = office_deletions(found)
    return render(request, "workbench/trash.html", {"office": found, "deletions": deletions[:200]})


@member_required
@require_POST
def restore(request: HttpRequest, office: str, pk: int) -> HttpResponse:
    from twinning.offices.trash import record_restore

    found = _office(request, office, OfficeRole.MANAGER)
    deletion = office_deletion(found, pk)
    if deletion is None:
        raise Http404
    try:
        record_restore(deletion=deletion, actor=_actor(request))
    except TwinningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(record)s restored.") % {"record": deletion.object_repr})
    return redirect("workbench:trash", office=found.slug)
