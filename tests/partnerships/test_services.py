from datetime import date

import pytest

from twinning.core.dates import PartialDate
from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.models import AuditEntry, Citation
from twinning.core.selectors import citations_for
from twinning.core.services import Actor, source_get_or_create
from twinning.directory.models import Organization, Person
from twinning.partnerships.models import Partnership
from twinning.partnerships.services import (
    partnership_add_contact,
    partnership_add_supporter,
    partnership_create,
    partnership_get_or_create,
    partnership_update,
)
from twinning.places.models import Place

pytestmark = pytest.mark.django_db

ACTOR = Actor(via="test")
KREFELD, CHARLOTTE, DUNKIRK, VENLO = 2884509, 4460243, 3020686, 2745641


def place(geonameid: int) -> Place:
    return Place.objects.get(geonameid=geonameid)


@pytest.fixture
def seed_source():
    return source_get_or_create(key="seed:test", kind="article", title="Krefeld seed", actor=ACTOR)


def test_create_records_members_dates_audit_and_citation(gazetteer: None, seed_source) -> None:
    partnership = partnership_create(
        places=[place(KREFELD), place(CHARLOTTE)],
        actor=ACTOR,
        established=PartialDate.parse("1986"),
        source=seed_source,
        quote="Krefelds Partnerstadt Charlotte",
    )
    assert set(partnership.places.values_list("geonameid", flat=True)) == {KREFELD, CHARLOTTE}
    assert partnership.member_key == "-".join(str(pk) for pk in sorted([place(KREFELD).pk, place(CHARLOTTE).pk]))
    assert partnership.since == PartialDate(date(1986, 1, 1), "year")
    assert AuditEntry.objects.filter(action="partnership.create", object_id=partnership.pk, via="test").exists()
    assert [c.quote for c in citations_for(partnership)] == ["Krefelds Partnerstadt Charlotte"]


def test_the_same_places_and_kind_twice_is_a_conflict_naming_both_places(gazetteer: None) -> None:
    partnership_create(places=[place(KREFELD), place(CHARLOTTE)], actor=ACTOR)
    with pytest.raises(Conflict) as error:
        partnership_create(places=[place(CHARLOTTE), place(KREFELD)], actor=ACTOR, where="demo.yaml: partnerships[3]")
    message = str(error.value)
    assert "Krefeld" in message and "Charlotte" in message and message.startswith("demo.yaml: partnerships[3]")
    # Another kind between the same places is a different partnership.
    partnership_create(places=[place(KREFELD), place(CHARLOTTE)], kind="climate", actor=ACTOR)
    assert Partnership.objects.count() == 2


def test_a_partnership_needs_two_distinct_places(gazetteer: None) -> None:
    with pytest.raises(ValidationFailed, match="two different places"):
        partnership_create(places=[place(KREFELD), place(KREFELD)], actor=ACTOR)
    assert not Partnership.objects.exists()


def test_ended_before_established_is_rejected_without_a_write(gazetteer: None) -> None:
    with pytest.raises(ValidationFailed, match="ended"):
        partnership_create(
            places=[place(KREFELD), place(VENLO)],
            actor=ACTOR,
            established=PartialDate.parse("1990-05"),
            ended=PartialDate.parse("1989"),
        )
    assert not Partnership.objects.exists()
    # Ending in the same year it was established is fine.
    partnership_create(
        places=[place(KREFELD), place(VENLO)],
        actor=ACTOR,
        established=PartialDate.parse("1990-05"),
        ended=PartialDate.parse("1990"),
        status="ended",
    )


def test_unknown_kind_fails_validation(gazetteer: None) -> None:
    with pytest.raises(ValidationFailed, match="kind"):
        partnership_create(places=[place(KREFELD), place(VENLO)], kind="marriage", actor=ACTOR)
    assert not Partnership.objects.exists()


def test_trilateral_partnership(gazetteer: None) -> None:
    ring = partnership_create(places=[place(KREFELD), place(VENLO), place(DUNKIRK)], kind="friendship", actor=ACTOR)
    assert ring.places.count() == 3
    with pytest.raises(Conflict):
        partnership_create(places=[place(DUNKIRK), place(KREFELD), place(VENLO)], kind="friendship", actor=ACTOR)


def test_get_or_create_adds_citation_and_fills_but_never_overwrites_dates(gazetteer: None, seed_source) -> None:
    first, created = partnership_get_or_create(places=[place(KREFELD), place(DUNKIRK)], actor=ACTOR)
    assert created and first.since is None
    other = source_get_or_create(key="seed:other", kind="web", title="Wikipedia", actor=ACTOR)
    again, created = partnership_get_or_create(
        places=[place(DUNKIRK), place(KREFELD)], actor=ACTOR, established=PartialDate.parse("1974"), source=other
    )
    assert not created and again.pk == first.pk
    again.refresh_from_db()
    assert again.since == PartialDate.parse("1974")
    # A more precise date inside the known year refines it.
    partnership_get_or_create(
        places=[place(DUNKIRK), place(KREFELD)], actor=ACTOR, established=PartialDate.parse("1974-06-02")
    )
    again.refresh_from_db()
    assert again.since == PartialDate.parse("1974-06-02")
    # A contradicting date is kept out, and the disagreement is audited.
    partnership_get_or_create(
        places=[place(KREFELD), place(DUNKIRK)],
        actor=ACTOR,
        established=PartialDate.parse("1980"),
        source=seed_source,
        quote="seit 1980",
    )
    again.refresh_from_db()
    assert again.since == PartialDate.parse("1974-06-02")
    conflict = AuditEntry.objects.get(action="partnership.conflict", object_id=again.pk)
    assert conflict.changes == {"established": {"kept": "1974-06-02", "reported": "1980", "source": "seed:test"}}
    assert {c.source.key for c in citations_for(again)} == {"seed:other", "seed:test"}
    assert Partnership.objects.count() == 1


def test_update_checks_dates_and_kind_conflicts(gazetteer: None) -> None:
    twinning = partnership_create(places=[place(KREFELD), place(VENLO)], actor=ACTOR)
    partnership_create(places=[place(KREFELD), place(VENLO)], kind="friendship", actor=ACTOR)
    partnership_update(partnership=twinning, actor=ACTOR, status="dormant", established=PartialDate.parse("1964"))
    twinning.refresh_from_db()
    assert (twinning.status, twinning.since.iso()) == ("dormant", "1964")
    entry = AuditEntry.objects.filter(action="partnership.update", object_id=twinning.pk).get()
    assert entry.changes["status"] == ["active", "dormant"]
    with pytest.raises(Conflict, match="Venlo"):
        partnership_update(partnership=twinning, actor=ACTOR, kind="friendship")
    with pytest.raises(ValidationFailed, match="ended"):
        partnership_update(partnership=twinning, actor=ACTOR, ended=PartialDate.parse("1950"))
    with pytest.raises(ValidationFailed, match="member_key"):
        partnership_update(partnership=twinning, actor=ACTOR, member_key="1-2")
    twinning.refresh_from_db()
    assert (twinning.kind, twinning.ended) == ("twinning", None)


def test_supporters_and_contacts_are_added_once(gazetteer: None, seed_source) -> None:
    partnership = partnership_create(places=[place(KREFELD), place(CHARLOTTE)], actor=ACTOR)
    association = Organization.objects.create(name="Charlotte Sister Cities", slug="csc", kind="association")
    person = Person.objects.create(name="Martha Henry", slug="martha-henry")
    for _ in range(2):
        partnership_add_supporter(partnership=partnership, organization=association, actor=ACTOR, source=seed_source)
        partnership_add_contact(partnership=partnership, person=person, actor=ACTOR)
    assert list(partnership.supporting_organizations.all()) == [association]
    assert list(partnership.contacts.all()) == [person]
    assert AuditEntry.objects.filter(action="partnership.add_supporter").count() == 1
    assert Citation.objects.filter(source=seed_source).count() == 1
