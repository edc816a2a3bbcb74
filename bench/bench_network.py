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
    query_figures(generated_graph(), "generated graph", rng)


if __name__ == "__main__":
    main()
