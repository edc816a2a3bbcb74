"""The browser suite: Debian's chromium (installed by .ci/setup-system) driven by Playwright against a real
server on the demo world (the seed documents on the real GeoNames gazetteer), in its own database.

Run with `make test-browser` (the suite is marked `browser` and left out of plain `make test`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("TWINNING_CHROMIUM", "/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("TWINNING_SCREENSHOTS", REPO / "var" / "screenshots"))
BROWSER_VAR = Path(os.environ.get("TWINNING_BROWSER_VAR", REPO / "var" / "browser"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # its own SQLite database under var/browser
    env.update(
        TWINNING_VAR_DIR=str(BROWSER_VAR),
        DJANGO_SETTINGS_MODULE="twinning.config.settings.base",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    return env


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """A server on the demo world; the database is kept under var/browser (the demo load is idempotent)."""
    BROWSER_VAR.mkdir(parents=True, exist_ok=True)
    env = _environment()
    manage = [sys.executable, "-m", "twinning.manage"]
    for command in (["migrate", "--no-input", "-v0"], ["demo", "-v0"]):
        subprocess.run([*manage, *command], env=env, check=True, cwd=REPO, timeout=1800)
    port = _free_port()
    log = (BROWSER_VAR / "server.log").open("w")
    process = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=REPO, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/", timeout=5)
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"the server stopped: see {BROWSER_VAR / 'server.log'}") from None
                time.sleep(0.5)
        else:
            raise RuntimeError("the server did not answer within 60 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run .ci/setup-system (Debian package chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()
