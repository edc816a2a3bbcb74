"""Registration, cancellation by the e-mailed link, the waiting list and the check-in, in Chromium at
phone width (390 px), against the browser suite's server on the demo world (which holds the demo
exchange: Dunkirk's visit to Krefeld with 60 participants). On every page: no horizontal scrolling,
no console error, no request to another host, no serious axe-core violation (see test_walk)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from twinning.demo.exchange import OFFICE_NAME, SLUG

from .conftest import BROWSER_VAR, REPO, _environment
from .test_walk import _check, _open

pytestmark = pytest.mark.browser

SMALL = "browser-test-kleine-begegnung"
EDITOR, PASSWORD = "exchanges-editor", "Zwillingsstadt-Check-in-1974!"

# Run in the server's database: a small activity with one seat (reset on every run: the database is
# kept between runs) and an editor of the demo exchange's office.
SETUP = f"""
from django.contrib.auth.models import User
from twinning.activities.models import Activity
from twinning.activities.services import activity_create
from twinning.core.dates import PartialDate
from twinning.core.services import Actor
from twinning.exchanges.models import Attendance, Registration
from twinning.exchanges.services import registration_settings_set
from twinning.offices.models import Office
from twinning.offices.services import membership_set
from twinning.places.models import Place
actor = Actor(via="cli:browser-test")
office = Office.objects.get(name={OFFICE_NAME!r})
activity = Activity.objects.filter(slug={SMALL!r}).first() or activity_create(
    title="Browser-Test: Kleine Begegnung", slug={SMALL!r}, kind="meeting", actor=actor,
    start=PartialDate.parse("2027-06-01"), place=Place.objects.get(geonameid=2884509))
registration_settings_set(activity=activity, office=office, actor=actor, is_open=True, capacity=1,
    fields=["home_place", "role", "consent_public"])
Registration.objects.filter(activity=activity).delete()
Attendance.objects.filter(registration__activity__slug={SLUG!r}).delete()
user = User.objects.filter(username={EDITOR!r}).first() or User.objects.create_user({EDITOR!r}, password={PASSWORD!r})
membership_set(office=office, user=user, role="editor", actor=actor)
"""


@pytest.fixture(scope="module")
def exchange_server(server: str) -> Iterator[str]:
    subprocess.run(
        [sys.executable, "-m", "twinning.manage", "shell", "-c", SETUP],
        env=_environment(),
        cwd=REPO,
        check=True,
        timeout=300,
    )
    yield server


def last_cancel_link(after: int) -> str:
    """The newest cancellation link the console e-mail backend wrote to the server's log."""
    for _ in range(20):
        text = (BROWSER_VAR / "server.log").read_text(encoding="utf-8", errors="replace")[after:]
        links = re.findall(r"https?://[^\s]+/exchanges/cancel/[A-Za-z0-9_-]+/", text)
        if links:
            return links[-1]
        time.sleep(0.25)
    raise AssertionError("no cancellation link in the server's log")


def log_size() -> int:
    return (BROWSER_VAR / "server.log").stat().st_size


def register(browser, base: str, given: str, family: str, problems: list[str], name: str) -> str:  # type: ignore[no-untyped-def]
    context, page, watch = _open(browser, "phone")
    page.goto(f"{base}/exchanges/register/{SMALL}/")
    problems += _check(page, watch, f"{name}-form", "phone")
    page.fill("#id_given_name", given)
    page.fill("#id_family_name", family)
    page.fill("#id_email", f"{given.lower()}.{family.lower()}@example.org")
    page.fill("#id_home_place", "Dünkirchen")
    page.check("#id_consent_list")
    page.click("form.exchange-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    problems += _check(page, watch, f"{name}-done", "phone")
    text = page.inner_text("main")
    context.close()
    return text


def test_registration_waiting_list_and_cancellation_by_link_at_phone_width(browser, exchange_server: str) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    start = log_size()
    first = register(browser, exchange_server, "Marie", "Leroy", problems, "register-first")
    assert "Sie sind angemeldet" in first, first
    link = last_cancel_link(start)
    second = register(browser, exchange_server, "Luc", "Dubois", problems, "register-waiting")
    assert "Warteliste" in second, second

    context, page, watch = _open(browser, "phone")
    page.goto(link)
    problems += _check(page, watch, "cancel", "phone")
    assert "Marie Leroy" in page.inner_text("main")
    before = log_size()
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    problems += _check(page, watch, "cancelled", "phone")
    assert "storniert" in page.inner_text("main")
    context.close()
    promoted = (BROWSER_VAR / "server.log").read_text(encoding="utf-8", errors="replace")[before:]
    assert "luc.dubois@example.org" in promoted and "Luc Dubois" in promoted  # moved up, and told so
    assert not problems, "\n".join(problems)


def login(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", EDITOR)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_check_in_by_name_at_phone_width(browser, exchange_server: str) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    context, page, watch = _open(browser, "phone")
    login(page, exchange_server)
    page.goto(f"{exchange_server}/manage/exchanges/")
    problems += _check(page, watch, "registrations", "phone")
    page.click("text=Bürgerbegegnung")
    page.wait_for_load_state("networkidle")
    problems += _check(page, watch, "participants", "phone")
    assert "60 angemeldet" in page.inner_text("main")
    page.click("a[href$='/checkin/2027-05-14/']")
    page.wait_for_load_state("networkidle")
    problems += _check(page, watch, "checkin", "phone")
    first_name = page.inner_text(".checkin-row .who >> nth=0").split("·")[0].strip()
    family = first_name.split()[-1]
    page.fill("#checkin-q", family)  # htmx reloads the list as one types
    page.wait_for_function(
        "(family) => [...document.querySelectorAll('.checkin-row .who')].every(e => e.textContent.includes(family))",
        arg=family,
    )
    row = page.locator(".checkin-row", has_text=first_name).first
    row.locator("button").click()  # htmx swaps the row in place
    page.locator(".checkin-row.is-present", has_text=first_name).wait_for()
    page.locator("#checkin-count", has_text="1 von").wait_for()  # the count follows (hx-swap-oob)
    problems += _check(page, watch, "checked-in", "phone")
    page.goto(f"{exchange_server}/manage/exchanges/")  # persisted: a fresh page shows the tick
    page.go_back()
    page.reload()
    page.fill("#checkin-q", family)
    page.locator(".checkin-row.is-present", has_text=first_name).wait_for()
    context.close()
    assert not problems, "\n".join(problems)
