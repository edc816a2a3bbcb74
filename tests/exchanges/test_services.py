"""Registrations, the waiting list, cancellation, attendance and retention, on real places."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.models import AuditEntry
from twinning.exchanges import selectors
from twinning.exchanges.models import Registration
from twinning.exchanges.services import (
    ParticipantInput,
    attendance_set,
    group_register,
    participants_purge,
    registration_cancel,
    registration_create,
    registration_for_token,
    registration_settings_set,
)

from .conftest import ACTOR

pytestmark = pytest.mark.django_db
URL = "https://example.org/cancel/{token}/"


def person(given: str, family: str, town: str = "Dünkirchen", **extra: Any) -> ParticipantInput:
    return ParticipantInput(
        given_name=given,
        family_name=family,
        email=f"{given.lower()}@example.org",
        home_place_text=town,
        consent_list=True,
        **extra,
    )


def test_home_town_is_resolved_through_the_gazetteer(registration: Any, dunkirk: Any, krefeld: Any) -> None:
    guest = registration_create(activity=registration.activity, data=person("Marie", "Leroy"), actor=ACTOR)
    host = registration_create(
        activity=registration.activity, data=person("Jan", "Schmitz", "Krefeld", role="host"), actor=ACTOR
    )
    assert guest.registration.home_place == dunkirk
    assert guest.registration.country_id == "FR"
    assert host.registration.home_place == krefeld
    assert list(selectors.invited_from_abroad(registration.activity)) == [guest.registration]
    assert selectors.counts_by_country(registration.activity) == [("DE", 1), ("FR", 1)]
    assert selectors.counts_by_role(registration.activity)["host"] == 1


def test_full_activity_puts_people_on_the_waiting_list_and_cancel_promotes(
    registration: Any, django_capture_on_commit_callbacks: Any
) -> None:
    activity = registration.activity
    with django_capture_on_commit_callbacks(execute=True):
        made = [
            registration_create(activity=activity, data=person(n, "Martin"), actor=ACTOR, cancel_url=URL)
            for n in ("Anne", "Bruno", "Claire", "Denis")
        ]
    assert [m.registration.status for m in made] == ["registered"] * 3 + ["waiting"]
    assert len(mail.outbox) == 4
    assert "waiting list" in mail.outbox[3].body
    assert made[0].link in mail.outbox[0].body
    found = registration_for_token(made[1].token)
    assert found == made[1].registration
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=found, actor=ACTOR)
    assert promoted == [made[3].registration]
    made[3].registration.refresh_from_db()
    assert made[3].registration.status == "registered"
    assert mail.outbox[-1].to == ["denis@example.org"]
    assert registration_cancel(registration=found, actor=ACTOR) == []  # twice: nothing more
    assert selectors.registered_count(activity) == 3


def test_closed_registration_refuses_the_public_form_but_not_the_office(registration: Any) -> None:
    registration_settings_set(activity=registration.activity, office=registration.office, actor=ACTOR, is_open=False)
    with pytest.raises(Conflict, match="closed"):
        registration_create(activity=registration.activity, data=person("Anne", "Martin"), actor=ACTOR)
    added = registration_create(
        activity=registration.activity, data=person("Anne", "Martin"), actor=ACTOR, channel="office"
    )
    assert added.registration.channel == "office"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"consent_list": False}, "consent"),
        ({"family_name": " "}, "family name"),
        ({"email": "not-an-address"}, "e-mail"),
        ({"role": "mayor"}, "role"),
        ({"country_code": "XX"}, "country"),
        ({"days": [dt.date(2026, 6, 20)]}, "2026-06-20"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(registration: Any, change: dict, message: str) -> None:
    data = person("Anne", "Martin")
    for key, value in change.items():
        setattr(data, key, value)
    with pytest.raises(ValidationFailed, match=message):
        registration_create(activity=registration.activity, data=data, actor=ACTOR)
    assert not Registration.objects.exists()


def test_group_registration_seats_in_order_and_mails_the_leader(
    registration: Any, django_capture_on_commit_callbacks: Any
) -> None:
    members = [ParticipantInput(given_name=g, family_name="Dubois", home_place_text="Dunkerque") for g in "ABC"]
    with django_capture_on_commit_callbacks(execute=True):
        made = group_register(
            activity=registration.activity, leader=person("Luc", "Dubois"), members=members, actor=ACTOR, cancel_url=URL
        )
    assert [m.registration.status for m in made] == ["registered", "registered", "registered", "waiting"]
    assert {m.registration.group_leader for m in made[1:]} == {made[0].registration}
    assert len(mail.outbox) == 1 and all(m.link in mail.outbox[0].body for m in made)
    assert all(m.registration.consent_list for m in made)


def test_a_bad_group_member_refuses_the_whole_group(registration: Any) -> None:
    members = [ParticipantInput(given_name="A", family_name="B"), ParticipantInput(given_name="", family_name="C")]
    with pytest.raises(ValidationFailed, match="person 3"):
        group_register(activity=registration.activity, leader=person("Luc", "Dubois"), members=members, actor=ACTOR)
    assert not Registration.objects.exists()


def test_attendance_per_day(registration: Any) -> None:
    made = registration_create(
        activity=registration.activity,
        data=person("Anne", "Martin", days=[dt.date(2026, 6, 12), dt.date(2026, 6, 13)]),
        actor=ACTOR,
    ).registration
    attendance_set(registration=made, day=dt.date(2026, 6, 12), present=True, actor=ACTOR)
    attendance_set(registration=made, day=dt.date(2026, 6, 12), present=True, actor=ACTOR)
    assert selectors.attendance_by_day(registration.activity) == {dt.date(2026, 6, 12): 1}
    assert selectors.counts_by_day(registration.activity) == {
        dt.date(2026, 6, 12): 1,
        dt.date(2026, 6, 13): 1,
        dt.date(2026, 6, 14): 0,
    }
    rows = selectors.checkin_rows(registration.activity, day=dt.date(2026, 6, 12), query="mart")
    assert rows == [(made, True)]
    assert selectors.checkin_rows(registration.activity, day=dt.date(2026, 6, 14)) == []
    attendance_set(registration=made, day=dt.date(2026, 6, 12), present=False, actor=ACTOR)
    assert selectors.attendance_by_day(registration.activity) == {}
    with pytest.raises(ValidationFailed, match="not a day"):
        attendance_set(registration=made, day=dt.date(2026, 7, 1), present=True, actor=ACTOR)


def test_purge_deletes_expired_participants_and_audits_counts_only(registration: Any) -> None:
    made = registration_create(activity=registration.activity, data=person("Anne", "Martin"), actor=ACTOR)
    attendance_set(registration=made.registration, day=dt.date(2026, 6, 12), present=True, actor=ACTOR)
    assert registration.retain_until == dt.date(2031, 6, 14)
    assert participants_purge(today=dt.date(2031, 6, 14), actor=ACTOR) == []
    done = participants_purge(today=dt.date(2031, 6, 15), actor=ACTOR)
    assert [(d.registrations, d.attendances) for d in done] == [(1, 1)]
    assert not Registration.objects.exists()
    entry = AuditEntry.objects.get(action="registrations.purge")
    assert entry.changes["registrations"] == [1, 0]
    assert "Martin" not in str(entry.changes)
    # The participant's own entries (created, attended) are kept as events, without the name.
    kept = AuditEntry.objects.filter(action__in=["registration.create", "attendance.create"])
    assert kept.count() >= 2
    assert not any("Martin" in f"{e.object_repr} {e.changes}" for e in AuditEntry.objects.all())
