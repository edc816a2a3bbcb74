"""Editing in the workbench beyond creation: an activity's itinerary legs (Krefeld → Washington →
Charlotte), a person's roles after the person exists, an organization's contact details. Every
write goes through the services with the acting user audited; bad input names the field."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory
from twinning.activities.models import Activity
from twinning.core.models import AuditEntry
from twinning.directory.models import ContactDetail, Role
from twinning.places.models import Place

from .conftest import KREFELD, Offices

pytestmark = pytest.mark.django_db

WASHINGTON, CHARLOTTE = 4140963, 4460243


def _pk(geonameid: int) -> int:
    return Place.objects.get(geonameid=geonameid).pk


def _legs(rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        "legs-TOTAL_FORMS": str(len(rows)),
        "legs-INITIAL_FORMS": str(initial),
        "legs-MIN_NUM_FORMS": "0",
        "legs-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"legs-{index}-{key}"] = value
    return data


def _trip(offices: Offices, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Delegationsreise in die USA",
        "kind": "delegation_trip",
        "direction": "outbound",
        "format": "in_person",
        "start": "2026-04-20",
        "end": "2026-04-27",
        "partnerships": [offices.krefeld_charlotte.pk],
        **extra,
    }


TRIP = [
    {"place": "", "start": "2026-04-20", "end": "2026-04-20", "note": "Abflug", "ORDER": "1"},
    {"place": "", "start": "2026-04-21", "end": "2026-04-23", "note": "Botschaft", "ORDER": "2"},
    {"place": "", "start": "2026-04-23", "end": "2026-04-27", "note": "40 Jahre Partnerschaft", "ORDER": "3"},
]


def _trip_legs() -> list[dict[str, Any]]:
    rows = [dict(row) for row in TRIP]
    for row, geonameid in zip(rows, (KREFELD, WASHINGTON, CHARLOTTE), strict=True):
        row["place"] = str(_pk(geonameid))
    return rows


def test_a_trip_is_created_with_its_legs_in_order(offices: Offices) -> None:
    client = offices.client("editor")
    page = client.get(reverse("workbench:activity_new")).content.decode()
    assert 'name="legs-TOTAL_FORMS"' in page and 'id="search-legs-0-place"' in page  # the picker per leg
    response = client.post(reverse("workbench:activity_new"), {**_trip(offices), **_legs(_trip_legs())})
    assert response.status_code == 302, (response.context["form"].errors, response.context["legs"].errors)
    activity = Activity.objects.get(title="Delegationsreise in die USA")
    legs = list(activity.legs.order_by("order"))
    assert [(leg.order, leg.place.geonameid) for leg in legs] == [(1, KREFELD), (2, WASHINGTON), (3, CHARLOTTE)]
    assert legs[1].start.isoformat() == "2026-04-21" and legs[1].note == "Botschaft"
    entry = AuditEntry.objects.get(action="activity.create", object_id=activity.pk)
    assert entry.actor == offices.users["editor"]
    # The public page shows the itinerary.
    public = offices.client("anonymous").get(activity.get_absolute_url()).content.decode()
    assert public.index("Washington") < public.index("40 Jahre Partnerschaft")


def test_legs_are_reordered_and_removed_with_the_change_audited(offices: Offices) -> None:
    client = offices.client("editor")
    client.post(reverse("workbench:activity_new"), {**_trip(offices), **_legs(_trip_legs())})
    activity = Activity.objects.get(title="Delegationsreise in die USA")
    url = reverse("workbench:activity", kwargs={"pk": activity.pk})
    page = client.get(url).content.decode()
    assert 'value="Botschaft"' in page  # the existing legs are in the form
    rows = _trip_legs()
    rows[0]["DELETE"] = "on"  # no stop in Krefeld
    rows[1]["ORDER"], rows[2]["ORDER"] = "3", "2"  # Charlotte before Washington
    response = client.post(url, {**_trip(offices), **_legs(rows, initial=3)})
    assert response.status_code == 302, (response.context["form"].errors, response.context["legs"].errors)
    assert [leg.place.geonameid for leg in activity.legs.order_by("order")] == [CHARLOTTE, WASHINGTON]
    entry = AuditEntry.objects.filter(action="activity.update", object_id=activity.pk).latest("at")
    old, new = entry.changes["legs"]
    assert [leg[0] for leg in old] == [_pk(KREFELD), _pk(WASHINGTON), _pk(CHARLOTTE)]
    assert [leg[0] for leg in new] == [_pk(CHARLOTTE), _pk(WASHINGTON)]
    assert entry.actor == offices.users["editor"]
    # A post without the itinerary section leaves the legs alone.
    assert client.post(url, _trip(offices, title="Delegationsreise (USA)")).status_code == 302
    assert activity.legs.count() == 2


def test_a_leg_without_a_place_or_with_its_end_first_names_the_leg_and_field(offices: Offices) -> None:
    rows = _trip_legs()
    rows[1]["place"] = ""
    rows[2]["end"] = "2026-04-01"
    response = offices.client("editor").post(reverse("workbench:activity_new"), {**_trip(offices), **_legs(rows)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Leg 2, place: Choose the place of this leg with the search." in page
    assert "until: The end lies before the start." in page
    assert not Activity.objects.exists()


def test_the_leg_picker_answers_with_the_legs_field(offices: Offices) -> None:
    response = offices.client("editor").get(
        reverse("workbench:pick_places"), {"field": "legs-1-place", "choose": _pk(WASHINGTON)}
    )
    assert 'name="legs-1-place"' in response.content.decode()
    hostile = offices.client("editor").get(reverse("workbench:pick_places"), {"field": '"><b>x', "q": "Krefeld"})
    assert "<b>x" not in hostile.content.decode()


def test_a_role_is_added_edited_and_removed_after_the_person_exists(offices: Offices) -> None:
    client = offices.client("editor")
    person = offices.krefeld_staff
    city = OrganizationFactory(name="Stadt Krefeld", slug="stadt-krefeld", seat=Place.objects.get(geonameid=KREFELD))
    page = client.get(reverse("workbench:person", kwargs={"pk": person.pk})).content.decode()
    assert 'name="role-function"' in page
    response = client.post(
        reverse("workbench:role_new", kwargs={"pk": person.pk}),
        {"role-function": "Leiter Partnerschaftsbüro", "role-organization": city.pk, "role-start": "2020"},
    )
    assert response.status_code == 302
    role = Role.objects.get(person=person, function="Leiter Partnerschaftsbüro")
    assert role.organization == city and role.start_precision == "year"

    url = reverse("workbench:role", kwargs={"pk": role.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"function": "Leiterin Partnerschaftsbüro", "organization": city.pk,
                                 "start": "2020", "end": "2019", "is_contact": "on"})  # fmt: skip
    assert response.status_code == 200
    assert "until</a>: The end lies before the start." in response.content.decode()
    response = client.post(
        url, {"function": "Leiterin Partnerschaftsbüro", "organization": city.pk, "start": "2020", "is_contact": "on"}
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.function == "Leiterin Partnerschaftsbüro" and role.is_contact
    entry = AuditEntry.objects.filter(action="role.update").latest("at")
    assert entry.object_id == person.pk and entry.actor == offices.users["editor"]
    assert entry.changes["function"] == ["Leiter Partnerschaftsbüro", "Leiterin Partnerschaftsbüro"]
    history = client.get(reverse("workbench:history", kwargs={"kind": "person", "pk": person.pk})).content.decode()
    assert "Leiterin Partnerschaftsbüro" in history

    assert client.post(reverse("workbench:role_delete", kwargs={"pk": role.pk})).status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()
    assert AuditEntry.objects.filter(action="role.remove", object_id=person.pk).exists()


def test_another_office_cannot_touch_the_roles_of_an_internal_person(offices: Offices) -> None:
    role = offices.darmstadt_staff.roles.get()
    client = offices.client("editor")
    assert client.get(reverse("workbench:role", kwargs={"pk": role.pk})).status_code == 404
    assert client.post(reverse("workbench:role_delete", kwargs={"pk": role.pk})).status_code == 404
    assert Role.objects.filter(pk=role.pk).exists()


def test_organization_contact_details_are_added_and_removed(offices: Offices) -> None:
    client = offices.client("editor")
    city = OrganizationFactory(name="Stadt Krefeld", slug="stadt-krefeld", seat=Place.objects.get(geonameid=KREFELD))
    url = reverse("workbench:organization_contact_new", kwargs={"pk": city.pk})
    response = client.post(url, {"kind": "phone", "value": "02151 86-2010", "visibility": "public"})
    assert response.status_code == 302
    detail = ContactDetail.objects.get(organization=city)
    assert (detail.kind, detail.visibility) == ("phone", "public")
    assert AuditEntry.objects.get(action="contact_detail.add", object_id=detail.pk).actor == offices.users["editor"]
    page = client.get(reverse("workbench:organization", kwargs={"pk": city.pk})).content.decode()
    assert "02151 86-2010" in page
    bad = client.post(url, {"kind": "email", "value": "kein-mail", "visibility": "public"}, follow=True)
    assert "contact detail:" in bad.content.decode() and ContactDetail.objects.filter(organization=city).count() == 1
    assert client.post(reverse("workbench:contact_delete", kwargs={"pk": detail.pk})).status_code == 302
    assert not ContactDetail.objects.filter(organization=city).exists()
    # Darmstadt's editor may not add to Krefeld's organization.
    other = offices.client("other_editor").post(url, {"kind": "phone", "value": "06151 1", "visibility": "public"})
    assert other.status_code == 403
