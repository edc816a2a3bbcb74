"""A person's data: consent recorded (date, by whom), exported as JSON, erased by anonymisation;
afterwards no page, API response, export or search finds the name or the contact details."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, ArticleFactory, ContactDetailFactory, ParticipationFactory
from twinning.core.models import AuditEntry, Citation
from twinning.offices.models import Consent
from twinning.places.models import Place

from .conftest import Offices

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "Karl Krefelder", "02151 86-2010", "karl.krefelder@krefeld.de"


@pytest.fixture
def karl(offices: Offices):  # type: ignore[no-untyped-def]
    """Krefeld's staff member, made public with consent, on an activity and in an article."""
    person = offices.krefeld_staff
    ContactDetailFactory(person=person, kind="email", value=EMAIL, visibility="public")
    krefeld = Place.objects.get(geonameid=2884509)
    activity = ActivityFactory(title="Besuch aus Charlotte", slug="besuch-aus-charlotte", place=krefeld,
                               start=dt.date(2025, 6, 1))  # fmt: skip
    activity.partnerships.add(offices.krefeld_charlotte)
    ParticipationFactory(activity=activity, person=person, role="Begleitung")
    article = ArticleFactory(
        title=f"{NAME} empfängt Gäste aus Charlotte",
        slug="gaeste-aus-charlotte",
        body=f"Referent {NAME} (Telefon {PHONE}) begrüßte die Delegation. Später sprach Krefelder erneut.",
    )
    article.people.add(person)
    article.places.add(krefeld)
    return person


def test_consent_is_recorded_with_date_and_recorder(offices: Offices, karl) -> None:  # type: ignore[no-untyped-def]
    client = offices.client("editor")
    url = reverse("workbench:person_consent", kwargs={"pk": karl.pk})
    response = client.post(url, {"given": "on", "on": "2026-11-30", "note": "schriftlich", "make_public": "on"})
    assert response.status_code == 302
    consent = Consent.objects.get(person=karl)
    assert (consent.given, consent.on, consent.recorded_by) == (True, dt.date(2026, 11, 30), offices.users["editor"])
    karl.refresh_from_db()
    assert karl.visibility == "public"
    assert NAME in offices.client("anonymous").get(karl.get_absolute_url()).content.decode()
    # A bad date names the field, records nothing more.
    response = client.post(url, {"given": "on", "on": "30.13.2026"}, follow=True)
    assert "date of consent: Enter a valid date." in response.content.decode()
    assert Consent.objects.filter(person=karl).count() == 1


def test_export_and_erasure(offices: Offices, karl) -> None:  # type: ignore[no-untyped-def]
    karl.visibility = "public"
    karl.save()
    manager = offices.client("manager")
    export = manager.get(reverse("workbench:person_export", kwargs={"pk": karl.pk}))
    assert export.status_code == 200
    assert export["Content-Disposition"] == f'attachment; filename="person-{karl.pk}.json"'
    data = json.loads(export.content)
    assert data["person"]["name"] == NAME
    assert {c["value"] for c in data["contact_details"]} == {PHONE, EMAIL}
    assert data["roles"][0]["function"] == "Referent Internationales"
    assert data["participations"] == [{"activity": "Besuch aus Charlotte", "start": "2025-06-01", "role": "Begleitung"}]
    assert data["mentioned_in_articles"][0]["slug"] == "gaeste-aus-charlotte"

    # Only a manager erases; an editor is refused, and nothing changes.
    erase = reverse("workbench:person_erase", kwargs={"pk": karl.pk})
    assert offices.client("editor").post(erase, {"confirm": "erase"}).status_code == 403
    assert manager.post(erase, {}).status_code == 200  # without the tick: asked again
    karl.refresh_from_db()
    assert karl.name == NAME
    assert manager.post(erase, {"confirm": "erase"}).status_code == 302
    karl.refresh_from_db()
    assert karl.name == "[gelöscht]"
    assert not karl.contacts.exists()

    # The audit keeps that it happened, not the data.
    entry = AuditEntry.objects.get(action="person.erase")
    assert entry.actor == offices.users["manager"]
    for row in AuditEntry.objects.all():
        dump = json.dumps(row.changes, ensure_ascii=False) + row.object_repr
        assert NAME not in dump and PHONE not in dump and EMAIL not in dump, row
    assert not Citation.objects.filter(quote__icontains="Krefelder").exists()

    # No page, API response, export or search finds the name or the contact details.
    urls = [
        "/",
        "/search/?q=Krefelder",
        "/search/?q=Karl",
        reverse("portal:place_redirect", kwargs={"geonameid": 2884509}),
        offices.krefeld_charlotte.get_absolute_url(),
        "/activities/besuch-aus-charlotte/",
        "/news/gaeste-aus-charlotte/",
        "/api/activities/besuch-aus-charlotte",
        "/api/articles/gaeste-aus-charlotte",
        "/api/articles?q=Krefelder",
        "/api/places/2884509",
        "/calendar.ics",
        "/places/2884509/calendar.ics",
        reverse("workbench:people"),
        reverse("workbench:pick_people") + "?q=Karl",
        reverse("workbench:person_export", kwargs={"pk": karl.pk}),
        reverse("workbench:history", kwargs={"kind": "person", "pk": karl.pk}),
    ]
    for who in ("anonymous", "viewer", "manager", "superuser"):
        client = offices.client(who)
        assert client.get("/people/karl-krefelder/").status_code == 404
        for url in urls:
            response = client.get(url, follow=True)
            body = response.content.decode()
            # (a search page repeats its query: that word is checked through the other searches)
            for secret in (NAME, "Krefelder", "Karl", PHONE, EMAIL):
                if secret not in url:
                    assert secret not in body, (who, url, secret)
