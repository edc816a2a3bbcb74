"""Where a page's time goes: queries (count, time, the slowest with their plan) and a cProfile of
the Python side, for one URL through Django's test client against the database in DATABASE_URL.

    DATABASE_URL=postgres://.../twinning_x .venv/bin/python bench/profile_page.py /network/health/ [--explain] [--cprofile]

The first request fills the caches; the figures are of the second (warm) one, or of the first
with --cold.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--cold", action="store_true", help="profile the first request (caches emptied)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the five slowest queries")
    parser.add_argument("--cprofile", action="store_true", help="print the top functions by cumulative time")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative, tottime, ...")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for url in options.urls:
        cache.clear()
        if not options.cold:
            client.get(url, follow=True)
        reset_queries()
        # CPU time, not wall time: on a shared machine the process waits for a core at random.
        profiler = cProfile.Profile(time.process_time)
        with CaptureQueriesContext(connection) as captured:
            started, cpu = time.perf_counter(), time.process_time()
            profiler.enable()
            response = client.get(url, follow=True)
            profiler.disable()
            elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
        queries = captured.captured_queries
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        print(
            f"\n{url}: {response.status_code}, {elapsed:.0f} ms ({cpu:.0f} ms CPU), {len(queries)} queries ({sql_ms:.0f} ms in SQL), "
            f"{len(response.content) // 1024} KiB, load {os.getloadavg()[0]:.1f}"
        )
        slowest = sorted(queries, key=lambda q: -float(q["time"]))[:5]
        for query in slowest:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
        if options.explain:
            for query in slowest:
                with connection.cursor() as cursor:
                    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
                    cursor.execute(prefix + query["sql"])
                    print(f"\n  plan of {query['sql'][:120]}")
                    for row in cursor.fetchall():
                        print("    " + " | ".join(str(c) for c in row))
        if options.cprofile:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(options.sort).print_stats(options.top)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
