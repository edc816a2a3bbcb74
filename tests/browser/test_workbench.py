"""The workbench's "done when" in Chromium against the running server, with two offices (Krefeld
2884509, Darmstadt 2938913) and an editor each: /manage/ sends an anonymous visitor to the login;
Krefeld's editor logs in through the form, adds a delegation trip to Krefeld–Charlotte with its
itinerary (Krefeld → Washington → Charlotte, each stop chosen with the htmx place picker), sees it
on the portal, gets 403 editing Darmstadt–San Antonio and 404 on Darmstadt's internal contact.
No Content-Security-Policy violation on the way."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from .conftest import REPO, _environment

pytestmark = pytest.mark.browser

KREFELD, DARMSTADT = 2884509, 2938913
PASSWORD = "Zwillingsstadt-1986!"
TITLE = "Browser-Test: Delegationsreise nach Washington und Charlotte"


@pytest.fixture(scope="module")
def offices(server: str) -> dict[str, int]:
    """The offices and their editors in the server's database (set up idempotently)."""
    done = subprocess.run(
        [sys.executable, str(REPO / "tests" / "browser" / "workbench_world.py")],
        env=_environment(),
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _pick(page: Any, field: str, query: str, expected: str) -> None:
    """Search a place in the picker of `field` and choose the first hit."""
    page.fill(f"#search-{field}", query)
    page.locator(f"#results-{field} button", has_text=expected).first.click()
    page.wait_for_selector(f"#chosen-{field} input[name='{field}']")
    assert expected in page.inner_text(f"#chosen-{field}")


def test_krefelds_editor_walks_the_done_when(browser: Any, server: str, offices: dict[str, int]) -> None:
    page = browser.new_page(locale="de-DE")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    try:
        page.goto(f"{server}/manage/")
        assert "/accounts/login/" in page.url  # anonymous: to the login
        page.fill("#id_username", f"editor-{KREFELD}")
        page.fill("#id_password", PASSWORD)
        page.click("form.wb-form button[type=submit]")
        page.wait_for_load_state()
        assert page.url.rstrip("/").endswith("/manage")  # a member: the workbench (200)

        page.goto(f"{server}/manage/activities/new/?partnership={offices['ks']}")
        page.fill("#id_title", TITLE)
        page.select_option("#id_kind", "delegation_trip")
        page.fill("#id_start", "2026-04-20")
        page.fill("#id_end", "2026-04-27")
        _pick(page, "place", "Krefeld", "Krefeld")
        assert page.locator(f"input[name=partnerships][value='{offices['ks']}']").is_checked()
        for index, (query, start, end) in enumerate(
            [("Krefeld", "2026-04-20", "2026-04-20"), ("Washington", "2026-04-21", "2026-04-23"),
             ("Charlotte", "2026-04-23", "2026-04-27")]
        ):  # fmt: skip
            _pick(page, f"legs-{index}-place", query, query)
            page.fill(f"#id_legs-{index}-start", start)
            page.fill(f"#id_legs-{index}-end", end)
        page.locator("form.wb-form button[type=submit]").first.click()
        page.wait_for_load_state()
        assert "/manage/activities/" in page.url and "/new/" not in page.url, page.inner_text("main")[:1000]
        # The edit form shows the three legs in order.
        chosen = [page.inner_text(f"#chosen-legs-{i}-place") for i in range(3)]
        assert [c.split(" (")[0].strip() for c in chosen] == ["Krefeld", "Washington", "Charlotte"], chosen

        page.goto(f"{server}/partnerships/{offices['ks']}/")
        assert TITLE in page.content()  # on the portal

        response = page.goto(f"{server}/manage/partnerships/{offices['ds']}/")
        assert response is not None and response.status == 403  # Darmstadt–San Antonio: read-only to Krefeld
        response = page.goto(f"{server}/manage/people/{offices['dora']}/")
        assert response is not None and response.status == 404  # Darmstadt's internal contact: invisible
        page.goto(f"{server}/places/{DARMSTADT}/")
        assert "06151 13-9999" not in page.content()
        assert not [text for text in console if "Content Security Policy" in text], console
    finally:
        page.close()
