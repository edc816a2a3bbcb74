"""Network benchmarks: the CSV import, partners-of-partners and path queries (imported graph and a
generated 100,000-partnership network), and the agreement of the two datasets. Runs against its own
temporary SQLite database, never the developer's var/twinning.sqlite3."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TWINS = REPO.parent / "shared" / "data" / "twins"


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


def timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1000


def query_figures(graph, label: str, rng: random.Random, n: int = 500) -> None:  # type: ignore[no-untyped-def]
    from twinning.network.graph import partners_within, shortest_path

    nodes = list(graph.nodes)
    sample = [rng.choice(nodes) for _ in range(n)]
    two_hops = [timed(partners_within, graph, node, 2) for node in sample]
    paths = [timed(shortest_path, graph, rng.choice(nodes), rng.choice(nodes)) for _ in range(n)]
    # Baseline in the same run: one hop (a dict lookup's worth of work).
    one_hop = [timed(partners_within, graph, node, 1) for node in sample]
    print(
        f"{label}: {graph.number_of_nodes()} places, {graph.number_of_edges()} partnerships; "
        f"two hops p95 {p95(two_hops):.3f} ms (target 5 ms, {p95(two_hops) / 5:.3f} of target, "
        f"{p95(two_hops) / max(p95(one_hop), 1e-6):.1f}x one hop); "
        f"path p95 {p95(paths):.3f} ms (target 20 ms, {p95(paths) / 20:.3f} of target)"
    )


def generated_graph(partnerships: int = 100_000, seed: int = 0):  # type: ignore[no-untyped-def]
    """A preferential-attachment network of about `partnerships` edges, like real twinning (hubs)."""
    import networkx as nx

    nodes = partnerships // 2
    graph = nx.barabasi_albert_graph(nodes, 2, seed=seed)
    return graph


def page_figures(graph, rng: random.Random, n: int = 100) -> None:  # type: ignore[no-untyped-def]
    """p95 of the network page (HTML and JSON) of the best-connected place, through the Django test
    client, next to the same page of a place with one partner (baseline, same run)."""
    from django.test import Client

    from twinning.places.models import Place

    client = Client()
    hub = max(graph.degree, key=lambda item: (item[1], -item[0]))[0]
    ones = [node for node, degree in graph.degree if degree == 1]
    small = rng.choice(ones) if ones else hub
    ids = dict(Place.objects.filter(pk__in=[hub, small], geonameid__isnull=False).values_list("id", "geonameid"))
    if hub not in ids or small not in ids:
        print("network page: the best-connected place or the baseline place has no GeoNames id; skipped")
        return
    name = Place.objects.get(pk=hub).name

    def get(url: str) -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"network page: {url} answered {response.status_code}")

    figures = {}
    for label, node in (("hub", hub), ("one partner", small)):
        for kind, url in (("JSON", f"/places/{ids[node]}/network.json"), ("HTML", f"/places/{ids[node]}/network/")):
            get(url)  # warm up (the graph is built on the first request)
            figures[label, kind] = p95([timed(get, url) for _ in range(n)])
    size = len(partners_within_count(graph, hub))
    for kind in ("JSON", "HTML"):
        hub_p95, base_p95 = figures["hub", kind], figures["one partner", kind]
        print(
            f"network page {kind} for {name} ({graph.degree(hub)} partners, {size} places within two hops): "
            f"p95 {hub_p95:.1f} ms (target 50 ms, {hub_p95 / 50:.2f} of target); baseline, a place with one "
            f"partner: p95 {base_p95:.1f} ms (ratio {hub_p95 / max(base_p95, 1e-6):.1f}x)"
        )


def partners_within_count(graph, node):  # type: ignore[no-untyped-def]
    from twinning.network.graph import partners_within

    return partners_within(graph, node, 2)


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="twinning-bench-network-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command

    from twinning.core.services import Actor
    from twinning.imports.management.commands.import_twins import KNOWN_SOURCES
    from twinning.imports.readers import read_csv, read_wikidata_tsv
    from twinning.imports.selectors import dataset_agreement
    from twinning.imports.services import twins_import, wikidata_tsv_import
    from twinning.network.graph import get_graph
    from twinning.places.gazetteer import gazetteer_load
    from twinning.places.index import get_index

    rng = random.Random(0)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    gazetteer_load()
    get_index()
    setup = time.perf_counter() - started
    started = time.perf_counter()
    rows = list(read_csv(TWINS / "wikipedia_twin_cities_2026_geocoded.csv"))
    read = time.perf_counter() - started
    report = twins_import(rows=rows, source=KNOWN_SOURCES["wikipedia_twin_cities_2026"], actor=Actor(via="bench"))
    print(
        f"import CSV: {report.rows} rows in {report.seconds:.1f} s (target 60 s, {report.seconds / 60:.2f} of target; "
        f"baseline: reading the file {read:.2f} s, ratio {report.seconds / read:.0f}x); "
        f"linked {report.linked_share:.1%}; gazetteer load + index {setup:.1f} s (not counted)"
    )
    labels, relations = read_wikidata_tsv(
        TWINS / "wikidata_p190_2016_names.tsv", TWINS / "wikidata_p190_2016_relations.tsv"
    )
    wd = wikidata_tsv_import(
        labels=labels, relations=relations, source=KNOWN_SOURCES["wikidata_p190_2016"], actor=Actor(via="bench")
    )
    agreement = dataset_agreement("dataset:wikipedia_twin_cities_2026", "dataset:wikidata_p190_2016")
    print(
        f"import Wikidata TSV: {wd.rows} rows in {wd.seconds:.1f} s, linked {wd.linked_share:.1%}; "
        f"datasets agree on {agreement.agree} shared pairs, disagree on {agreement.disagree}: "
        f"{agreement.share:.1%} (target 95 %)"
    )
    query_figures(get_graph(), "imported graph", rng)
    page_figures(get_graph(), rng)
    query_figures(generated_graph(), "generated graph", rng)


if __name__ == "__main__":
    main()
