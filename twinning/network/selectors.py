"""Reads for the network: places of the graph by name, their partners, paths, statistics."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from twinning.core.errors import NotFound
from twinning.places.models import Place
from twinning.places.selectors import place_resolve

from .graph import country_subgraph, get_graph, graph_stats, partners_within, shortest_path

PLACE_FIELDS = ("id", "geonameid", "name", "country_id", "kind", "population", "latitude", "longitude", "slug")


def place_in_network(name: str, *, country: str | None = None) -> Place:
    """The place a name means, preferring a place that has partnerships (the best-connected one
    among equally named places), so "Krefeld" is the city, not a homonymous hamlet."""
    name = name.strip()
    if name.isdigit():
        place = Place.objects.filter(geonameid=int(name)).first()
        if place is None:
            raise NotFound(_("no place with GeoNames id %(id)s") % {"id": name})
        return place
    matches = place_resolve(name, country=country, limit=10, fuzzy=True)
    if not matches:
        raise NotFound(_("no place called %(name)r") % {"name": name})
    graph = get_graph()
    exact = [m for m in matches if m.how == "exact"] or matches
    best = max(exact, key=lambda m: (graph.degree(m.place.place_id) if m.place.place_id in graph else 0, m.score))
    return Place.objects.get(pk=best.place.place_id)


def places_by_id(ids: list[int] | set[int]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in Place.objects.filter(pk__in=list(ids)).values(*PLACE_FIELDS)}


def place_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "geonameid": row["geonameid"],
        "place_id": row["id"],
        "name": row["name"],
        "country": row["country_id"],
        "kind": row["kind"],
        "population": row["population"],
        "lat": row["latitude"],
        "lon": row["longitude"],
    }


def network_partners(place: Place, *, depth: int = 2) -> list[dict[str, Any]]:
    """The places within `depth` partnerships of `place`, nearest first, with the partnership
    from the place they are reached through."""
    graph = get_graph()
    found = partners_within(graph, place.pk, depth)
    rows = places_by_id(set(found))
    result = []
    for node, distance in sorted(found.items(), key=lambda item: (item[1], rows[item[0]]["name"])):
        via = None
        if distance > 1:
            via = next((n for n in graph.adj[node] if found.get(n) == distance - 1 or n == place.pk), None)
        result.append({**place_json(rows[node]), "distance": distance, "via": via})
    return result


def network_path(a: Place, b: Place) -> list[dict[str, Any]] | None:
    graph = get_graph()
    path = shortest_path(graph, a.pk, b.pk)
    if path is None:
        return None
    rows = places_by_id(set(path))
    steps = []
    for i, node in enumerate(path):
        step = place_json(rows[node])
        if i:
            step["partnership"] = graph.edges[path[i - 1], node]["partnership"]
        steps.append(step)
    return steps


def network_stats(*, country: str | None = None, top: int = 10) -> dict[str, Any]:
    graph = get_graph()
    if country:
        country_of = dict(Place.objects.filter(pk__in=list(graph.nodes)).values_list("id", "country_id"))
        graph = country_subgraph(graph, country_of, country.upper())
    stats = graph_stats(graph, top=top)
    ids = {n for n, _ in stats["top_degree"]} | {n for n, _ in stats["top_betweenness"]}
    rows = places_by_id(ids)
    stats["top_degree"] = [{**place_json(rows[n]), "degree": d} for n, d in stats["top_degree"]]
    stats["top_betweenness"] = [
        {**place_json(rows[n]), "betweenness": round(b, 6)} for n, b in stats["top_betweenness"]
    ]
    communities = stats.pop("communities")
    biggest = communities[:10]
    hubs = places_by_id({max(c, key=graph.degree) for c in biggest})
    stats["communities"] = len(communities)
    stats["largest_communities"] = [
        {"size": len(c), "hub": place_json(hubs[max(c, key=graph.degree)])} for c in biggest
    ]
    stats["country"] = country.upper() if country else None
    return stats
