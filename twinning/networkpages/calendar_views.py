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


def _response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_all(request: HttpRequest) -> HttpResponse:
    today = date.today()
    found = anniversary_list(start=today, end=today + timedelta(days=ALL_DAYS))
    domain = request.get_host().split(":")[0] or "twinning"
    events = [anniversary_event(a, domain=domain) for a in found]
    return _response(calendar(events, name=_("Partnership anniversaries")), "anniversaries.ics")


def calendar_place(request: HttpRequest, geonameid: int) -> HttpResponse:
    place = get_object_or_404(Place, geonameid=geonameid)
    today = date.today()
    found = anniversary_list(start=today, end=today + timedelta(days=PLACE_DAYS), place=place)
    domain = request.get_host().split(":")[0] or "twinning"
    events = [anniversary_event(a, domain=domain) for a in found]
    name = _("Partnership anniversaries of %(place)s") % {"place": place.name}
    return _response(calendar(events, name=name), f"anniversaries-{geonameid}.ics")
