"""The partnership graph: places as nodes, partnerships as edges, kept in step with the database.

The graph is built once per process and rebuilt lazily when registry data changed: it remembers
the data generation (`core.invalidation`) it was built at, and a read that finds the generation
moved on rebuilds it. Writes announce themselves (registry models' saves and deletes, bulk
imports' `data_changed()`), and on commit the generation, shared by the host's processes, moves
on; the committing process drops its graph at once (`on_change`). No read queries the
partnership tables to find out whether they changed. The algorithms below are plain functions of
a networkx graph.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from twinning.core.invalidation import generation, on_change
from twinning.partnerships.models import Partnership, PartnershipMember

_lock = threading.Lock()
# The graph, the generation it was built at, and a version that changes with every build (what
# callers key results derived from the graph by).
_state: dict[str, Any] = {"graph": None, "generation": None, "version": 0}


def build_graph(edges: Iterable[tuple[int, int, int, str]]) -> nx.Graph:
    """Edges (place, place, partnership id, kind) → an undirected graph; a partnership of more
    than two places appears as the edges between each pair of them."""
    graph = nx.Graph()
    for a, b, partnership, kind in edges:
        graph.add_edge(a, b, partnership=partnership, kind=kind)
    return graph


def graph_from_database() -> nx.Graph:
    rows = PartnershipMember.objects.exclude(partnership__status=Partnership.Status.ENDED).values_list(
        "partnership_id", "place_id", "partnership__kind"
    )
    members: dict[int, list[int]] = {}
    kinds: dict[int, str] = {}
    for partnership, place, kind in rows.iterator(chunk_size=20_000):
        members.setdefault(partnership, []).append(place)
        kinds[partnership] = kind
    edges = (
        (places[i], places[j], partnership, kinds[partnership])
        for partnership, places in members.items()
        for i in range(len(places))
        for j in range(i + 1, len(places))
    )
    return build_graph(edges)


def get_graph() -> nx.Graph:
    """The current partnership graph (rebuilt when the data generation moved on since it was built)."""
    current = generation()
    graph = _state["graph"]
    if graph is None or _state["generation"] != current:
        with _lock:
            graph = _state["graph"]
            if graph is None or _state["generation"] != current:
                graph = graph_from_database()
                _state.update(graph=graph, generation=current, version=_state["version"] + 1)
    return graph


def cooperation_ties(place_id: int) -> dict[int, list[dict[str, Any]]]:
    """The second layer: other places that share a programme or an activity with this place, each
    with what they share ({"kind": "programme"|"activity", "id", "name"})."""
    from twinning.activities.models import Activity, Programme

    ties: dict[int, list[dict[str, Any]]] = {}
    programmes = Programme.places.through.objects.filter(
        programme__in=Programme.objects.filter(places=place_id)
    ).exclude(place_id=place_id)
    for other, pk, name in programmes.values_list("place_id", "programme_id", "programme__name"):
        ties.setdefault(other, []).append({"kind": "programme", "id": pk, "name": name})
    activities = Activity.places.through.objects.filter(activity__in=Activity.objects.filter(places=place_id)).exclude(
        place_id=place_id
    )
    for other, pk, title in activities.values_list("place_id", "activity_id", "activity__title"):
        ties.setdefault(other, []).append({"kind": "activity", "id": pk, "name": title})
    return ties


def graph_version() -> int:
    """Which build of the graph is current (call after get_graph()); results derived from the
    graph can be kept under it."""
    return int(_state["version"])


@on_change
def invalidate_graph() -> None:
    """Drop the graph (called on commit of every change; the next read rebuilds it)."""
    with _lock:
        _state["graph"] = None


# -- algorithms (no database) ---------------------------------------------------------------------


def partners_within(graph: nx.Graph, node: int, depth: int = 2) -> dict[int, int]:
    """Every place within `depth` partnerships of `node`, with its distance (1 = a partner)."""
    if node not in graph:
        return {}
    seen = {node: 0}
    frontier = [node]
    for distance in range(1, depth + 1):
        following = []
        for current in frontier:
            for neighbour in graph.adj[current]:
                if neighbour not in seen:
                    seen[neighbour] = distance
                    following.append(neighbour)
        frontier = following
    del seen[node]
    return seen


def shortest_path(graph: nx.Graph, a: int, b: int) -> list[int] | None:
    """The places from a to b, each consecutive pair partnered; None if not connected."""
    if a not in graph or b not in graph:
        return None
    try:
        return nx.bidirectional_shortest_path(graph, a, b)
    except nx.NetworkXNoPath:
        return None


def graph_stats(graph: nx.Graph, *, top: int = 10, betweenness_samples: int = 200, seed: int = 0) -> dict[str, Any]:
    """Nodes, edges, components, top places by degree and by (sampled) betweenness, communities."""
    components = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    degree = sorted(graph.degree, key=lambda item: (-item[1], item[0]))[:top]
    n = graph.number_of_nodes()
    if n:
        k = min(betweenness_samples, n)
        betweenness = nx.betweenness_centrality(graph, k=k if k < n else None, seed=seed)
    else:
        betweenness = {}
    between = sorted(betweenness.items(), key=lambda item: (-item[1], item[0]))[:top]
    communities = nx.community.louvain_communities(graph, seed=seed) if graph.number_of_edges() else []
    communities = sorted(communities, key=len, reverse=True)
    return {
        "nodes": n,
        "edges": graph.number_of_edges(),
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "top_degree": degree,
        "top_betweenness": between,
        "betweenness_exact": n <= betweenness_samples,
        "communities": [sorted(c) for c in communities],
    }


def country_subgraph(graph: nx.Graph, country_of: dict[int, str], country: str) -> nx.Graph:
    """The places of a country, their partners, and the partnerships of the country's places."""
    inside = {node for node in graph if country_of.get(node) == country}
    sub = nx.Graph()
    sub.add_nodes_from(inside)
    sub.add_edges_from((a, b, data) for a in inside for b, data in graph.adj[a].items())
    return sub


def degree_histogram(graph: nx.Graph) -> Counter[int]:
    return Counter(d for _n, d in graph.degree)
