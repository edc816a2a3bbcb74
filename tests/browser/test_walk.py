"""A visitor's walk through the portal at desktop (1366 px) and phone (390 px) width: home → a list → a place →
a partnership → a programme → an article → search. On every page: no horizontal scrolling, no console error,
no request to another host, no serious or critical axe-core violation. Screenshots go to var/screenshots."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlparse

import pytest

from .conftest import AXE, SCREENSHOTS

pytestmark = pytest.mark.browser

KREFELD = "/places/2884509/krefeld/"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclass
class Watch:
    """What the browser reported while a page was shown."""

    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.console_errors.clear()
        self.foreign_requests.clear()


def _open(browser, viewport: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="de-DE", device_scale_factor=1)
    page = context.new_page()
    watch = Watch()
    page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        url = urlparse(route.request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.hostname not in LOCAL_HOSTS:
            watch.foreign_requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    return context, page, watch


def _check(page, watch: Watch, name: str, viewport: str, status: int = 200) -> list[str]:  # type: ignore[no-untyped-def]
    problems = []
    if status != 200:  # the browser reports the page's own status as a console error
        watch.console_errors[:] = [e for e in watch.console_errors if f"status of {status}" not in e]
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{viewport}-{name}.png"), full_page=True)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if widths[0] > widths[1]:
        wide = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""",
            widths[1],
        )
        problems.append(f"{name}: page is {widths[0]} px wide in a {widths[1]} px window ({', '.join(wide)})")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    for violation in result["violations"]:
        if violation["impact"] in {"serious", "critical"}:
            targets = [node["target"] for node in violation["nodes"][:3]]
            problems.append(f"{name}: axe {violation['impact']} {violation['id']}: {violation['help']} {targets}")
    problems += [f"{name}: console error: {text}" for text in watch.console_errors]
    problems += [f"{name}: request to another host: {url}" for url in watch.foreign_requests]
    watch.clear()
    return problems


def _follow(page, selector: str, what: str) -> None:  # type: ignore[no-untyped-def]
    link = page.locator(selector).first
    assert link.count(), f"no link to {what} ({selector}) on {page.url}"
    page.goto(urljoin(page.url, link.get_attribute("href")))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_walk(browser, server, viewport):  # type: ignore[no-untyped-def]
    context, page, watch = _open(browser, viewport)
    problems: list[str] = []
    try:
        page.goto(f"{server}/")
        assert page.locator("h1").count() == 1
        problems += _check(page, watch, "1-home", viewport)

        list_link = page.locator("nav.site-nav a[href='/partnerships/'], nav.site-nav a[href='/network/statistics/']")
        assert list_link.count(), "the header reaches no list"
        page.goto(server + list_link.first.get_attribute("href"))
        problems += _check(page, watch, "2-list", viewport)

        page.goto(server + KREFELD)
        html = page.content()
        for name in ("Charlotte", "Dünkirchen", "Leicester", "Venlo", "Frankreich", "Vereinigte Staaten"):
            assert name in html, name
        problems += _check(page, watch, "3-place", viewport)

        _follow(page, ".partner-card a[href*='/partnerships/']", "a partnership")
        assert page.locator("h1").inner_text().startswith("Krefeld – ")
        problems += _check(page, watch, "4-partnership", viewport)

        page.goto(server + KREFELD)
        _follow(page, "main a[href^='/activities/']", "an activity")
        _follow(page, "main a[href^='/programmes/']", "a programme")
        problems += _check(page, watch, "5-programme", viewport)

        page.goto(server + KREFELD)
        _follow(page, "main a[href^='/news/']", "an article")
        problems += _check(page, watch, "6-article", viewport)

        page.goto(f"{server}/search/?q=Krefeld")
        assert page.locator("main a[href='/places/2884509/krefeld/']").count()
        problems += _check(page, watch, "7-search", viewport)

        page.goto(f"{server}/no-such-page/")
        assert "Seite nicht gefunden" in page.content()
        problems += _check(page, watch, "8-not-found", viewport, status=404)
    finally:
        context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_print_styles_hide_navigation(browser, server):  # type: ignore[no-untyped-def]
    context, page, _watch = _open(browser, "desktop")
    try:
        page.emulate_media(media="print")
        page.goto(server + KREFELD)
        assert not page.locator("nav.site-nav").is_visible()
        assert page.locator(".partner-card").first.is_visible()
        pdf = page.pdf(format="A4")
        assert pdf[:4] == b"%PDF" and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1
        (SCREENSHOTS / "print-place.pdf").write_bytes(pdf)
    finally:
        context.close()


def test_api_documentation_runs_offline(browser, server):  # type: ignore[no-untyped-def]
    """Swagger UI comes from the pinned npm package, served locally: it renders without another host."""
    context, page, watch = _open(browser, "desktop")
    try:
        page.goto(f"{server}/api/docs")
        page.wait_for_selector(".opblock", timeout=30_000)
        assert page.locator(".opblock").count() > 5
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / "desktop-api-docs.png"))
        assert not watch.foreign_requests, watch.foreign_requests
        assert not watch.console_errors, watch.console_errors
    finally:
        context.close()
