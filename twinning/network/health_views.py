"""The coordinators' overview: how lively the partnerships of a country are, dormant ones first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from twinning.partnerships.models import Partnership
from twinning.places.models import Country

from .health import DORMANT, LIVELY, QUIET, health_for_partnerships

PAGE_SIZE = 100
STATUSES = (DORMANT, QUIET, LIVELY)


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 page naming the bad parameter; the message holds request data, so only a template
    (which escapes it) turns it into HTML."""
    return render(
        request,
        "portal/bad_request.html",
        {"message": message, "back_url": reverse("health:overview"), "back_label": _("Back to the overview")},
        status=400,
    )


def health_overview(request: HttpRequest) -> HttpResponse:
    country = (request.GET.get("country") or "DE").upper()
    status = request.GET.get("status") or ""
    if not Country.objects.filter(code=country).exists():
        return _bad_request(request, _("Unknown country code %(code)s.") % {"code": country})
    if status and status not in STATUSES:
        return _bad_request(
            request,
            _("Unknown status %(status)s: use %(choices)s.") % {"status": status, "choices": ", ".join(STATUSES)},
        )
    partnerships = list(
        Partnership.objects.filter(members__place__country_id=country)
        .distinct()
        .prefetch_related("members__place__country")
        .order_by("pk")
    )
    health = health_for_partnerships(partnerships)
    rows = [(p, health[p.pk]) for p in partnerships if not status or health[p.pk].status == status]
    rows.sort(key=lambda row: (STATUSES.index(row[1].status), row[1].score, str(row[0])))
    counts = {s: sum(1 for h in health.values() if h.status == s) for s in STATUSES}
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/health_overview.html",
        {
            "country": Country.objects.get(code=country),
            "countries": Country.objects.filter(places__partnership_memberships__isnull=False).distinct(),
            "status": status,
            "counts": counts,
            "total": len(partnerships),
            "page": page,
        },
    )
