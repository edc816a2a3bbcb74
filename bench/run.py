"""`make bench`: every bench/bench_*.py module's main(), against a throw-away SQLite database.

Each benchmark prints its figures next to a baseline measured in the same run, so the ratios
mean something on any machine. The developer's var/ database is never touched.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ORDER = ["bench_gazetteer"]  # runs first: it loads the gazetteer the others use


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="twinning-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["TWINNING_VAR_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
    sys.path.insert(0, str(BENCH_DIR))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    wanted = set(sys.argv[1:])
    sys.argv = sys.argv[:1]  # each benchmark parses its own (default) options
    names = ORDER + sorted(p.stem for p in BENCH_DIR.glob("bench_*.py") if p.stem not in ORDER)
    failures = 0
    for name in names:
        if wanted and name not in wanted and name.removeprefix("bench_") not in wanted:
            continue
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        try:
            if importlib.import_module(name).main():
                failures += 1
        except Exception as error:  # a broken benchmark must not hide the others' figures
            failures += 1
            print(f"FAILED: {type(error).__name__}: {error}", flush=True)
        print(f"({name}: {time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
