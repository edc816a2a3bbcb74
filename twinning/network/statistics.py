"""Reads for the statistics page: partnerships by country, German state, decade and kind, and the
cheap figures of the graph (no betweenness or communities: those belong to `twinning graph stats`)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import networkx as nx
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Place

from .graph import country_subgraph, get_graph
from .selectors import place_json, places_by_id

ASCII_SLUG = re.compile(r"[-a-zA-Z0-9_]+")

# GeoNames admin1 codes of Germany → the Länder.
GERMAN_STATES = {
    "01": "Baden-Württemberg",
    "02": "Bayern",
    "03": "Bremen",
    "04": "Hamburg",
    "05": "Hessen",
    "06": "Niedersachsen",
    "07": "Nordrhein-Westfalen",
    "08": "Rheinland-Pfalz",
    "09": "Saarland",
    "10": "Schleswig-Holstein",
    "11": "Brandenburg",
    "12": "Mecklenburg-Vorpommern",
    "13": "Sachsen",
    "14": "Sachsen-Anhalt",
    "15": "Thüringen",
    "16": "Berlin",
}


def place_url(row: dict[str, Any]) -> str:
    """The portal page of a place row (a `places_by_id` row, with the slug)."""
    slug = row["slug"] or "-"
    if row.get("geonameid"):
        if not ASCII_SLUG.fullmatch(slug):  # the portal's <slug:> takes ASCII only; its redirect finds the page
            return reverse("portal:place_redirect", kwargs={"geonameid": row["geonameid"]})
        return reverse("portal:place", kwargs={"geonameid": row["geonameid"], "slug": slug})
    return reverse("portal:place_local", kwargs={"pk": row["id"], "slug": slug if ASCII_SLUG.fullmatch(slug) else "-"})


def bars(counts: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """(key, label, count) → rows with the share of the largest count (for a bar's width)."""
    top = max((n for _k, _l, n in counts), default=0) or 1
    return [{"key": k, "label": label, "count": n, "percent": round(100 * n / top, 1)} for k, label, n in counts]


def partnerships_for(country: str | None) -> QuerySet[Partnership]:
    partnerships = Partnership.objects.all()
    if country:
        partnerships = partnerships.filter(
            pk__in=PartnershipMember.objects.filter(place__country_id=country).values("partnership_id")
        )
    return partnerships


def by_country(partnerships: QuerySet[Partnership], *, limit: int = 30) -> list[tuple[str, str, int]]:
    rows = (
        PartnershipMember.objects.filter(partnership__in=partnerships)
        .values("place__country_id", "place__country__name")
        .annotate(n=Count("partnership_id", distinct=True))
        .order_by("-n", "place__country__name")
    )
    return [(r["place__country_id"] or "", r["place__country__name"] or _("unknown"), r["n"]) for r in rows[:limit]]


def by_german_state(partnerships: QuerySet[Partnership]) -> list[tuple[str, str, int]]:
    rows = (
        PartnershipMember.objects.filter(partnership__in=partnerships, place__country_id="DE")
        .values("place__admin1_code")
        .annotate(n=Count("partnership_id", distinct=True))
    )
    counts = [(r["place__admin1_code"], GERMAN_STATES.get(r["place__admin1_code"], _("unknown")), r["n"]) for r in rows]
    return sorted(counts, key=lambda row: (-row[2], row[1]))


def by_decade(partnerships: QuerySet[Partnership]) -> list[tuple[str, str, int]]:
    decades: Counter[int | None] = Counter(
        (d.year // 10 * 10 if d else None) for d in partnerships.values_list("established", flat=True)
    )
    rows = [(str(d), f"{d}–{d + 9}", decades[d]) for d in sorted(k for k in decades if k is not None)]
    if decades[None]:
        rows.append(("", _("date unknown"), decades[None]))
    return rows


def by_kind(partnerships: QuerySet[Partnership]) -> list[tuple[str, str, int]]:
    labels = dict(Partnership.Kind.choices)
    rows = partnerships.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    return [(r["kind"], str(labels.get(r["kind"], r["kind"])), r["n"]) for r in rows]


def graph_figures(*, country: str | None = None, top: int = 10) -> dict[str, Any]:
    graph = get_graph()
    if country:
        country_of = dict(Place.objects.filter(pk__in=list(graph.nodes)).values_list("id", "country_id"))
        graph = country_subgraph(graph, country_of, country)
    degree = sorted(graph.degree, key=lambda item: (-item[1], item[0]))[:top]
    rows = places_by_id({n for n, _d in degree})
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "components": nx.number_connected_components(graph) if graph.number_of_nodes() else 0,
        "top_degree": [{**place_json(rows[n]), "url": place_url(rows[n]), "degree": d} for n, d in degree],
    }


def network_statistics(*, country: str | None = None) -> dict[str, Any]:
    partnerships = partnerships_for(country)
    return {
        "country": country,
        "total": partnerships.count(),
        "by_country": bars(by_country(partnerships)),
        "by_state": bars(by_german_state(partnerships)),
        "by_decade": bars(by_decade(partnerships)),
        "by_kind": bars(by_kind(partnerships)),
        "graph": graph_figures(country=country),
    }
