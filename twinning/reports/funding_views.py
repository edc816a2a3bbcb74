"""The funder's pages of an activity: in the workbench for the organizing office (eligibility,
signature lists, programme, participants per country, funder CSV; 404 for anyone else), and the
public report for the council's website (counts; names only with consent)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from twinning.activities.models import Activity
from twinning.core.errors import TwinningError
from twinning.core.services import Actor
from twinning.exchanges.access import require_participants, settings_of
from twinning.exchanges.selectors import public_summary
from twinning.offices.models import Role as OfficeRole

from .council import country_label
from .documents import dates_line, funder_csv, invited_towns, programme_pdf, signature_list_pdf
from .eligibility import DEFAULT_PROGRAMME, Eligibility, attendees, eligibility_for_activity
from .forms import FundingForm
from .selectors import funding_of
from .services import funding_set


def _activity(pk: int) -> Activity:
    found = Activity.objects.select_related("place__country").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _eligibility(request: HttpRequest, activity: Activity) -> Eligibility:
    """The activity's eligibility; if its programme's file has gone, CERV's, with a message saying so."""
    try:
        return eligibility_for_activity(activity)
    except TwinningError as error:
        messages.error(request, error.message)
        return eligibility_for_activity(activity, programme=DEFAULT_PROGRAMME)


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def funding(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    require_participants(request.user, activity)
    current = funding_of(activity)
    form = FundingForm(
        request.POST if request.method == "POST" else None,
        initial={"programme": current.programme if current else "", "reference": current.reference if current else ""},
    )
    if request.method == "POST":
        require_participants(request.user, activity, min_role=OfficeRole.EDITOR)
        if form.is_valid():
            try:
                funding_set(
                    activity=activity,
                    programme=form.cleaned_data["programme"],
                    reference=form.cleaned_data["reference"],
                    actor=Actor(user=request.user, via="web"),
                )
            except TwinningError as error:
                form.add_error("programme", error.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("reports:funding", pk=activity.pk)
    result = _eligibility(request, activity)
    found = attendees(activity)
    towns = invited_towns(found, host_country=result.figures.host_country)
    return render(
        request,
        "reports/funding.html",
        {
            "activity": activity,
            "form": form,
            "chosen": current,
            "result": result,
            "countries": [(country_label(code), n) for code, n in result.figures.by_country.items()],
            "per_day": [(day, n, result.figures.per_day_checked_in[day]) for day, n in result.figures.per_day.items()],
            "towns": towns,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def signature_list(request: HttpRequest, pk: int, town: str) -> HttpResponse:
    activity = _activity(pk)
    require_participants(request.user, activity)
    result = _eligibility(request, activity)
    found = [t for t in invited_towns(attendees(activity), host_country=result.figures.host_country) if t.key == town]
    if not found:
        raise Http404(_("Nobody was invited from this town."))
    return _pdf(signature_list_pdf(activity, result.programme, found[0]), f"signatures-{found[0].key}.pdf")


@login_required
@require_GET
def programme_document(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    require_participants(request.user, activity)
    result = _eligibility(request, activity)
    return _pdf(programme_pdf(activity, result.programme), f"programme-{activity.slug}.pdf")


@login_required
@require_GET
def funder_list(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    require_participants(request.user, activity)
    response = HttpResponse(funder_csv(activity, _eligibility(request, activity)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="participants-{activity.slug}.csv"'
    return response


@require_GET
def activity_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The report for the council's website: participants per country and per day; names only of
    those who consented to appear."""
    activity = Activity.objects.select_related("place__country").filter(slug=slug).first()
    if activity is None or settings_of(activity) is None:
        raise Http404
    summary = public_summary(activity)
    result = _eligibility(request, activity)
    return render(
        request,
        "reports/activity_public.html",
        {
            "activity": activity,
            "summary": summary,
            "dates": dates_line(activity),
            "figures": result.figures,
            "countries": [(country_label(code), n) for code, n in summary.countries],
            "per_day": list(result.figures.per_day.items()),
        },
    )
