"""`make bench-scale`: the portal, API, graph and matching on PostgreSQL at scale 1 and 10.

For each scale: a fresh database (`twinning_scale` or $BENCH_DB, dropped first), migrate, gazetteer, both real
twin-town datasets, `generate_world --scale N`; then p50/p95 of every page through Django's test
client (in process: no network noise), each next to a trivial view (/healthz) measured in the
same run, the graph's two-hop query and matching. At the end: growth from the first to the last
scale. Targets (issue 12, scale 10): pages ≤ 300 ms, API lists ≤ 150 ms, search ≤ 100 ms, two
hops ≤ 5 ms, matching ≤ 300 ms.

    .venv/bin/python bench/scale.py [--scales 1,10] [--requests 30]
    BENCH_DB=twinning_x .venv/bin/python bench/scale.py --existing 1   # measure a database built before
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TWINS = REPO.parent / "shared" / "data" / "twins"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# Each developer benchmarks on their own database (BENCH_DB), never on a shared one.
DB = os.environ.get("BENCH_DB", "twinning_scale")
TWINNING = Path(sys.executable).with_name("twinning")
TARGETS = {"page": 300.0, "api": 150.0, "search": 100.0, "graph": 5.0, "matching": 300.0}


def run(*args: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(TWINNING), *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def build(scale: int, env: dict[str, str]) -> dict[str, float]:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    seconds = {"migrate": run("migrate", "--no-input", "-v0", env=env)}
    seconds["gazetteer"] = run("load_gazetteer", env=env)
    seconds["import csv"] = run("import_twins", str(TWINS / "wikipedia_twin_cities_2026_geocoded.csv"), env=env)
    seconds["import wikidata"] = run(
        "import_twins",
        str(TWINS / "wikidata_p190_2016_relations.tsv"),
        "--format",
        "wikidata-tsv",
        "--names",
        str(TWINS / "wikidata_p190_2016_names.tsv"),
        env=env,
    )
    seconds["generate"] = run("generate_world", "--scale", str(scale), env=env)
    return seconds


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(requests: int) -> dict[str, tuple[float, float, str]]:
    """In this process, against the database in DATABASE_URL."""
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client

    from twinning.network.graph import get_graph, partners_within
    from twinning.network.matching import match_context, rank
    from twinning.partnerships.models import Partnership
    from twinning.places.models import Place

    client = Client()
    hub = Place.objects.annotate(n=Count("partnership_memberships")).order_by("-n").first()
    assert hub is not None
    krefeld = Place.objects.get(geonameid=2884509)
    partnership = Partnership.objects.filter(places=krefeld).first() or Partnership.objects.first()
    assert partnership is not None
    pages = {
        "trivial view (/healthz)": ("/healthz", "baseline"),
        "home": ("/", "page"),
        f"place: {hub.name} ({hub.n} partners)": (f"/places/{hub.geonameid}/", "page"),
        "place: Krefeld": ("/places/2884509/", "page"),
        "partnership": (f"/partnerships/{partnership.pk}/", "page"),
        "list: partnerships FR-NW": ("/partnerships/?country=FR&state=NW", "page"),
        "list: places": ("/places/", "page"),
        "list: activities 2019": ("/activities/?year=2019", "page"),
        "list: news": ("/news/", "page"),
        "search: Schüleraustausch": ("/search/?q=Sch%C3%BCleraustausch", "search"),
        "search: Krefled": ("/search/?q=Krefled", "search"),
        "statistics": ("/network/statistics/", "page"),
        "health": ("/network/health/", "page"),
        "api: partnerships": ("/api/partnerships?limit=50", "api"),
        "api: activities": ("/api/activities?limit=50", "api"),
        "api: articles": ("/api/articles?limit=50", "api"),
    }
    results: dict[str, tuple[float, float, str]] = {}
    load_at_start = os.getloadavg()[0]
    for label, (url, kind) in pages.items():
        response = client.get(url, follow=True)
        if response.status_code != 200:
            results[label] = (float("nan"), float("nan"), f"{kind}: answered {response.status_code}")
            continue
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url, follow=True)
            samples.append((time.perf_counter() - started) * 1000)
        p50, p95 = percentiles(samples)
        results[label] = (p50, p95, kind)

    started = time.perf_counter()
    graph = get_graph()
    results["graph: load"] = ((time.perf_counter() - started) * 1000, float("nan"), "info")
    rng = random.Random(1)
    nodes = rng.sample(list(graph.nodes), min(500, graph.number_of_nodes()))
    hops = []
    for node in nodes:
        started = time.perf_counter()
        partners_within(graph, node, 2)
        hops.append((time.perf_counter() - started) * 1000)
    results["graph: two hops"] = (*percentiles(hops), "graph")
    started = time.perf_counter()
    context = match_context(graph)
    results["matching: gather facts"] = ((time.perf_counter() - started) * 1000, float("nan"), "info")
    asks = []
    for node in rng.sample(list(context.facts), min(50, len(context.facts))):
        started = time.perf_counter()
        rank(context, context.facts[node], mode="partner", limit=10)
        asks.append((time.perf_counter() - started) * 1000)
    results["matching: top 10"] = (*percentiles(asks), "matching")
    results["load average"] = (load_at_start, os.getloadavg()[0], "info")
    return results


def report(scale: int, results: dict[str, tuple[float, float, str]]) -> None:
    base = results["trivial view (/healthz)"][1]
    print(f"\nscale {scale}: p50 / p95 ms, ratio of p95 to the trivial view's p95 ({base:.1f} ms)")
    if "load average" in results:
        start, end = results.pop("load average")[:2]
        print(f"  load average {start:.1f} at the start, {end:.1f} at the end (2 cores shared by everyone)")
    for label, (p50, p95, kind) in results.items():
        if kind == "info":
            print(f"  {label:<42} {p50:9.0f} ms (once)")
            continue
        if p50 != p50:  # NaN: the page did not answer 200
            print(f"  {label:<42} {kind}")
            continue
        target = TARGETS.get(kind)
        verdict = "" if target is None else ("ok" if p95 <= target else f"MISSES {target:.0f} ms")
        print(f"  {label:<42} {p50:9.1f} {p95:9.1f} {p95 / base if base else 0:8.1f}x  {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--measure-only", action="store_true", help="(internal) measure the existing database")
    parser.add_argument("--existing", type=int, metavar="SCALE", help="measure $BENCH_DB as built at SCALE, no rebuild")
    options = parser.parse_args()
    env = dict(os.environ, DATABASE_URL=f"{PG}/{DB}", DJANGO_SETTINGS_MODULE="twinning.config.settings.base")
    env["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    if options.measure_only:
        os.environ.update(env)
        results = measure(options.requests)
        import json

        print("RESULTS " + json.dumps(results))
        return 0
    import json

    if options.existing is not None:
        os.environ.update(env)
        report(options.existing, measure(options.requests))
        return 0
    by_scale: dict[int, dict[str, list[float]]] = {}
    for scale in [int(s) for s in options.scales.split(",")]:
        seconds = build(scale, env)
        print(f"\nscale {scale} built: " + ", ".join(f"{k} {v:.0f} s" for k, v in seconds.items()), flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "--measure-only", "--requests", str(options.requests)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results = json.loads(out.split("RESULTS ", 1)[1])
        by_scale[scale] = results
        report(scale, {k: tuple(v) for k, v in results.items()})  # type: ignore[misc]
    if len(by_scale) > 1:
        first, last = min(by_scale), max(by_scale)
        print(f"\ngrowth of p95 from scale {first} to scale {last}:")
        for label, values in by_scale[last].items():
            before = by_scale[first].get(label)
            if before and before[1] == before[1] and values[1] == values[1] and before[1]:
                print(f"  {label:<42} {values[1] / before[1]:6.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
