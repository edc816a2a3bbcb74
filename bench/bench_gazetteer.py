"""Gazetteer: load time, exact/alternate-name lookups per second, fuzzy lookup latency.

Targets (issue 2): load ≤ 60 s on SQLite; ≥ 200,000 lookups/s in-process (shown as a ratio to a
plain dict lookup); fuzzy p95 ≤ 5 ms (shown as a ratio to a naive rapidfuzz scan of all names).
"""

from __future__ import annotations

import random
import time

from common import percentiles, rate, time_each, verdict
from rapidfuzz import fuzz, process

from twinning.core.text import fold
from twinning.places.gazetteer import gazetteer_is_loaded, gazetteer_load
from twinning.places.index import GazetteerIndex


def _typo(name: str, rng: random.Random) -> str:
    """One realistic typo: swap, drop or double a letter inside the word."""
    i = rng.randrange(1, len(name) - 2)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    return name[:i] + name[i] + name[i:]


def main() -> None:
    rng = random.Random(20261121)
    if gazetteer_is_loaded():
        print("gazetteer already loaded: load time not measured in this run")
    else:
        report = gazetteer_load()
        rows = report.places_created + report.names_created
        print(
            f"gazetteer load: {report.seconds:.1f} s for {report.places_created:,} places + "
            f"{report.names_created:,} names = {report.rows_per_second:,.0f} rows/s "
            f"(target ≤ 60 s: {verdict(report.seconds, 60, lower_is_better=True)}; {rows:,} rows)"
        )

    started = time.perf_counter()
    index = GazetteerIndex.from_database()
    print(
        f"in-memory index: built in {time.perf_counter() - started:.1f} s, {len(index):,} places, {index.key_count:,} keys"
    )

    records = list(index.records())
    sample = rng.sample(records, 20_000)
    # Exact names and alternate names (exonyms, transliterations), as people type them.
    from twinning.places.models import PlaceName

    alternates = list(
        PlaceName.objects.filter(place__geonameid__in=[r.geonameid for r in sample[:5000]])
        .exclude(key__in=[fold(r.name) for r in sample[:5000]])
        .values_list("name", flat=True)[:10_000]
    )
    queries = [r.name for r in sample[:10_000]] + alternates
    rng.shuffle(queries)

    plain = {fold(q): q for q in queries}
    keys = list(plain)
    dict_rate = rate(plain.get, keys)
    warm_rate = rate(index.lookup, queries)
    fold.cache_clear()
    cold_queries = [r.name for r in sample] + [f"{r.name} " for r in sample] + [r.name.upper() for r in sample]
    started = time.perf_counter()
    for q in cold_queries:
        index.lookup(q)
    cold_rate = len(cold_queries) / (time.perf_counter() - started)
    print(f"plain dict lookup (baseline): {dict_rate:,.0f}/s")
    print(
        f"exact + alternate-name lookup: {warm_rate:,.0f}/s with repeated names "
        f"({warm_rate / dict_rate:.2f}× the dict), {cold_rate:,.0f}/s with {len(cold_queries):,} distinct spellings "
        f"({cold_rate / dict_rate:.2f}× the dict); target ≥ 200,000/s: {verdict(min(warm_rate, cold_rate), 200_000, lower_is_better=False)}"
    )
    hits = sum(1 for q in queries if index.lookup(q))
    print(f"  {hits:,} of {len(queries):,} queries found ({len(alternates):,} of them alternate names)")

    big = [r for r in sample if len(fold(r.name)) >= 6][:500]
    typos = [(_typo(fold(r.name), rng), r.geonameid) for r in big]
    samples = time_each(lambda q: index.resolve(q[0], limit=5), typos)
    p50, p95 = percentiles(samples)
    found = sum(1 for q, gid in typos if gid in {m.place.geonameid for m in index.resolve(q, limit=10)})

    all_keys = list(index._keys)  # the naive baseline: score every name of the gazetteer
    naive = time_each(lambda q: process.extractOne(q[0], all_keys, scorer=fuzz.ratio, score_cutoff=80), typos[:20])
    n50, n95 = percentiles(naive)
    print(
        f"fuzzy lookup (one typo, {len(typos)} queries): p50 {p50:.2f} ms, p95 {p95:.2f} ms "
        f"(target p95 ≤ 5 ms: {verdict(p95, 5, lower_is_better=True)}); right place in top 10: {found / len(typos):.1%}"
    )
    print(
        f"naive rapidfuzz scan of all {len(all_keys):,} names (baseline, 20 queries): p50 {n50:.1f} ms, p95 {n95:.1f} ms "
        f"→ blocked lookup is {n50 / p50:.0f}× faster at p50"
    )
