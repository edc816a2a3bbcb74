"""The coordinators' overview: how lively the partnerships of a country are, dormant ones first,
those without records last (neutrally: nothing recorded is not "dormant")."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from twinning.network.health import DORMANT, LIVELY, NO_RECORDS, QUIET, Health, health_score, health_with_evidence
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Country

PAGE_SIZE = 100
STATUSES = (DORMANT, QUIET, LIVELY, NO_RECORDS)


def health_overview(request: HttpRequest) -> HttpResponse:
    country = (request.GET.get("country") or "DE").upper()
    status = request.GET.get("status") or ""
    if not Country.objects.filter(code=country).exists():
        return HttpResponse(_("Unknown country code %(code)s.") % {"code": country}, status=400)
    if status and status not in STATUSES:
        return HttpResponse(_("Unknown status %(status)s.") % {"status": status}, status=400)
    ids = list(
        Partnership.objects.filter(
            pk__in=PartnershipMember.objects.filter(place__country_id=country).values("partnership_id")
        ).values_list("pk", flat=True)
    )
    known = health_with_evidence()
    none = health_score([], today=None)  # type: ignore[arg-type]
    health: dict[int, Health] = {pk: known.get(pk, none) for pk in ids}
    counts = {s: 0 for s in STATUSES}
    for h in health.values():
        counts[h.status] += 1
    chosen = [pk for pk in ids if not status or health[pk].status == status]
    chosen.sort(key=lambda pk: (STATUSES.index(health[pk].status), health[pk].score or 0, pk))
    page = Paginator(chosen, PAGE_SIZE).get_page(request.GET.get("page"))
    members = Prefetch("members", queryset=PartnershipMember.objects.select_related("place__country"))
    partnerships = Partnership.objects.prefetch_related(members).in_bulk(list(page.object_list))
    rows = [(partnerships[pk], health[pk]) for pk in page.object_list]
    return render(
        request,
        "network/health_overview.html",
        {
            "country": Country.objects.get(code=country),
            "countries": Country.objects.filter(
                code__in=PartnershipMember.objects.values("place__country_id")
            ).order_by("name"),
            "status": status,
            "counts": counts,
            "total": len(ids),
            "page": page,
            "rows": rows,
        },
    )
