"""Matching quality: hide a fixed random sample of real partnerships from the graph, ask the matcher
(mode partner) for the top 10 for one endpoint, and count how often the hidden partner comes back
(hit@10). Baselines in the same run and the same candidate pool: rank by population similarity alone,
and ten random candidates."""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

CSV = Path(__file__).resolve().parents[2] / "shared/data/twins/wikipedia_twin_cities_2026_geocoded.csv"
SAMPLE = 300
K = 10
SEED = 0


def _setup() -> None:
    if "django" in sys.modules and os.environ.get("DJANGO_SETTINGS_MODULE"):
        from django.apps import apps

        if apps.ready:
            return
    workdir = Path(tempfile.mkdtemp(prefix="twinning-bench-matching-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("TWINNING_VAR_DIR", str(workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> int:
    _setup()
    from django.core.management import call_command

    from twinning.network.graph import get_graph
    from twinning.network.matching import match_context, population_similarity, rank
    from twinning.partnerships.models import Partnership
    from twinning.places.gazetteer import gazetteer_is_loaded, gazetteer_load

    if not gazetteer_is_loaded():
        gazetteer_load()
    if not Partnership.objects.exists():
        call_command("import_twins", str(CSV), verbosity=0)
    graph = get_graph().copy()
    rng = random.Random(SEED)
    edges = sorted((min(a, b), max(a, b)) for a, b in graph.edges())
    hidden = rng.sample(edges, min(SAMPLE, len(edges)))
    graph.remove_edges_from(hidden)  # nodes stay: every method sees the same candidate pool
    started = time.perf_counter()
    context = match_context(graph)
    gather = time.perf_counter() - started

    hits = {"matcher": 0, "population": 0, "random": 0}
    asked = 0
    query_ms: list[float] = []
    for a, b in hidden:
        source, wanted = (a, b) if rng.random() < 0.5 else (b, a)
        target = context.facts.get(source)
        if target is None:
            continue
        asked += 1
        started = time.perf_counter()
        top = rank(context, target, mode="partner", limit=K)
        query_ms.append((time.perf_counter() - started) * 1000)
        hits["matcher"] += any(item.facts.place_id == wanted for item in top)
        pool = [c for c in context.candidates(target, mode="partner")]
        by_population = sorted(
            pool, key=lambda c: (-population_similarity(target.population, c.population), c.place_id)
        )[:K]
        hits["population"] += any(c.place_id == wanted for c in by_population)
        hits["random"] += any(c.place_id == wanted for c in rng.sample(pool, min(K, len(pool))))

    rates = {name: count / asked if asked else 0.0 for name, count in hits.items()}
    query_ms.sort()
    p95 = query_ms[min(len(query_ms) - 1, round(0.95 * (len(query_ms) - 1)))] if query_ms else 0.0
    print(
        f"matching: {asked} hidden partnerships of {len(edges)} (seed {SEED}), candidate pool "
        f"{len(context.facts)} places; facts gathered in {gather:.1f} s, query p95 {p95:.0f} ms"
    )
    print(
        f"hit@{K}: matcher {rates['matcher']:.1%} ({hits['matcher']}/{asked}), "
        f"population-only {rates['population']:.1%} ({hits['population']}), "
        f"random {rates['random']:.1%} ({hits['random']})"
    )

    def ratio(base: str) -> str:
        return f"{rates['matcher'] / rates[base]:.1f}x" if rates[base] else "n/a (baseline found none)"

    print(f"ratios: matcher / population {ratio('population')}, matcher / random {ratio('random')}")
    return 0


if __name__ == "__main__":
    main()
