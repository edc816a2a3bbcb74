"""Portal pages: thin views that call selectors and render templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache as cache_once
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from twinning.activities.selectors import (
    activities_by_ids,
    activities_for_partnership,
    activity_get,
    activity_ids_for_place,
    activity_list,
    organization_activity_links,
    organization_programme_links,
    organizations_by_role,
    person_participations,
    programme_get,
)
from twinning.core.dates import PartialDate
from twinning.core.invalidation import cached
from twinning.core.selectors import citations_for
from twinning.directory.access import person_is_visible
from twinning.directory.selectors import contacts_for_place, organization_get, organizations_seated_at, person_get
from twinning.exports import linked_data
from twinning.network.health import DORMANT, health_for_partnerships, partnership_health
from twinning.offices.selectors import offices_for_place
from twinning.partnerships.selectors import partnership_sides, partnerships_supported_by
from twinning.places.models import Place
from twinning.places.selectors import place_lookup
from twinning.press.selectors import (
    article_get,
    article_list,
    articles_about,
    articles_for_partnership,
    articles_for_place,
)
from twinning.press.selectors import articles_related as related_articles
from twinning.search.selectors import site_search

from . import selectors

PAGE_LIMIT = 50


def locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """django-axes calls this for a login while locked out: 429 with a page that says why and for how long."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    return render(
        request,
        "portal/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "portal/home.html",
        {
            "counts": selectors.home_counts(),
            "activities": activity_list()[:8],
            "articles": article_list()[:8],
            "anniversaries": selectors.anniversaries_upcoming(today=today, limit=12),
            "today": today,
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    results = site_search(request.GET.get("q", ""), user=request.user)
    template = "portal/_search_results.html" if request.headers.get("HX-Request") else "portal/search.html"
    return render(request, template, {"results": results, "query": results.query})


def _place_or_404(**lookup: Any) -> Place:
    place = place_lookup(**lookup)
    if place is None:
        raise Http404(_("No such place."))
    return place


def place_redirect(request: HttpRequest, geonameid: int) -> HttpResponse:
    return redirect(_place_or_404(geonameid=geonameid).get_absolute_url())


def place(request: HttpRequest, geonameid: int, slug: str) -> HttpResponse:
    found = _place_or_404(geonameid=geonameid)
    if slug != found.slug:
        return redirect(found.get_absolute_url())
    return _place_page(request, found)


def place_local(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    found = _place_or_404(pk=pk)
    if found.geonameid or slug != found.slug:
        return redirect(found.get_absolute_url())
    return _place_page(request, found)


def _place_page(request: HttpRequest, place: Place) -> HttpResponse:
    from .locator import world_outline_path

    # A busy city has thousands of activities: the page shows one page of them, the ids of all
    # cached until the registry changes.
    activity_ids = cached("place-activities", lambda: activity_ids_for_place(place), place.pk)
    activity_page = Paginator(activity_ids, PAGE_LIMIT).get_page(request.GET.get("activities"))
    activities = activities_by_ids(list(activity_page.object_list))
    today = timezone.localdate()
    partners = cache_once(lambda: selectors.partners_of_place(place))  # read only when a cache misses
    return render(
        request,
        "portal/place.html",
        {
            "place": place,
            "partners_section": _partners_section(place, today=today, partners=partners),
            "world_outline": world_outline_path(),
            "anniversaries": selectors.anniversaries_upcoming(today=today, months=24, place=place),
            "activities": activities,
            "activity_page": activity_page,
            "articles": articles_for_place(place)[:PAGE_LIMIT],
            "contacts": contacts_for_place(place=place, user=request.user),
            "offices": [office for office in offices_for_place(place) if office.has_contact_box],
            "organizations": organizations_seated_at(place),
            "fact_sources": selectors.sources_by_record([place, *activities]),
            "embed_url": request.build_absolute_uri(_embed_url(place)),
            # Its partners as JSON-LD, like the cards once per data generation (and host: absolute URLs).
            "linked_data": cached(
                "place-linked-data",
                lambda: linked_data.place_data(place, request.build_absolute_uri, partners=partners()),
                place.pk,
                get_language() or "-",
                request.scheme,
                request.get_host(),
            ),
            "activities_feed": _place_feed_url(place),
        },
    )


def _partners_section(place: Place, *, today: dt.date, partners: Callable[[], list[Any]]) -> str:
    """The partner cards of a place, rendered once per data generation, language and day: a big
    city's hundred cards (health, anniversaries, last activities, sources, locator maps) cost
    most of the page, and they hold public facts only (nothing of the request or the user)."""
    from .locator import world_outline_path

    def render_section() -> str:
        rows = partners()
        health = health_for_partnerships([row.partnership for row in rows])
        return render_to_string(
            "portal/_place_partners.html",
            {
                "place": place,
                "partners": rows,
                "cards": selectors.partner_cards(place, rows, health, today=today),
                "world_outline": world_outline_path(),
                "dormant_count": sum(1 for h in health.values() if h.status == DORMANT),
            },
        )

    return mark_safe(cached("place-partners", render_section, place.pk, get_language() or "-", today))


def _place_feed_url(place: Place) -> str | None:
    if not place.geonameid:
        return None
    return reverse("exports:place_activities", kwargs={"geonameid": place.geonameid})


def _embed_url(place: Place) -> str:
    if place.geonameid:
        return reverse("portal:place_embed", kwargs={"geonameid": place.geonameid, "slug": place.slug})
    return reverse("portal:place_local_embed", kwargs={"pk": place.pk, "slug": place.slug})


@xframe_options_exempt
def place_embed(request: HttpRequest, slug: str, geonameid: int | None = None, pk: int | None = None) -> HttpResponse:
    """ "Unsere Partnerstädte" as a plain HTML fragment (no script, no style, absolute links) for a city's own
    website: include it server-side, paste it, or show it in an iframe. See README, "Embedding"."""
    found = _place_or_404(geonameid=geonameid) if geonameid is not None else _place_or_404(pk=pk)
    partners = selectors.partners_of_place(found)
    response = render(
        request,
        "portal/embed.html",
        {
            "place": found,
            "partners": [
                (row, request.build_absolute_uri(f"{row.partnership.get_absolute_url()}?from={found.pk}"))
                for row in partners
            ],
            "place_url": request.build_absolute_uri(found.get_absolute_url()),
        },
    )
    response["Access-Control-Allow-Origin"] = "*"  # public facts, fetched by the city's own pages
    return response


def brand_css(request: HttpRequest) -> HttpResponse:
    response = render(request, "portal/brand.css", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's layout; a plain page if even the layout fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the layout itself may be what failed
        return HttpResponseServerError(
            "<!DOCTYPE html><html lang=de><title>Fehler</title><h1>Ein Fehler ist aufgetreten</h1>"
            "<p>Bitte versuchen Sie es später noch einmal.</p></html>"
        )


def _timeline(activities: list, articles: list) -> list[dict[str, Any]]:
    items = [{"date": a.start, "when": a.starts, "kind": "activity", "object": a} for a in activities]
    items += [{"date": a.published, "when": a.published, "kind": "article", "object": a} for a in articles]
    return sorted(items, key=lambda item: (item["date"] is None, item["date"] or dt.date.min))


def partnership(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.partnership_get(pk=pk)
    if found is None:
        raise Http404(_("No such partnership."))
    activities = list(activities_for_partnership(found))
    articles = list(articles_for_partnership(found))
    contacts = [p for p in found.contacts.all() if person_is_visible(p, user=request.user)]
    viewed_from = request.GET.get("from", "")
    places = partnership_sides(found, first=int(viewed_from) if viewed_from.isdigit() else None)
    return render(
        request,
        "portal/partnership.html",
        {
            "partnership": found,
            "health": partnership_health(found),
            "places": places,
            "title": " – ".join(p.display_name for p in places),
            "timeline": _timeline(activities, articles),
            "contacts": contacts,
            "sources": selectors.group_citations(citations_for(found)),
            "linked_data": linked_data.partnership_data(
                found, places, request.build_absolute_uri, title=" – ".join(p.display_name for p in places)
            ),
        },
    )


def activity(request: HttpRequest, slug: str) -> HttpResponse:
    found = activity_get(slug=slug)
    if found is None:
        raise Http404(_("No such activity."))
    participations = [p for p in found.participations.all() if person_is_visible(p.person, user=request.user)]
    return render(
        request,
        "portal/activity.html",
        {
            "activity": found,
            "participations": participations,
            "hidden_participants": len(found.participations.all()) - len(participations),
            "organizations": organizations_by_role(list(found.organization_links.all())),
            "articles": articles_about(activity=found),
            "sources": selectors.sources_for([found]),
            "linked_data": linked_data.activity_data(
                found, request.build_absolute_uri, organization_links=found.organization_links.all()
            ),
        },
    )


def programme(request: HttpRequest, slug: str) -> HttpResponse:
    found = programme_get(slug=slug)
    if found is None:
        raise Http404(_("No such programme."))
    activities = list(found.activities.all())
    places = {p.pk: p for p in found.places.all()}
    for item in activities:
        for p in [item.place, *item.places.all()]:
            if p is not None:
                places.setdefault(p.pk, p)
    places_sorted = sorted(places.values(), key=lambda p: p.name)
    return render(
        request,
        "portal/programme.html",
        {
            "programme": found,
            "period_start": PartialDate.from_fields(found.start, found.start_precision),
            "period_end": PartialDate.from_fields(found.end, found.end_precision),
            "activities": activities,
            "places": places_sorted,
            "organizations": organizations_by_role(list(found.organization_links.all())),
            "articles": articles_about(programme=found),
            "sources": selectors.sources_for([found, *activities]),
            "linked_data": linked_data.programme_data(
                found,
                request.build_absolute_uri,
                places=places_sorted,
                organization_links=found.organization_links.all(),
            ),
        },
    )


def article(request: HttpRequest, slug: str) -> HttpResponse:
    found = article_get(slug=slug)
    if found is None:
        raise Http404(_("No such article."))
    people = [p for p in found.people.all() if person_is_visible(p, user=request.user)]
    return render(
        request,
        "portal/article.html",
        {
            "article": found,
            "people": people,
            "related": related_articles(found),
            "sources": selectors.sources_for([found]),
            "linked_data": linked_data.article_data(found, request.build_absolute_uri, people=people),
        },
    )


def organization(request: HttpRequest, slug: str) -> HttpResponse:
    found = organization_get(slug=slug, user=request.user)
    if found is None:
        raise Http404(_("No such organization."))
    return render(
        request,
        "portal/organization.html",
        {
            "organization": found,
            "programme_links": organization_programme_links(found),
            "activity_links": organization_activity_links(found),
            "partnerships": partnerships_supported_by(found),
            "articles": articles_about(organization=found)[:PAGE_LIMIT],
            "sources": selectors.sources_for([found]),
            "linked_data": linked_data.organization_data(
                found, request.build_absolute_uri, public_contacts=found.contacts.all()
            ),
        },
    )


def person(request: HttpRequest, slug: str) -> HttpResponse:
    found = person_get(slug=slug, user=request.user)
    if found is None:
        raise Http404(_("No such person."))
    return render(
        request,
        "portal/person.html",
        {
            "person": found,
            "participations": person_participations(found),
            "articles": articles_about(person=found)[:PAGE_LIMIT],
            "sources": selectors.sources_for([found, *found.roles.all()]),
        },
    )
