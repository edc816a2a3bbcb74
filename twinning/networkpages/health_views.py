"""The coordinators' overview: how lively the partnerships of a country are, dormant ones first,
those without records last (neutrally: nothing recorded is not "dormant")."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from twinning.core.invalidation import cached
from twinning.network.health import DORMANT, LIVELY, NO_RECORDS, QUIET, health_for_partnerships, health_ranking
from twinning.partnerships.selectors import countries_with_partnerships, partnership_ids_in_country, partnerships_by_pks
from twinning.places.models import Country
from twinning.places.selectors import by_display_name

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
    ranked = cached("health-overview", lambda: _ranked(country), country, date.today())
    counts = {s: len(ranked[s]) for s in STATUSES}
    chosen: Sequence[int] = ranked[status] if status else _Concatenated([ranked[s] for s in STATUSES])
    page = Paginator(chosen, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    partnerships = partnerships_by_pks(ids)
    health = health_for_partnerships([partnerships[pk] for pk in ids if pk in partnerships])
    rows = [(partnerships[pk], health[pk]) for pk in ids if pk in partnerships]
    return render(
        request,
        "network/health_overview.html",
        {
            "country": Country.objects.get(code=country),
            "countries": by_display_name(cached("health-countries", _countries)),  # sorted per language
            "status": status,
            "counts": counts,
            "total": sum(counts.values()),
            "page": page,
            "rows": rows,
        },
    )


def _ranked(country: str) -> dict[str, array[int]]:
    """The ids of the country's partnerships per status, in the overview's order (lower scores
    first): dormant, quiet, lively, then those with nothing recorded. Arrays of ids, because the
    cache pickles them on every read (an array is one block of bytes, a list a hundred thousand
    objects)."""
    known = health_ranking()
    ids = partnership_ids_in_country(country)
    by_status: dict[str, list[tuple[int, int]]] = {s: [] for s in STATUSES}
    for pk in ids.iterator(chunk_size=10_000):
        status, score = known.get(pk, (NO_RECORDS, 0))
        by_status[status].append((score, pk))
    return {status: array("q", (pk for _score, pk in sorted(rows))) for status, rows in by_status.items()}


class _Concatenated(Sequence[int]):
    """Several id arrays read as one sequence (what the paginator slices), without copying them."""

    def __init__(self, parts: list[array[int]]) -> None:
        self.parts = parts

    def __len__(self) -> int:
        return sum(len(p) for p in self.parts)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            start, stop, _step = index.indices(len(self))
            found: list[int] = []
            for part in self.parts:
                if stop > 0 and start < len(part):
                    found.extend(part[max(start, 0) : stop])
                start -= len(part)
                stop -= len(part)
            return found
        if index < 0:
            index += len(self)
        for part in self.parts:
            if index < len(part):
                return part[index]
            index -= len(part)
        raise IndexError(index)


def _countries() -> list[Country]:
    return countries_with_partnerships()
