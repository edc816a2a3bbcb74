import pytest

from twinning.activities.models import Activity, ItineraryLeg, Participation
from twinning.activities.services import (
    activity_create,
    activity_link,
    participation_add,
    programme_add_organization,
    programme_create,
    programme_link,
)
from twinning.core.dates import PartialDate
from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.models import AuditEntry
from twinning.core.services import Actor
from twinning.directory.services import organization_create, person_create
from twinning.places.models import Place

pytestmark = pytest.mark.django_db
ACTOR = Actor(via="test")


def place(geonameid: int) -> Place:
    return Place.objects.get(geonameid=geonameid)


def test_programme_with_organizations_topics_and_places(gazetteer: None) -> None:
    skew = organization_create(name="SKEW", kind="network", actor=ACTOR)
    programme = programme_create(
        name="Urban Diplomacy Exchange", topics=["climate-protection", "mobility"], actor=ACTOR
    )
    programme_add_organization(programme=programme, organization=skew, role="runs", actor=ACTOR)
    programme_add_organization(programme=programme, organization=skew, role="runs", actor=ACTOR)
    assert programme.organization_links.count() == 1
    programme_link(programme=programme, places=[place(2884509), place(2938913)], actor=ACTOR)
    programme_link(programme=programme, places=[place(2884509)], actor=ACTOR)
    assert programme.places.count() == 2
    assert AuditEntry.objects.filter(action="programme.link").count() == 1
    with pytest.raises(ValidationFailed, match="'no-such-topic'"):
        programme_create(name="Other", topics=["no-such-topic"], actor=ACTOR)
    with pytest.raises(ValidationFailed, match="organization role"):
        programme_add_organization(programme=programme, organization=skew, role="owns", actor=ACTOR)
    with pytest.raises(Conflict):
        programme_create(name="Again", slug=programme.slug, actor=ACTOR)


def test_a_delegation_trip_with_legs_parts_and_participants(gazetteer: None) -> None:
    krefeld, washington, charlotte = place(2884509), place(4140963), place(4460243)
    trip = activity_create(
        title="Delegationsreise nach Washington und Charlotte",
        kind="delegation_trip",
        direction="outbound",
        start=PartialDate.parse("2022-10-17"),
        legs=[
            (krefeld, PartialDate.parse("2022-10-17"), None, "Abreise"),
            (washington, PartialDate.parse("2022-10-17"), PartialDate.parse("2022-10-20"), ""),
            (charlotte, PartialDate.parse("2022-10-20"), None, ""),
        ],
        topics=["climate-protection"],
        actor=ACTOR,
    )
    assert list(ItineraryLeg.objects.filter(activity=trip).values_list("place__name", flat=True)) == [
        "Krefeld",
        "Washington",
        "Charlotte",
    ]
    conference = activity_create(
        title="Konferenz",
        kind="conference",
        start=PartialDate.parse("2022-10-18"),
        end=PartialDate.parse("2022-10-20"),
        place=washington,
        actor=ACTOR,
    )
    reception = activity_create(
        title="Empfang", kind="reception", start=PartialDate.parse("2022-10-19"), parent=conference, actor=ACTOR
    )
    assert list(conference.parts.all()) == [reception]
    meyer = person_create(name="Frank Meyer", visibility="public", actor=ACTOR)
    participation_add(activity=trip, person=meyer, actor=ACTOR)
    participation_add(activity=trip, person=meyer, role="Oberbürgermeister", place=krefeld, actor=ACTOR)
    assert Participation.objects.get(activity=trip).role == "Oberbürgermeister"
    activity_link(activity=trip, places=[washington, charlotte], actor=ACTOR)
    assert trip.places.count() == 2


def test_activity_validation_writes_nothing(gazetteer: None) -> None:
    with pytest.raises(ValidationFailed, match=r"ends \(2022-10-18\) before it starts \(2022-10-20\)"):
        activity_create(
            title="Backwards",
            kind="conference",
            start=PartialDate.parse("2022-10-20"),
            end=PartialDate.parse("2022-10-18"),
            actor=ACTOR,
            where="demo.yaml: activities[0]",
        )
    with pytest.raises(ValidationFailed, match="kind"):
        activity_create(title="Odd", kind="party", start=None, actor=ACTOR)
    with pytest.raises(ValidationFailed, match="leg 1"):
        activity_create(
            title="Trip",
            kind="delegation_trip",
            start=None,
            actor=ACTOR,
            legs=[(place(2884509), PartialDate.parse("2022-10-20"), PartialDate.parse("2022-10-17"), "")],
        )
    # The end may be coarser than the start: "spring 2023" ends in 2023.
    activity_create(
        title="Netzwerktreffen",
        kind="network_meeting",
        start=PartialDate.parse("2023-03"),
        end=PartialDate.parse("2023"),
        actor=ACTOR,
    )
    assert Activity.objects.count() == 1
