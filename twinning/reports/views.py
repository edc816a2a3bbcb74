"""Report pages: the council report (public for a place, in the workbench for an office) as a page,
a PDF and a CSV. Thin: find the scope, call `council.council_report`, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from twinning.offices.access import require_office_role
from twinning.offices.models import Role as OfficeRole
from twinning.offices.selectors import office_get
from twinning.places.selectors import place_get_by_geonameid
from twinning.topics.models import Topic

from .council import CouncilReport, Scope, council_report, country_label, scope_for_office, scope_for_place
from .council_pdf import council_pdf, status_label
from .exports import council_csv

YEARS = range(1900, 2201)
SECTORS = dict(Topic.Sector.choices)


def _year(year: int) -> int:
    if year not in YEARS:
        raise Http404(_("No report for the year %(year)s.") % {"year": year})
    return year


def _render(request: HttpRequest, report: CouncilReport, *, fmt: str, base: str, links: dict[str, str]) -> HttpResponse:
    filename = f"report-{report.year}"
    if fmt == "pdf":
        response = HttpResponse(council_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response
    if fmt == "csv":
        response = HttpResponse(council_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    countries = [(country_label(code), n) for code, n in report.participants_by_country.items()]
    partnerships = [(row, status_label(row.status)) for row in report.partnerships]
    anniversaries = [(a, report.anniversary_title(a)) for a in report.anniversaries]
    sectors = [(str(SECTORS.get(sector, sector)), n) for sector, n in report.by_sector.items()]
    return render(
        request,
        "reports/council.html",
        {
            "report": report,
            "base": base,
            "countries": countries,
            "sectors": sectors,
            "partnership_rows": partnerships,
            "anniversary_rows": anniversaries,
            "next_year": report.year + 1,
            "links": links,
        },
    )


@require_GET
def council_public(request: HttpRequest, geonameid: int, year: int, fmt: str = "html") -> HttpResponse:
    """A place's council report for its website: counts only, nothing personal."""
    place = place_get_by_geonameid(geonameid)
    if place is None:
        raise Http404(_("No such place."))
    scope: Scope = scope_for_place(place)
    report = council_report(scope, year=_year(year))
    return _render(request, report, fmt=fmt, base="portal/base.html", links=_links("reports:council", geonameid, year))


@login_required
@require_GET
def council_office(request: HttpRequest, office: str, year: int, fmt: str = "html") -> HttpResponse:
    """An office's council report over all its places (members of the office only)."""
    found = office_get(slug=office)
    if found is None:
        raise Http404(_("No such office."))
    require_office_role(request.user, found, OfficeRole.VIEWER)
    report = council_report(scope_for_office(found), year=_year(year))
    return _render(
        request, report, fmt=fmt, base="workbench/base.html", links=_links("reports:office_council", office, year)
    )


def _links(name: str, key: int | str, year: int) -> dict[str, str]:
    return {
        "pdf": reverse(f"{name}_pdf", args=[key, year]),
        "csv": reverse(f"{name}_csv", args=[key, year]),
        "previous": reverse(name, args=[key, year - 1]),
        "next": reverse(name, args=[key, year + 1]),
    }
