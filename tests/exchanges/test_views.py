"""The public form, cancellation by link, and the office's pages with their access rules."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from twinning.exchanges import selectors
from twinning.exchanges.models import Attendance, Registration
from twinning.exchanges.services import ParticipantInput, registration_create

from .conftest import ACTOR, member

pytestmark = pytest.mark.django_db

FORM = {
    "given_name": "Marie",
    "family_name": "Leroy",
    "email": "marie.leroy@example.org",
    "home_place": "Dünkirchen",
    "country": "",
    "organization": "Comité de jumelage",
    "role": "guest",
    "days": ["2026-06-12", "2026-06-13"],
    "dietary_needs": "vegetarisch",
    "accessibility_needs": "",
    "group": "",
    "consent_list": "on",
    "consent_public": "on",
}


def register(client: Client, slug: str, **change: Any) -> Any:
    return client.post(f"/exchanges/register/{slug}/", {**FORM, **change}, follow=True)


def test_public_form_in_german_registers_and_mails_the_cancellation_link(
    registration: Any, dunkirk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    page = client.get(f"/exchanges/register/{registration.activity.slug}/")
    assert page.status_code == 200
    assert "Anmeldung" in page.content.decode() or "Registration" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = register(client, registration.activity.slug)
    assert done.status_code == 200
    found = Registration.objects.get()
    assert (found.home_place, found.country_id, found.days) == (dunkirk, "FR", ["2026-06-12", "2026-06-13"])
    assert found.consent_public and found.channel == "form"
    link = re.search(r"http://testserver(/exchanges/cancel/[^/\s]+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    shown = client.get(link.group(1))
    assert shown.status_code == 200 and "Marie Leroy" in shown.content.decode()
    assert Registration.objects.get().status == "registered"  # GET never cancels
    client.post(link.group(1))
    assert Registration.objects.get().status == "cancelled"


def test_the_form_refuses_without_consent_and_writes_nothing(registration: Any) -> None:
    response = Client().post(f"/exchanges/register/{registration.activity.slug}/", {**FORM, "consent_list": ""})
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_a_full_activity_offers_the_waiting_list_and_the_group_form_works(registration: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    register(client, registration.activity.slug, group="Luc; Dubois; Dunkerque\nEmma; Dubois")
    page = client.get(f"/exchanges/register/{registration.activity.slug}/")
    assert "Join the waiting list" in page.content.decode()
    register(client, registration.activity.slug, given_name="Paul", email="paul@example.org")
    assert [r.status for r in Registration.objects.order_by("pk")] == ["registered"] * 3 + ["waiting"]
    bad = client.post(f"/exchanges/register/{registration.activity.slug}/", {**FORM, "group": "only-one-name"})
    assert bad.status_code == 400 and "Line 1" in bad.content.decode()


def test_closed_and_unknown_registrations(registration: Any) -> None:
    registration.is_open = False
    registration.save()
    page = Client().get(f"/exchanges/register/{registration.activity.slug}/")
    assert '<form method="post" class="exchange-form"' not in page.content.decode()
    assert Client().post(f"/exchanges/register/{registration.activity.slug}/", FORM).status_code == 400
    assert Client().get("/exchanges/register/no-such-activity/").status_code == 404
    assert Client().get("/exchanges/cancel/not-a-token/").status_code == 404


def test_participants_are_invisible_to_other_offices_and_the_public(registration: Any, other_office: Any) -> None:
    made = registration_create(
        activity=registration.activity,
        data=ParticipantInput(given_name="Marie", family_name="Leroy", consent_list=True),
        channel="office",
        actor=ACTOR,
    ).registration
    pk = registration.activity.pk
    urls = [
        f"/manage/exchanges/activities/{pk}/",
        f"/manage/exchanges/activities/{pk}/settings/",
        f"/manage/exchanges/activities/{pk}/add/",
        f"/manage/exchanges/activities/{pk}/import/",
        f"/manage/exchanges/activities/{pk}/checkin/2026-06-12/",
    ]
    outsider = Client()
    outsider.force_login(member("dunkerque", other_office, role="manager"))
    for url in urls:
        assert outsider.get(url).status_code == 404, url
    assert (
        outsider.post(f"/manage/exchanges/activities/{pk}/checkin/2026-06-12/{made.pk}/", {"present": "1"}).status_code
        == 404
    )
    assert "Leroy" not in outsider.get("/manage/exchanges/").content.decode()
    for url in urls:
        assert Client().get(url).status_code == 302, url  # to the login
    public = Client().get(f"/exchanges/register/{registration.activity.slug}/").content.decode()
    assert "Leroy" not in public  # no consent to be named
    insider = Client()
    insider.force_login(member("krefeld", registration.office))
    for url in urls:
        assert insider.get(url).status_code == 200, url
    assert "Leroy" in insider.get(urls[0]).content.decode()
    viewer = Client()
    viewer.force_login(member("krefeld-viewer", registration.office, role="viewer"))
    assert viewer.get(urls[0]).status_code == 200
    assert viewer.get(urls[4]).status_code == 403


def test_checkin_ticks_per_day_with_and_without_htmx(registration: Any) -> None:
    made = registration_create(
        activity=registration.activity,
        data=ParticipantInput(given_name="Marie", family_name="Leroy", consent_list=True),
        channel="office",
        actor=ACTOR,
    ).registration
    client = Client()
    client.force_login(member("krefeld", registration.office))
    base = f"/manage/exchanges/activities/{registration.activity.pk}/checkin/2026-06-13/"
    assert "Leroy" in client.get(base, {"q": "ler"}).content.decode()
    assert "Leroy" not in client.get(base, {"q": "xyz"}).content.decode()
    response = client.post(f"{base}{made.pk}/", {"present": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "is-present" in response.content.decode()
    assert 'id="checkin-count"' in response.content.decode() and "1 von 1 eingecheckt" in response.content.decode()
    assert list(Attendance.objects.values_list("day", flat=True)) == [dt.date(2026, 6, 13)]
    assert client.post(f"{base}{made.pk}/", {"present": "0"}).status_code == 302
    assert not Attendance.objects.exists()
    assert client.get(f"/manage/exchanges/activities/{registration.activity.pk}/checkin/2026-07-01/").status_code == 404


def test_office_opens_a_registration_and_adds_people_by_hand(visit: Any, krefeld_office: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(member("krefeld", krefeld_office))
    assert visit.title in client.get("/manage/exchanges/").content.decode()
    response = client.post(
        f"/manage/exchanges/activities/{visit.pk}/settings/",
        {
            "office": krefeld_office.pk,
            "is_open": "on",
            "capacity": "60",
            "asked": ["home_place", "role"],
            "retention_years": "5",
        },
    )
    assert response.status_code == 302
    settings = selectors.registration_settings(visit)
    assert (settings.capacity, settings.fields, settings.is_open) == (60, ["home_place", "role"], True)
    form = Client().get(f"/exchanges/register/{visit.slug}/").content.decode()
    assert 'name="home_place"' in form and 'name="organization"' not in form
    added = client.post(
        f"/manage/exchanges/activities/{visit.pk}/add/",
        {"given_name": "Jan", "family_name": "Schmitz", "home_place": "Krefeld", "role": "host", "consent_list": "on"},
    )
    assert added.status_code == 302
    assert Registration.objects.get().channel == "office"


def test_the_activity_page_links_to_the_open_registration_with_counts_only(registration: Any) -> None:
    registration_create(
        activity=registration.activity,
        data=ParticipantInput(given_name="Marie", family_name="Leroy", consent_list=True),
        actor=ACTOR,
        channel="office",
    )
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(registration.activity.get_absolute_url()).content.decode()
    assert f"/exchanges/register/{registration.activity.slug}/" in page
    assert "1 person registered" in page and "Leroy" not in page
