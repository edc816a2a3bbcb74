"""iCalendar feeds of partnership anniversaries: all upcoming ones, and one place's."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from twinning.network.anniversaries import anniversary_list
from twinning.network.ical import anniversary_event, calendar
from twinning.places.models import Place

ALL_DAYS = 365  # the global feed: the next 12 months
PLACE_DAYS = 10 * 365  # a place's feed: the next ten years (two anniversaries of each partnership)


def _feed(request: HttpRequest, *, days: int, name: str, filename: str, place: Place | None = None) -> HttpResponse:
    """The anniversaries of the next `days` days (of one place) as an iCalendar file."""
    today = date.today()
    found = anniversary_list(start=today, end=today + timedelta(days=days), place=place)
    domain = request.get_host().split(":")[0] or "twinning"
    body = calendar([anniversary_event(a, domain=domain) for a in found], name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_all(request: HttpRequest) -> HttpResponse:
    return _feed(request, days=ALL_DAYS, name=_("Partnership anniversaries"), filename="anniversaries.ics")


def calendar_place(request: HttpRequest, geonameid: int) -> HttpResponse:
    place = get_object_or_404(Place, geonameid=geonameid)
    name = _("Partnership anniversaries of %(place)s") % {"place": place.name}
    return _feed(request, days=PLACE_DAYS, name=name, filename=f"anniversaries-{geonameid}.ics", place=place)
