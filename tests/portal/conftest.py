"""A small Krefeld world on the real gazetteer: the four partnerships the seeds name, a contact
box with a public mayor and an internal staff member, a programme with two activities, articles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.factories import (
    ActivityFactory,
    ArticleFactory,
    ArticleImageFactory,
    CitationFactory,
    ContactDetailFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PersonFactory,
    ProgrammeFactory,
    ProgrammeOrganizationFactory,
    RoleFactory,
)
from twinning.activities.models import Activity
from twinning.core.models import Visibility
from twinning.places.models import Place

KREFELD, CHARLOTTE, DUNKIRK, LEICESTER, VENLO = 2884509, 4460243, 3020686, 2644668, 2745641
WASHINGTON, HAMM, MUENSTER = 4140963, 2911240, 2867543


@dataclass
class World:
    krefeld: Place
    partners: dict[int, Place]
    mayor: object
    staff: object
    programme: object
    conference: Activity
    meeting: Activity
    article: object
    older_article: object
    partnerships: dict[int, object]


@pytest.fixture
def world(gazetteer: None) -> World:
    def place(geonameid: int) -> Place:
        return Place.objects.select_related("country").get(geonameid=geonameid)

    krefeld = place(KREFELD)
    partners = {gid: place(gid) for gid in (CHARLOTTE, DUNKIRK, LEICESTER, VENLO)}
    established = {
        CHARLOTTE: ("1986-01-01", "year"),
        DUNKIRK: ("1974-01-01", "year"),
        LEICESTER: ("1969-01-01", "year"),
    }
    partnerships = {}
    for gid, partner in partners.items():
        when, precision = established.get(gid, (None, "day"))
        partnerships[gid] = PartnershipFactory(
            places=[krefeld, partner],
            kind="friendship" if gid == VENLO else "twinning",
            established=dt.date.fromisoformat(when) if when else None,
            established_precision=precision,
        )
    city = OrganizationFactory(name="Stadt Krefeld", slug="stadt-krefeld", kind="municipality", seat=krefeld)
    mayor = PersonFactory(name="Frank Meyer", slug="frank-meyer", visibility=Visibility.PUBLIC)
    RoleFactory(person=mayor, function="Oberbürgermeister", organization=city, is_contact=True)
    ContactDetailFactory(person=mayor, kind="email", value="oberbuergermeister@krefeld.de", visibility="public")
    staff = PersonFactory(name="Erika Musterfrau", slug="erika-musterfrau", visibility=Visibility.INTERNAL)
    RoleFactory(person=staff, function="Referentin für Internationales", place=krefeld, is_contact=True)
    ContactDetailFactory(person=staff, kind="phone", value="02151 86-0000", visibility="internal")

    programme = ProgrammeFactory(name="Urban Diplomacy Exchange", slug="urban-diplomacy-exchange")
    ProgrammeOrganizationFactory(
        programme=programme,
        organization=OrganizationFactory(name="Engagement Global", slug="engagement-global", kind="network"),
        role="runs",
    )
    ProgrammeOrganizationFactory(
        programme=programme,
        organization=OrganizationFactory(name="Auswärtiges Amt", slug="auswaertiges-amt", kind="government"),
        role="funds",
    )
    conference = ActivityFactory(
        title="Urban Diplomacy Exchange Konferenz in Washington",
        slug="ude-washington-2022",
        kind="conference",
        start=dt.date(2022, 10, 18),
        end=dt.date(2022, 10, 20),
        place=place(WASHINGTON),
        programme=programme,
    )
    conference.places.add(krefeld, partners[CHARLOTTE])
    conference.partnerships.add(partnerships[CHARLOTTE])
    meeting = ActivityFactory(
        title="Netzwerktreffen Urban Diplomacy Exchange in Krefeld",
        slug="ude-krefeld-2023",
        kind="network_meeting",
        start=dt.date(2023, 3, 1),
        start_precision="month",
        place=krefeld,
        programme=programme,
        venue="Historischer Ratssaal",
        participant_count=15,
        participant_count_text="15 Teilnehmende",
    )
    meeting.places.add(krefeld, place(HAMM), place(MUENSTER))
    ParticipationFactory(activity=meeting, person=mayor, role="Gastgeber")
    ParticipationFactory(activity=meeting, person=staff, role="Organisation")

    article = ArticleFactory(
        title="Städtediplomatie: Kommunale Vertreter kamen in Krefeld zusammen",
        slug="staedtediplomatie-krefeld",
        published=dt.date(2023, 3, 20),
        publisher=city,
    )
    article.places.add(krefeld)
    article.activities.add(meeting)
    article.people.add(mayor, staff)
    ArticleImageFactory(
        article=article, caption="Urban Diplomacy Exchange Delegation", credit="Stadt Krefeld, Dirk Jochmann"
    )
    older_article = ArticleFactory(
        title="Krefeld und Charlotte feiern", slug="krefeld-charlotte", published=dt.date(2021, 6, 1)
    )
    older_article.partnerships.add(partnerships[CHARLOTTE])
    article.related.add(older_article)
    CitationFactory(record=partnerships[CHARLOTTE], source=article.source, quote="Krefelder Partnerstadt Charlotte")
    CitationFactory(record=meeting, source=article.source, quote="Insgesamt 15 Teilnehmende")
    return World(
        krefeld=krefeld,
        partners=partners,
        mayor=mayor,
        staff=staff,
        programme=programme,
        conference=conference,
        meeting=meeting,
        article=article,
        older_article=older_article,
        partnerships=partnerships,
    )
