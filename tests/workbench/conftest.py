"""Two offices on the real gazetteer: Krefeld (2884509) with its partnership to Charlotte, Darmstadt
(2938913) with San Antonio; an editor each, Darmstadt's internal staff member with an internal phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from tests.factories import ContactDetailFactory, OrganizationFactory, PartnershipFactory, PersonFactory, RoleFactory
from twinning.core.services import Actor
from twinning.directory.models import ContactDetail, Person
from twinning.offices.models import Office
from twinning.offices.services import membership_set, office_create
from twinning.partnerships.models import Partnership
from twinning.places.models import Place

KREFELD, CHARLOTTE, DARMSTADT, SAN_ANTONIO = 2884509, 4460243, 2938913, 4726206
PASSWORD = "Zwillingsstadt-1986!"


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield


@dataclass
class Offices:
    krefeld: Office
    darmstadt: Office
    krefeld_charlotte: Partnership
    darmstadt_san_antonio: Partnership
    users: dict[str, User]
    darmstadt_staff: Person
    darmstadt_phone: ContactDetail
    krefeld_staff: Person
    krefeld_phone: ContactDetail

    def client(self, who: str) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if who != "anonymous":
            client.force_login(self.users[who])
        return client


@pytest.fixture
def offices(gazetteer: None) -> Offices:
    def place(geonameid: int) -> Place:
        return Place.objects.get(geonameid=geonameid)

    actor = Actor(via="test")
    krefeld, darmstadt = place(KREFELD), place(DARMSTADT)
    krefeld_charlotte = PartnershipFactory(
        places=[krefeld, place(CHARLOTTE)], established=dt.date(1986, 1, 1), established_precision="year"
    )
    darmstadt_san_antonio = PartnershipFactory(places=[darmstadt, place(SAN_ANTONIO)])
    krefeld_office = office_create(name="Stadt Krefeld, Internationales", places=[krefeld], actor=actor)
    darmstadt_office = office_create(name="Wissenschaftsstadt Darmstadt", places=[darmstadt], actor=actor)
    users = {}
    for name, office, role in [
        ("viewer", krefeld_office, "viewer"),
        ("editor", krefeld_office, "editor"),
        ("reviewer", krefeld_office, "reviewer"),
        ("manager", krefeld_office, "manager"),
        ("other_editor", darmstadt_office, "editor"),
    ]:
        users[name] = User.objects.create_user(name, email=f"{name}@example.org", password=PASSWORD)
        membership_set(office=office, user=users[name], role=role, actor=actor)
    users["superuser"] = User.objects.create_superuser("root", email="root@example.org", password=PASSWORD)
    users["staff_only"] = User.objects.create_user("staff", password=PASSWORD, is_staff=True)

    city = OrganizationFactory(name="Wissenschaftsstadt Darmstadt", slug="stadt-darmstadt", seat=darmstadt)
    darmstadt_staff = PersonFactory(name="Dora Darmstädter", slug="dora-darmstaedter", visibility="internal")
    RoleFactory(person=darmstadt_staff, function="Städtepartnerschaften", organization=city, is_contact=True)
    darmstadt_phone = ContactDetailFactory(
        person=darmstadt_staff, kind="phone", value="06151 13-9999", visibility="internal"
    )
    krefeld_staff = PersonFactory(name="Karl Krefelder", slug="karl-krefelder", visibility="internal")
    RoleFactory(person=krefeld_staff, function="Referent Internationales", place=krefeld, is_contact=True)
    krefeld_phone = ContactDetailFactory(
        person=krefeld_staff, kind="phone", value="02151 86-2010", visibility="internal"
    )
    return Offices(
        krefeld=krefeld_office,
        darmstadt=darmstadt_office,
        krefeld_charlotte=krefeld_charlotte,
        darmstadt_san_antonio=darmstadt_san_antonio,
        users=users,
        darmstadt_staff=darmstadt_staff,
        darmstadt_phone=darmstadt_phone,
        krefeld_staff=krefeld_staff,
        krefeld_phone=krefeld_phone,
    )
