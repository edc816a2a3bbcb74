"""The workbench's "done when" in headless Chromium, against a running server.

    DATABASE_URL=... twinning demo                       # the demo world (Krefeld, Darmstadt, their partners)
    DATABASE_URL=... twinning runserver 127.0.0.1:8108 &
    DATABASE_URL=... python tests/browser/workbench_chromium.py http://127.0.0.1:8108

Sets up (idempotently) the offices Krefeld (2884509) and Darmstadt (2938913) with an editor each
and an internal Darmstadt contact, then as Krefeld's editor: logs in through the form, adds an
activity to Krefeld–Charlotte with the place picker, finds it on the public partnership page, gets
403 editing Darmstadt–San Antonio and 404 on Darmstadt's internal contact; /manage/ sends an
anonymous visitor to the login. Chromium is /usr/bin/chromium (CHROMIUM to override). Prints
each check; exits non-zero on the first failure. Not collected by pytest (it needs a live server).
"""

from __future__ import annotations

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from twinning.core.services import Actor  # noqa: E402
from twinning.directory.models import Person  # noqa: E402
from twinning.directory.services import contact_detail_add, person_create, role_add  # noqa: E402
from twinning.offices.models import Office  # noqa: E402
from twinning.offices.services import membership_set, office_create  # noqa: E402
from twinning.partnerships.models import Partnership  # noqa: E402
from twinning.places.models import Place  # noqa: E402

KREFELD, CHARLOTTE, DARMSTADT, SAN_ANTONIO = 2884509, 4460243, 2938913, 4726206
PASSWORD = "Zwillingsstadt-1986!"
TITLE = "Browser-Test: Schüleraustausch mit Charlotte"


def setup() -> dict[str, int]:
    actor = Actor(via="cli:browser-check")
    places = {gid: Place.objects.get(geonameid=gid) for gid in (KREFELD, CHARLOTTE, DARMSTADT, SAN_ANTONIO)}
    offices = {}
    for gid, name in ((KREFELD, "Stadt Krefeld, Internationales"), (DARMSTADT, "Wissenschaftsstadt Darmstadt")):
        office = Office.objects.filter(name=name).first() or office_create(name=name, places=[places[gid]], actor=actor)
        user = User.objects.filter(username=f"editor-{gid}").first()
        if user is None:
            user = User.objects.create_user(f"editor-{gid}", password=PASSWORD)
        membership_set(office=office, user=user, role="editor", actor=actor)
        offices[gid] = office
    person = Person.objects.filter(name="Dora Darmstädter").first()
    if person is None:
        person = person_create(name="Dora Darmstädter", actor=actor)
        role_add(person=person, function="Städtepartnerschaften", place=places[DARMSTADT], actor=actor)
        contact_detail_add(person=person, kind="phone", value="06151 13-9999", actor=actor)
    pair = {p.pk for p in (places[DARMSTADT], places[SAN_ANTONIO])}
    darmstadt_san_antonio = next(p for p in Partnership.objects.all() if {m.place_id for m in p.members.all()} == pair)
    krefeld_charlotte = next(
        p for p in Partnership.objects.all() if {m.place_id for m in p.members.all()} == {places[KREFELD].pk,
                                                                                        places[CHARLOTTE].pk}
    )  # fmt: skip
    return {"ks": krefeld_charlotte.pk, "ds": darmstadt_san_antonio.pk, "dora": person.pk}


def check(label: str, ok: bool) -> None:
    print(("ok   " if ok else "FAIL ") + label)
    if not ok:
        sys.exit(1)


def main(base: str) -> None:
    ids = setup()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
        page = browser.new_page(locale="de-DE")
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        page.goto(f"{base}/manage/")
        check("/manage/ sends an anonymous visitor to the login", "/accounts/login/" in page.url)
        page.fill("#id_username", f"editor-{KREFELD}")
        page.fill("#id_password", PASSWORD)
        page.click("form.wb-form button[type=submit]")
        page.wait_for_load_state()
        check("the login form logs in and returns to /manage/ (200)", page.url.rstrip("/").endswith("/manage"))

        page.goto(f"{base}/manage/activities/new/?partnership={ids['ks']}")
        page.fill("#id_title", TITLE)
        page.select_option("#id_kind", "school_exchange")
        page.fill("#id_start", "2026-09")
        page.fill("#search-place", "Krefeld")
        page.locator("#results-place button").first.click()
        page.wait_for_selector("#chosen-place input[name=place]")
        check("the place picker (htmx) chose Krefeld", "Krefeld" in page.inner_text("#chosen-place"))
        check(
            "Krefeld–Charlotte is ticked",
            page.locator(f"input[name=partnerships][value='{ids['ks']}']").is_checked(),
        )
        page.locator("form.wb-form button[type=submit]").first.click()
        page.wait_for_load_state()
        check("the activity is saved (redirect to its workbench page)", "/manage/activities/" in page.url)

        page.goto(f"{base}/partnerships/{ids['ks']}/")
        check("the activity is on the public partnership page", TITLE in page.content())

        response = page.goto(f"{base}/manage/partnerships/{ids['ds']}/")
        check("editing Darmstadt–San Antonio answers 403", response is not None and response.status == 403)
        response = page.goto(f"{base}/manage/people/{ids['dora']}/")
        check("Darmstadt's internal contact answers 404", response is not None and response.status == 404)
        page.goto(f"{base}/places/{DARMSTADT}/")
        check("Darmstadt's internal phone is not on its place page", "06151 13-9999" not in page.content())
        csp_errors = [e for e in errors if "Content Security Policy" in e]
        check("no Content-Security-Policy violations in the console", not csp_errors)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8108")
