"""The organizing office's side, in the workbench (/manage/exchanges/): registration settings, the
participant list, adding by hand, importing a CSV/XLSX list, and the check-in per day. Participants
are the organizing office's personal data: everyone else gets 404 (`exchanges.access`)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from twinning.activities.models import Activity
from twinning.core.errors import TwinningError
from twinning.core.services import Actor
from twinning.offices import access as office_access
from twinning.offices.models import Role as OfficeRole

from . import access, selectors
from .forms import ImportForm, OfficeParticipantForm, SettingsForm, participant_initial
from .importing import participants_import
from .models import DEFAULT_RETENTION_YEARS, Field, ParticipantRole, Registration, RegistrationSettings
from .services import (
    attendance_set,
    registration_cancel,
    registration_create,
    registration_settings_set,
    registration_update,
)


def _actor(request: HttpRequest) -> Actor:
    return Actor(via="web:workbench", user=request.user)


def _activity(pk: int) -> Activity:
    activity = Activity.objects.filter(pk=pk).select_related("place").first()
    if activity is None:
        raise Http404
    return activity


def _office_required(request: HttpRequest) -> None:
    if not (office_access.is_superuser(request.user) or office_access.memberships(request.user)):
        raise PermissionDenied(_("You are not a member of any office."))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _office_required(request)
    user = request.user
    superuser = office_access.is_superuser(user)
    office_ids = None if superuser else [m.office_id for m in office_access.memberships(user)]
    places = office_access.scope_places(user, min_role=OfficeRole.EDITOR)
    can_open = office_access.is_superuser(user) or bool(office_access.memberships(user, min_role=OfficeRole.EDITOR))
    return render(
        request,
        "exchanges/office/index.html",
        {
            "registrations": selectors.settings_of_offices(office_ids),
            "candidates": selectors.activities_without_registration(places) if can_open else [],
        },
    )


def _editor_offices(request: HttpRequest) -> list[Any]:
    if office_access.is_superuser(request.user):
        from twinning.offices.selectors import offices_for_user

        return list(offices_for_user(request.user))
    return access.offices_organizing(request.user)


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Open registration for an activity (an editor whose office's scope involves it), or change the
    settings (members of the organizing office only)."""
    _office_required(request)
    activity = _activity(pk)
    current = selectors.registration_settings(activity)
    if current is None:
        if not office_access.can_change(request.user, activity):
            raise Http404
    else:
        access.require_participants(request.user, activity, min_role=OfficeRole.EDITOR)
    offices = _editor_offices(request)
    if current is not None and current.office not in offices:
        offices = [current.office, *offices]
    if not offices:
        raise PermissionDenied
    initial: dict[str, Any] = {"asked": list(Field.values), "retention_years": DEFAULT_RETENTION_YEARS}
    if current is not None:
        initial = {
            "office": str(current.office_id),
            "is_open": current.is_open,
            "capacity": current.capacity,
            "asked": current.fields,
            "intro": current.intro,
            "retention_years": current.retention_years,
        }
    form = SettingsForm(request.POST or None, initial=initial, offices=offices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration_settings_set(
                activity=activity,
                office=form.offices[data["office"]],
                actor=_actor(request),
                is_open=data["is_open"],
                capacity=data["capacity"],
                fields=data["asked"],
                intro=data["intro"],
                retention_years=data["retention_years"],
            )
        except TwinningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Registration settings saved."))
            return redirect("exchanges_office:participants", pk=activity.pk)
    return render(
        request,
        "exchanges/office/form.html",
        {"form": form, "activity": activity, "title": _("Registration: %(activity)s") % {"activity": activity}},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    settings = access.require_participants(request.user, activity)
    status = request.GET.get("status", "")
    statuses = [status] if status in Registration.Status.values else list(Registration.Status.values)
    rows = selectors.participants(activity, statuses=statuses)
    return render(
        request,
        "exchanges/office/participants.html",
        {
            "settings": settings,
            "activity": activity,
            "rows": rows,
            "status": status,
            "statuses": Registration.Status.choices,
            "registered": selectors.registered_count(activity),
            "waiting": selectors.waiting_list(activity).count(),
            "by_country": selectors.counts_by_country(activity),
            "by_role": [(ParticipantRole(role).label, n) for role, n in selectors.counts_by_role(activity).items()],
            "by_day": sorted(selectors.counts_by_day(activity).items()),
            "attended": selectors.attendance_by_day(activity),
            "abroad": selectors.invited_from_abroad(activity).count(),
            "can_edit": access.can_see_participants(request.user, settings, min_role=OfficeRole.EDITOR),
            "public_url": request.build_absolute_uri(reverse("exchanges:register", kwargs={"slug": activity.slug})),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    settings = access.require_participants(request.user, activity, min_role=OfficeRole.EDITOR)
    form = OfficeParticipantForm(request.POST or None, settings=settings)
    if request.method == "POST" and form.is_valid():
        cancel_url = request.build_absolute_uri(reverse("exchanges:cancel", kwargs={"token": "TOKEN"}))
        try:
            done = registration_create(
                activity=activity,
                data=form.leader(language=translation.get_language() or "de"),
                actor=_actor(request),
                channel=Registration.Channel.OFFICE,
                cancel_url=cancel_url.replace("TOKEN", "{token}"),
            )
        except TwinningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s added (%(status)s).")
                % {"name": done.registration.name, "status": done.registration.get_status_display()},
            )
            return redirect("exchanges_office:participants", pk=activity.pk)
    return render(
        request,
        "exchanges/office/form.html",
        {"form": form, "activity": activity, "title": _("Add a participant")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_edit(request: HttpRequest, pk: int, registration: int) -> HttpResponse:
    """Correct a participant's details (editors of the organizing office; 404 for anyone else)."""
    activity = _activity(pk)
    settings = access.require_participants(request.user, activity, min_role=OfficeRole.EDITOR)
    found = selectors.registration_in(activity, registration)
    if found is None:
        raise Http404
    form = OfficeParticipantForm(request.POST or None, settings=settings, initial=participant_initial(found))
    if request.method == "POST" and form.is_valid():
        data = form.leader(language="")  # the participant's language stays
        try:
            registration_update(registration=found, data=data, actor=_actor(request))
        except TwinningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(name)s saved.") % {"name": f"{data.given_name} {data.family_name}".strip()})
            return redirect("exchanges_office:participants", pk=activity.pk)
    return render(
        request,
        "exchanges/office/form.html",
        {"form": form, "activity": activity, "title": _("Edit participant: %(name)s") % {"name": found.name}},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_import(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    access.require_participants(request.user, activity, min_role=OfficeRole.EDITOR)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = get_valid_filename(upload.name or "upload.csv")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                result = participants_import(activity=activity, path=path, actor=_actor(request), name=name)
            except TwinningError as error:
                form.add_error("file", str(error))
            else:
                messages.success(
                    request,
                    _("%(registered)s participants imported, %(waiting)s on the waiting list.")
                    % {"registered": result.registered, "waiting": result.waiting},
                )
                return redirect("exchanges_office:participants", pk=activity.pk)
    return render(
        request,
        "exchanges/office/form.html",
        {"form": form, "activity": activity, "title": _("Import participants"), "multipart": True},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def participant_cancel(request: HttpRequest, pk: int, registration: int) -> HttpResponse:
    activity = _activity(pk)
    access.require_participants(request.user, activity, min_role=OfficeRole.EDITOR)
    found = selectors.registration_in(activity, registration)
    if found is None:
        raise Http404
    try:
        promoted = registration_cancel(registration=found, actor=_actor(request))
    except TwinningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s cancelled.") % {"name": found.name})
        for person in promoted:
            messages.info(request, _("%(name)s moved up from the waiting list.") % {"name": person.name})
    return redirect("exchanges_office:participants", pk=activity.pk)


def _day(settings: RegistrationSettings, value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as error:
        raise Http404 from error
    if settings.days and day not in settings.days:
        raise Http404
    return day


@login_required
def checkin(request: HttpRequest, pk: int, day: str) -> HttpResponse:
    """The check-in list of a day: search by name, tick. Built for a phone; htmx swaps rows in place."""
    activity = _activity(pk)
    settings = access.require_participants(request.user, activity, min_role=OfficeRole.EDITOR)
    chosen = _day(settings, day)
    query = request.GET.get("q", "").strip()[:100]
    rows = selectors.checkin_rows(activity, day=chosen, query=query)
    context = {
        "settings": settings,
        "activity": activity,
        "day": chosen,
        "days": settings.days,
        "rows": rows,
        "query": query,
        "present": sum(1 for _row, ticked in rows if ticked),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "exchanges/office/_checkin_rows.html", context)
    return render(request, "exchanges/office/checkin.html", context)


@login_required
@require_POST
def checkin_tick(request: HttpRequest, pk: int, day: str, registration: int) -> HttpResponse:
    activity = _activity(pk)
    settings = access.require_participants(request.user, activity, min_role=OfficeRole.EDITOR)
    chosen = _day(settings, day)
    found = selectors.registration_in(activity, registration)
    if found is None:
        raise Http404
    present = request.POST.get("present") == "1"
    try:
        attendance_set(registration=found, day=chosen, present=present, actor=_actor(request))
    except TwinningError as error:
        if request.headers.get("HX-Request") == "true":
            return HttpResponse(error.message, status=409)
        messages.error(request, error.message)
    query = request.POST.get("q", "").strip()[:100]
    if request.headers.get("HX-Request") == "true":
        rows = selectors.checkin_rows(activity, day=chosen, query=query)
        context = {
            "activity": activity,
            "day": chosen,
            "registration": found,
            "ticked": present,
            "query": query,
            "rows": rows,
            "count_oob": True,  # the count above the list is swapped in too (hx-swap-oob)
            "present": sum(1 for _row, ticked in rows if ticked),
        }
        return render(request, "exchanges/office/_checkin_row.html", context)
    url = reverse("exchanges_office:checkin", kwargs={"pk": activity.pk, "day": chosen.isoformat()})
    return redirect(f"{url}?q={query}" if query else url)
