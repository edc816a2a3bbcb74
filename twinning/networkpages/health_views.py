"""The coordinators' overview: how lively the partnerships of a country are, dormant ones first,
those without records last (neutrally: nothing recorded is not "dormant")."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from twinning.core.invalidation import cached
from twinning.network.health import DORMANT, LIVELY, NO_RECORDS, QUIET, Health, health_score, health_with_evidence
from twinning.partnerships.selectors import countries_with_partnerships, partnership_ids_in_country, partnerships_by_pks
from twinning.places.models import Country

PAGE_SIZE = 50
STATUSES = (DORMANT, QUIET, LIVELY, NO_RECORDS)


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 page naming the bad parameter; the message holds request data, so only a template
    (which escapes it) turns it into HTML."""
    return render(request, "portal/bad_request.html", {"message": message}, status=400)


def health_overview(request: HttpRequest) -> HttpResponse:
    country = (request.GET.get("country") or "DE").upper()
    status = request.GET.get("status") or ""
    if not Country.objects.filter(code=country).exists():
        return _bad_request(request, _("Unknown country code %(code)s.") % {"code": country})
    if status and status not in STATUSES:
        return _bad_request(request, _("Unknown status %(status)s.") % {"status": status})
    known = health_with_evidence()
    ranked = cached("health-overview", lambda: _ranked(country, known), country)
    counts = {s: 0 for s in STATUSES}
    for _pk, found in ranked:
        counts[found] += 1
    chosen = [pk for pk, found in ranked if not status or found == status]
    page = Paginator(chosen, PAGE_SIZE).get_page(request.GET.get("page"))
    partnerships = partnerships_by_pks(list(page.object_list))
    nothing = health_score([], today=date.today())
    rows = [(partnerships[pk], known.get(pk, nothing)) for pk in page.object_list]
    return render(
        request,
        "network/health_overview.html",
        {
            "country": Country.objects.get(code=country),
            "countries": cached("health-countries", _countries),
            "status": status,
            "counts": counts,
            "total": len(ranked),
            "page": page,
            "rows": rows,
        },
    )


def _ranked(country: str, known: dict[int, Health]) -> list[tuple[int, str]]:
    """(partnership id, status) of the country's partnerships: dormant first, then quiet, lively
    and those with nothing recorded; lower scores first."""
    ids = partnership_ids_in_country(country)
    status = {pk: known[pk].status if pk in known else NO_RECORDS for pk in ids}
    order = sorted(
        status, key=lambda pk: (STATUSES.index(status[pk]), (known[pk].score or 0) if pk in known else 0, pk)
    )
    return [(pk, status[pk]) for pk in order]


def _countries() -> list[Country]:
    return countries_with_partnerships()
