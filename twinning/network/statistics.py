"""Reads for the statistics page: partnerships by country, German state, decade and kind, and the
cheap figures of the graph (no betweenness or communities: those belong to `twinning graph stats`).

Every figure is computed with a handful of grouped queries (no id lists sent to the database) and
cached per data generation (`twinning.core.invalidation`), so a page view after the first costs
one cache read until the registry changes."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
from django.db.models import Count, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinning.core.invalidation import cached
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Place
from twinning.places.names import country_name
from twinning.places.states import BY_ADMIN1

from .graph import country_subgraph, get_graph
from .selectors import PLACE_FIELDS, place_json


def partnerships_for(country: str | None) -> QuerySet[Partnership]:
    partnerships = Partnership.objects.all()
    if country:
        partnerships = partnerships.filter(
            pk__in=PartnershipMember.objects.filter(place__country_id=country).values("partnership_id")
        )
    return partnerships


def _members_of(country: str | None) -> QuerySet[PartnershipMember]:
    members = PartnershipMember.objects.all()
    if country:
        members = members.filter(
            partnership_id__in=PartnershipMember.objects.filter(place__country_id=country).values("partnership_id")
        )
    return members


def by_country(country: str | None, *, limit: int = 30) -> list[tuple[str, str, int]]:
    """(country code, name, partnerships with a place in it), largest first. With `country`,
    the partner countries of that country's partnerships (the country itself included)."""
    rows = (
        _members_of(country)
        .values("place__country_id", "place__country__name")
        .annotate(n=Count("partnership_id", distinct=True))
        .order_by("-n", "place__country__name")
    )
    language = get_language()
    return [
        (
            r["place__country_id"] or "",
            country_name(r["place__country_id"] or "", language) or r["place__country__name"] or _("unknown"),
            r["n"],
        )
        for r in rows[:limit]
    ]


def by_german_state(country: str | None) -> list[tuple[str, str, int]]:
    # German rows picked here, not in SQL: a condition on the place lets SQLite's planner start
    # from every German place and probe the selection for each (minutes instead of milliseconds).
    rows = (
        _members_of(country)
        .values("place__country_id", "place__admin1_code")
        .annotate(n=Count("partnership_id", distinct=True))
    )
    counts = []
    for r in rows:
        if r["place__country_id"] != "DE":
            continue
        state = BY_ADMIN1.get(r["place__admin1_code"])
        counts.append((state.code if state else "", state.name if state else _("unknown"), r["n"]))
    return sorted(counts, key=lambda row: (-row[2], row[1]))


def by_decade(country: str | None) -> list[tuple[str, str, int]]:
    decades: Counter[int | None] = Counter(
        (d.year // 10 * 10 if d else None) for d in partnerships_for(country).values_list("established", flat=True)
    )
    rows = [(str(d), f"{d}–{d + 9}", decades[d]) for d in sorted(k for k in decades if k is not None)]
    if decades[None]:
        rows.append(("", _("date unknown"), decades[None]))
    return rows


def by_kind(country: str | None) -> list[tuple[str, str, int]]:
    labels = dict(Partnership.Kind.choices)
    rows = partnerships_for(country).values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    return [(r["kind"], str(labels.get(r["kind"], r["kind"])), r["n"]) for r in rows]


def graph_figures(*, country: str | None = None, top: int = 10) -> dict[str, Any]:
    graph = get_graph()
    if country:
        # The countries of the graph's places, read by a join (no list of ids sent to the database).
        country_of = dict(
            Place.objects.filter(partnership_memberships__isnull=False).values_list("id", "country_id").distinct()
        )
        graph = country_subgraph(graph, country_of, country)
    degree = sorted(graph.degree, key=lambda item: (-item[1], item[0]))[:top]
    rows = {r["id"]: r for r in Place.objects.filter(pk__in=[n for n, _d in degree]).values(*PLACE_FIELDS)}
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "components": nx.number_connected_components(graph) if graph.number_of_nodes() else 0,
        "top_degree": [{**place_json(rows[n]), "slug": rows[n]["slug"], "degree": d} for n, d in degree],
    }


def _compute(country: str | None) -> dict[str, Any]:
    return {
        "country": country,
        "total": partnerships_for(country).count(),
        "by_country": by_country(country),
        "by_state": by_german_state(country),
        "by_decade": by_decade(country),
        "by_kind": by_kind(country),
        "graph": graph_figures(country=country),
    }


def network_statistics(*, country: str | None = None) -> dict[str, Any]:
    """The statistics of all partnerships or of one country's (cached until the registry changes;
    labels in the active language)."""
    return cached("statistics", lambda: _compute(country), country or "-", get_language() or "-")
