"""Fixtures of the security suite: the demo world (real seeds, real gazetteer) with review
suggestions, one user per role, and headless Chromium that loads pages through Django's test client
(inside the test's transaction), so the browser enforces the real Content-Security-Policy header."""

from __future__ import annotations

import mimetypes
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from tests.conftest import SEEDS
from twinning.core.services import Actor

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ORIGIN = "http://testserver"


@pytest.fixture
def demo(gazetteer_index: Any) -> None:
    call_command("demo", stdout=StringIO(), stderr=StringIO())
    from twinning.press.ingest import article_ingest

    for seed in ("001_e006de778fe042da.txt", "004_f3406078fd939795.txt"):
        article_ingest(raw=(SEEDS / seed).read_bytes(), name=seed, actor=Actor(via="test"))


@dataclass
class PageReport:
    url: str
    status: int
    csp_violations: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


class Browser:
    """Headless Chromium whose requests to http://testserver are answered by Django's test client."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.report: PageReport | None = None
        self.prefetched: dict[str, tuple[int, dict[str, str], bytes]] = {}
        page.route(f"{ORIGIN}/**", self._answer)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.report and self.report.page_errors.append(str(error)))
        page.on("dialog", self._dialog)

    @staticmethod
    def prefetch(client: Client, path: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
        """The page and the same-origin, non-static resources it loads (the admin's jsi18n, the
        OpenAPI document of /api/docs), fetched through Django in the test's own context: the
        route handler runs in Playwright's greenlet and must not touch the database."""
        fetched = {path: _fetch(client, path)}
        html = fetched[path][2].decode("utf-8", "replace")
        found = re.findall(r"""<(?:script|link|img)[^>]*?(?:src|href)=["'](/[^"']*)""", html)
        for extra in [*found, *(["/api/openapi.json"] if path.startswith("/api/docs") else [])]:
            extra = unescape(extra)
            if not extra.startswith(("/static/", "//")) and extra not in fetched:
                fetched[extra] = _fetch(client, extra)
        return fetched

    def _answer(self, route: Any) -> None:
        parts = urlsplit(route.request.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in self.prefetched:
            status, headers, body = self.prefetched[path]
        elif parts.path.startswith(settings.STATIC_URL) and finders.find(parts.path[len(settings.STATIC_URL) :]):
            found = Path(finders.find(parts.path[len(settings.STATIC_URL) :]))  # type: ignore[arg-type]
            kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            status, headers, body = 200, {"Content-Type": kind}, found.read_bytes()
        else:
            if self.report is not None:
                self.report.console_errors.append(f"unexpected request for {path}")
            status, headers, body = 404, {}, b""
        route.fulfill(status=status, headers=headers, body=body)

    def _console(self, message: Any) -> None:
        if self.report is None or message.type != "error":
            return
        text = message.text
        if "Content Security Policy" in text:
            self.report.csp_violations.append(text)
        elif "Cross-Origin-Opener-Policy header has been ignored" in text:
            return  # http://testserver is not a "potentially trustworthy" origin; production runs on https
        elif not text.startswith("Failed to load resource: the server responded with a status of 4"):
            self.report.console_errors.append(text)

    def _dialog(self, dialog: Any) -> None:
        if self.report is not None:
            self.report.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, path: str, prefetched: dict[str, tuple[int, dict[str, str], bytes]]) -> PageReport:
        self.report = PageReport(url=path, status=0)
        self.prefetched = prefetched
        response = self.page.goto(ORIGIN + path, wait_until="load", timeout=30_000)
        self.page.wait_for_timeout(150)  # deferred scripts, map and graph drawing
        self.report.status = response.status if response else 0
        report, self.report = self.report, None
        return report


def _fetch(client: Client, path: str) -> tuple[int, dict[str, str], bytes]:
    response = client.get(path)
    # No response.close(): the test client has closed it already, and a second close() would send
    # request_finished with close_old_connections connected, closing the test database's connection.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, dict(response.items()), body


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    # Playwright's sync API runs an event loop in this thread; the route handler's database reads
    # are still synchronous and in this thread (inside the test's transaction).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield Browser(chromium.new_page())
        finally:
            chromium.close()
