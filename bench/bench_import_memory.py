"""Memory of a large import: a 50 MB CSV built from the real Wikipedia twin-town data (repeated,
with varied names and coordinates), imported by `import_twins` in a fresh process. Prints the
peak RSS (target: under 300 MB) next to the baseline of the same process before the first row is
read (Django set up, gazetteer index built), so the import's own share is visible.

Run alone: `python bench/bench_import_memory.py` (uses DATABASE_URL, default a throw-away SQLite
database with the gazetteer loaded first), or through `make bench`.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
TWINS = REPO.parent / "shared" / "data" / "twins"
SOURCE_CSV = TWINS / "wikipedia_twin_cities_2026_geocoded.csv"
TARGET_BYTES = 50 * 1000 * 1000
TARGET_PEAK_MB = 300

# Names as other lists spell them: the linker must still find the place (prefixes and suffixes it
# strips, case it folds); every 97th row names a village no gazetteer has (a place to create).
VARIANTS = ("{}", "City of {}", "{} City", "{}", "STADT {}", "{}")

CHILD = r"""
import json, os, resource, sys, time
def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
import django
django.setup()
from io import StringIO
from django.core.management import call_command
from twinning.places.index import get_index
started = rss_mb()
get_index()
before = rss_mb()
out = StringIO()
t = time.perf_counter()
call_command("import_twins", sys.argv[1], "--json", "-v0", "--source", "bench-50mb", stdout=out)
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"django_mb": started, "before_mb": before, "peak_mb": peak, "seconds": seconds,
                  "report": json.loads(out.getvalue())}))
"""


def build_csv(path: Path, target: int = TARGET_BYTES) -> tuple[int, int]:
    """Repeat the real rows, varying names and coordinates, until the file is `target` bytes."""
    with open(SOURCE_CSV, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    written = count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        repetition = 0
        while written < target:
            variant = VARIANTS[repetition % len(VARIANTS)]
            jitter = repetition * 0.00001
            for number, (city1, country1, lat1, lng1, city2, country2, lat2, lng2) in enumerate(rows):
                if number % 97 == repetition % 97:
                    city2 = f"Neudorf {repetition}-{number}"
                row = [
                    city1,
                    country1,
                    f"{float(lat1) + jitter:.5f}" if lat1 else "",
                    lng1,
                    variant.format(city2),
                    country2,
                    lat2,
                    f"{float(lng2) - jitter:.5f}" if lng2 else "",
                ]
                writer.writerow(row)
                count += 1
            repetition += 1
            written = handle.tell()
    return path.stat().st_size, count


def main() -> None:
    workdir = Path(os.environ.get("TWINNING_VAR_DIR") or tempfile.mkdtemp(prefix="twinning-bench-"))
    os.environ["TWINNING_VAR_DIR"] = str(workdir)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command

    from twinning.places.gazetteer import gazetteer_is_loaded, gazetteer_load

    call_command("migrate", verbosity=0)
    if not gazetteer_is_loaded():
        gazetteer_load()
    path = workdir / "twins-50mb.csv"
    started = time.perf_counter()
    size, rows = build_csv(path)
    built = time.perf_counter() - started
    env = {**os.environ, "TWINNING_MAX_INPUT_BYTES": str(size + 1)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=env, cwd=REPO, check=False
    )
    if result.returncode != 0:
        print(result.stderr[-3000:])
        raise SystemExit("the import failed")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    report = figures["report"]
    peak, before = figures["peak_mb"], figures["before_mb"]
    print(
        f"import of a {size / 1e6:.1f} MB CSV ({rows} rows, built in {built:.1f} s): peak RSS {peak:.0f} MB "
        f"(target {TARGET_PEAK_MB} MB: {'meets target' if peak < TARGET_PEAK_MB else 'MISSES target'}); "
        f"baseline: the same process before the first row {before:.0f} MB (Django alone "
        f"{figures['django_mb']:.0f} MB, then the gazetteer index), so the import itself added "
        f"{peak - before:.0f} MB; {figures['seconds']:.1f} s, {rows / figures['seconds']:.0f} rows/s"
    )
    print(
        f"  {report['rows']} rows, {report['linked']} linked ({report['linked_share']:.1%}), "
        f"{report['partnerships_created']} partnerships created, {report['repeated']} repeated, "
        f"{report['places_created']} places created"
    )
    path.unlink()


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
