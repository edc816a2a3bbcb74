"""`make bench-load`: a bounded load test of the production server on this machine only.

Builds a world in a throw-away SQLite database (gazetteer and demo world), starts `twinning serve`
with the production settings on 127.0.0.1, then runs locust for at most two minutes: 50
concurrent users browsing and searching (plus baseline users asking the trivial view) while
`import_twins` writes the real Wikipedia CSV into the same database. Prints requests/s, p95 and
errors per page next to the trivial view. Target (issue 12): 0 errors, p95 ≤ 500 ms.

    .venv/bin/python bench/load.py [--users 50] [--seconds 90]
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CSV = REPO.parent / "shared" / "data" / "twins" / "wikipedia_twin_cities_2026_geocoded.csv"
PORT = int(os.environ.get("LOAD_PORT", "8199"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=90)
    options = parser.parse_args()
    seconds = min(options.seconds, 120)
    work = Path(tempfile.mkdtemp(prefix="twinning-load-"))
    env = dict(
        os.environ,
        TWINNING_VAR_DIR=str(work),
        DATABASE_URL=f"sqlite:///{work / 'load.sqlite3'}",
        DJANGO_SETTINGS_MODULE="twinning.config.settings.production",
        SECRET_KEY="load-test-only-" + os.urandom(16).hex(),
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
    )
    env.pop("CELERY_BROKER_URL", None)
    twinning = str(BIN / "twinning")
    for step in (["collectstatic", "--no-input", "-v0"], ["migrate", "--no-input", "-v0"], ["demo"]):
        subprocess.run([twinning, *step], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [twinning, "serve", "--bind", f"127.0.0.1:{PORT}", "--workers", "2", "--threads", "16"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/readyz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        importer = subprocess.Popen(
            [twinning, "import_twins", str(CSV), "-v0"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        stats = work / "locust"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                "-u",
                str(options.users),
                "-r",
                "10",
                "-t",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(stats),
                "--only-summary",
            ],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import_state = "still running" if importer.poll() is None else f"finished with status {importer.returncode}"
        rows = list(csv.DictReader((work / "locust_stats.csv").open()))
        print(
            f"load: {options.users} users for {seconds} s against gunicorn (2 workers x 16 threads), SQLite, "
            f"while import_twins wrote the Wikipedia CSV ({import_state})"
        )
        print(f"  {'request':<22} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}")
        for row in rows:
            print(
                f"  {row['Name']:<22} {row['Request Count']:>8} {float(row['Requests/s']):7.1f} "
                f"{row['50%']:>7} {row['95%']:>7} {row['Failure Count']:>6}"
            )
        failures = work / "locust_failures.csv"
        for row in csv.DictReader(failures.open()) if failures.is_file() else ():
            print(f"  error: {row['Name']}: {row['Error']} ×{row['Occurrences']}")
        print(f"  load average {os.getloadavg()[0]:.1f} (2 cores shared by everyone)")
        total = next(r for r in rows if r["Name"] == "Aggregated")
        errors = int(total["Failure Count"])
        print(f"  verdict: {errors} errors (target 0), aggregated p95 {total['95%']} ms (target 500 ms)")
        importer.send_signal(signal.SIGTERM)
        importer.wait(timeout=60)
        return 1 if errors else 0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


if __name__ == "__main__":
    raise SystemExit(main())
