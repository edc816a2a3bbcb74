"""Network pages of a place (its partners and partners of partners, a map) and the statistics page."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from twinning.network.graph import cooperation_ties, get_graph, graph_version, partners_within
from twinning.network.selectors import place_json, places_by_id
from twinning.network.statistics import network_statistics
from twinning.places.models import Country, Place
from twinning.places.selectors import by_display_name, countries

from .presentation import bars, place_url

FURTHER_SHOWN = 200


def _place_or_404(geonameid: int) -> Place:
    place = Place.objects.select_related("country").filter(geonameid=geonameid).first()
    if place is None:
        raise Http404(f"no place with GeoNames id {geonameid}")
    return place


# Network payloads by (place, depth, build of the graph): a well-connected city reaches more than a
# thousand places in two hops, and the answer only changes when a partnership does.
_payloads: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_PAYLOADS_KEPT = 256


def place_network(place: Place, *, depth: int = 2) -> dict[str, Any]:
    """The partnership layer (cached per graph state) plus the cooperation layer: places the place
    shares a programme or an activity with (read fresh; it changes with activities, not partnerships)."""
    graph = get_graph()
    key = (place.pk, depth, graph_version())
    payload = _payloads.get(key)
    if payload is None:
        payload = _place_network(graph, place, depth=depth)
        _payloads[key] = payload
        while len(_payloads) > _PAYLOADS_KEPT:
            _payloads.popitem(last=False)
    return _with_cooperation(payload, place)


def _with_cooperation(payload: dict[str, Any], place: Place) -> dict[str, Any]:
    ties = cooperation_ties(place.pk)
    if not ties:
        return {**payload, "cooperation": []}
    rows = places_by_id(set(ties))
    known = {node["place_id"] for node in payload["nodes"]}
    nodes = list(payload["nodes"])
    edges = list(payload["edges"])
    cooperation = []
    for other, via in sorted(ties.items(), key=lambda item: rows[item[0]]["name"]):
        row = {**place_json(rows[other]), "url": place_url(rows[other]), "via": via}
        cooperation.append(row)
        if other not in known:
            nodes.append({**row, "distance": None, "layer": "cooperation", "via": None, "via_name": None})
        edges.append({"source": place.pk, "target": other, "layer": "cooperation", "kind": via[0]["kind"]})
    return {**payload, "nodes": nodes, "edges": edges, "cooperation": cooperation}


def _place_network(graph: Any, place: Place, *, depth: int) -> dict[str, Any]:
    """The place, the places within `depth` partnerships and the partnerships between them (the
    edges from the place and from its partners; links among partners of partners are left out)."""
    found = partners_within(graph, place.pk, depth)
    rows = places_by_id(set(found))
    centre = {**place_json(_row(place)), "distance": 0, "via": None, "url": place_url(_row(place))}
    names = {place.pk: place.name} | {pk: row["name"] for pk, row in rows.items()}
    nodes = [centre]
    for node, dist in sorted(found.items(), key=lambda item: (item[1], rows[item[0]]["name"])):
        via = None
        if dist > 1:
            via = next((n for n in graph.adj[node] if found.get(n) == dist - 1), None)
        nodes.append({**place_json(rows[node]), "distance": dist, "via": via, "url": place_url(rows[node])})
    distance = {n["place_id"]: n["distance"] for n in nodes}
    edges = []
    for a in distance:
        if distance[a] >= depth or a not in graph:
            continue
        for b, data in graph.adj[a].items():
            if b in distance and (distance[a], a) < (distance[b], b):
                edges.append(
                    {
                        "source": a,
                        "target": b,
                        "partnership": data["partnership"],
                        "kind": data["kind"],
                        "layer": "partnership",
                    }
                )
    for entry in nodes:
        entry["via_name"] = names.get(entry["via"]) if entry["via"] else None
    return {"place": centre, "depth": depth, "nodes": nodes, "edges": edges}


def _row(place: Place) -> dict[str, Any]:
    return {
        "id": place.pk,
        "geonameid": place.geonameid,
        "name": place.name,
        "country_id": place.country_id,
        "kind": place.kind,
        "population": place.population,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "slug": place.slug,
    }


@require_GET
def network_json(request: HttpRequest, geonameid: int) -> JsonResponse:
    return JsonResponse(place_network(_place_or_404(geonameid)), json_dumps_params={"ensure_ascii": False})


@require_GET
def network_page(request: HttpRequest, geonameid: int) -> HttpResponse:
    place = _place_or_404(geonameid)
    data = place_network(place)
    partners = [n for n in data["nodes"] if n["distance"] == 1]
    further = [n for n in data["nodes"] if n["distance"] == 2]
    return render(
        request,
        "network/network.html",
        {
            "place": place,
            "place_url": data["place"]["url"],
            "data": data,
            "partners": partners,
            "further": further,
            # A table of a thousand rows helps no one; the JSON link has them all.
            "further_shown": further[:FURTHER_SHOWN],
        },
    )


@require_GET
def map_page(request: HttpRequest, geonameid: int) -> HttpResponse:
    place = _place_or_404(geonameid)
    partners = [n for n in place_network(place, depth=1)["nodes"] if n["distance"] == 1]
    data: dict[str, Any] = {
        "place": {**place_json(_row(place)), "url": place_url(_row(place))},
        "partners": partners,
        "tiles": {"url": settings.TWINNING_TILE_URL, "attribution": settings.TWINNING_TILE_ATTRIBUTION},
    }
    return render(
        request,
        "network/map.html",
        {
            "place": place,
            "place_url": data["place"]["url"],
            "partners": partners,
            "data": data,
            "unplaced": [p for p in partners if p["lat"] is None or p["lon"] is None],
        },
    )


@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    code = (request.GET.get("country") or "").strip().upper()
    country = None
    if code:
        country = Country.objects.filter(code=code).first()
        if country is None:
            return render(
                request,
                "network/statistics.html",
                {"error_country": code, "countries": by_display_name(countries())},
                status=400,
            )
    stats = dict(network_statistics(country=country.code if country else None))
    for name in ("by_country", "by_state", "by_decade", "by_kind"):
        stats[name] = bars(stats[name])
    stats["graph"] = {
        **stats["graph"],
        "top_degree": [
            {**row, "url": place_url({"id": row["place_id"], "geonameid": row["geonameid"], "slug": row["slug"]})}
            for row in stats["graph"]["top_degree"]
        ],
    }
    return render(
        request,
        "network/statistics.html",
        {"stats": stats, "country": country, "countries": by_display_name(countries())},
    )
