"""iCalendar feeds of dated activities: a place's, a partnership's, a programme's, an office's.
Activities are public records; the feeds carry no people."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from twinning.activities.selectors import activities_for_partnership, activities_for_place, programme_get
from twinning.offices.selectors import office_activities, office_get
from twinning.partnerships.selectors import partnership_get, partnership_title
from twinning.places.models import Place

from .calendars import activities_calendar


def _feed(request: HttpRequest, activities: Any, *, name: str, filename: str) -> HttpResponse:
    domain = request.get_host().split(":")[0] or "twinning"
    body = activities_calendar(activities, name=name, absolute=request.build_absolute_uri, domain=domain)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def place_activities(request: HttpRequest, geonameid: int) -> HttpResponse:
    place = Place.objects.filter(geonameid=geonameid).first()
    if place is None:
        raise Http404(_("No such place."))
    name = _("Activities of %(place)s") % {"place": place.display_name}
    return _feed(request, activities_for_place(place), name=name, filename=f"activities-{geonameid}.ics")


@require_GET
def partnership_activities(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = partnership_get(pk=pk)
    if partnership is None:
        raise Http404(_("No such partnership."))
    name = _("Activities of the partnership %(title)s") % {"title": partnership_title(partnership)}
    return _feed(request, activities_for_partnership(partnership), name=name, filename=f"partnership-{pk}.ics")


@require_GET
def programme_activities(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    if programme is None:
        raise Http404(_("No such programme."))
    name = _("Activities of %(programme)s") % {"programme": programme.name}
    return _feed(request, programme.activities.all(), name=name, filename=f"programme-{slug}.ics")


@require_GET
def office_activities_feed(request: HttpRequest, slug: str) -> HttpResponse:
    office = office_get(slug=slug)
    if office is None:
        raise Http404(_("No such office."))
    name = _("Activities of %(office)s") % {"office": office.name}
    return _feed(request, office_activities(office, limit=None), name=name, filename=f"office-{slug}.ics")
