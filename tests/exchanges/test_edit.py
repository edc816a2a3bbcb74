"""The office corrects a registration after the fact: one audited service, the office's form, and
404 for every other office."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from twinning.core.errors import ValidationFailed
from twinning.core.models import AuditEntry
from twinning.exchanges.models import Registration
from twinning.exchanges.services import ParticipantInput, registration_create, registration_update

from .conftest import ACTOR, member

pytestmark = pytest.mark.django_db

OFFICE = Registration.Channel.OFFICE


def add(registration: Any, **change: Any) -> Registration:
    data = {"given_name": "Marie", "family_name": "Lerroy", "consent_list": True, "home_place_text": "Krefeld"}
    data.update(change)
    return registration_create(
        activity=registration.activity, data=ParticipantInput(**data), actor=ACTOR, channel=OFFICE
    ).registration


def test_the_update_resolves_the_home_town_and_audits_old_and_new_values(
    registration: Any, krefeld: Any, dunkirk: Any
) -> None:
    made = add(registration)
    token, status = made.cancel_token_hash, made.status
    assert made.home_place == krefeld
    changed = registration_update(
        registration=made,
        data=ParticipantInput(
            given_name="Marie",
            family_name="Leroy",
            home_place_text="Dunkerque",
            days=[dt.date(2026, 6, 13)],
            dietary_needs="vegan",
            consent_list=True,
        ),
        actor=ACTOR,
    )
    stored = Registration.objects.get(pk=made.pk)
    assert (stored.family_name, stored.home_place, stored.country_id) == ("Leroy", dunkirk, "FR")
    assert (stored.days, stored.dietary_needs) == (["2026-06-13"], "vegan")
    assert (stored.cancel_token_hash, stored.status, stored.channel) == (token, status, OFFICE)
    assert changed.pk == made.pk
    entry = AuditEntry.objects.get(action="registration.update")
    assert entry.changes["family_name"] == ["Lerroy", "Leroy"]
    assert entry.changes["home_place"] == [krefeld.pk, dunkirk.pk]
    assert entry.changes["home_place_text"] == ["Krefeld", "Dunkerque"]
    assert entry.changes["days"] == [["2026-06-12", "2026-06-13", "2026-06-14"], ["2026-06-13"]]
    assert "given_name" not in entry.changes and "status" not in entry.changes


def test_an_update_without_changes_writes_no_audit_entry(registration: Any) -> None:
    made = add(registration, home_place_text="Krefeld")
    same = ParticipantInput(given_name="Marie", family_name="Lerroy", home_place_text="Krefeld", consent_list=True)
    registration_update(registration=made, data=same, actor=ACTOR)
    assert not AuditEntry.objects.filter(action="registration.update").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"consent_list": False}, "consent"),
        ({"days": [dt.date(2026, 7, 1)]}, "not a day of the activity"),
        ({"email": "not-an-address"}, "e-mail"),
        ({"country_code": "XX"}, "unknown country code"),
    ],
)
def test_invalid_input_is_refused_and_nothing_changes(registration: Any, change: dict[str, Any], message: str) -> None:
    made = add(registration)
    data = {"given_name": "Paul", "family_name": "Lerroy", "consent_list": True, **change}
    with pytest.raises(ValidationFailed, match=message):
        registration_update(registration=made, data=ParticipantInput(**data), actor=ACTOR)
    assert Registration.objects.get(pk=made.pk).given_name == "Marie"
    assert not AuditEntry.objects.filter(action="registration.update").exists()


def test_the_office_edits_on_its_participant_page(registration: Any, dunkirk: Any) -> None:
    made = add(registration, email="marie@example.org", organization="Comité")
    pk = registration.activity.pk
    url = f"/manage/exchanges/activities/{pk}/edit/{made.pk}/"
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(member("krefeld", registration.office))
    assert url in client.get(f"/manage/exchanges/activities/{pk}/").content.decode()
    page = client.get(url).content.decode()
    assert 'value="Lerroy"' in page and 'value="marie@example.org"' in page and 'value="Comité"' in page
    form = {
        "given_name": "Marie",
        "family_name": "Leroy",
        "email": "marie@example.org",
        "home_place": "Dünkirchen",
        "country": "",
        "organization": "Comité de jumelage",
        "role": "interpreter",
        "days": ["2026-06-12"],
        "consent_list": "on",
    }
    done = client.post(url, form)
    assert done.status_code == 302
    stored = Registration.objects.get(pk=made.pk)
    assert (stored.family_name, stored.home_place, stored.role, stored.days) == (
        "Leroy",
        dunkirk,
        "interpreter",
        ["2026-06-12"],
    )
    assert not stored.consent_public
    refused = client.post(url, {**form, "family_name": "Other", "consent_list": ""})
    assert refused.status_code == 400
    assert Registration.objects.get(pk=made.pk).family_name == "Leroy"


def test_other_offices_viewers_and_other_activities_cannot_edit(
    registration: Any, other_office: Any, krefeld: Any
) -> None:
    from tests.factories import ActivityFactory

    made = add(registration)
    pk = registration.activity.pk
    url = f"/manage/exchanges/activities/{pk}/edit/{made.pk}/"
    form = {"given_name": "X", "family_name": "Y", "role": "guest", "consent_list": "on"}
    outsider = Client()
    outsider.force_login(member("dunkerque", other_office, role="manager"))
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, form).status_code == 404
    viewer = Client()
    viewer.force_login(member("krefeld-viewer", registration.office, role="viewer"))
    assert viewer.post(url, form).status_code == 403
    assert Client().post(url, form).status_code == 302  # anonymous: to the login
    insider = Client()
    insider.force_login(member("krefeld", registration.office))
    other = ActivityFactory(title="Andere Aktivität", kind="visit", place=krefeld)
    assert insider.get(f"/manage/exchanges/activities/{other.pk}/edit/{made.pk}/").status_code == 404
    assert Registration.objects.get(pk=made.pk).given_name == "Marie"
