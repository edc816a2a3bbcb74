import pytest

from twinning.core.dates import PartialDate
from twinning.core.errors import Conflict, ValidationFailed
from twinning.core.models import AuditEntry
from twinning.core.selectors import citations_for
from twinning.core.services import Actor, source_get_or_create
from twinning.directory.models import ContactDetail, Organization, Person, Role
from twinning.directory.services import (
    contact_detail_add,
    organization_create,
    organization_get_or_create,
    person_create,
    person_get_or_create,
    person_update,
    role_add,
)
from twinning.places.models import Place

pytestmark = pytest.mark.django_db
ACTOR = Actor(via="test")


@pytest.fixture
def krefeld(gazetteer: None) -> Place:
    return Place.objects.get(geonameid=2884509)


def test_organizations_have_parents_seats_unique_slugs_and_citations(krefeld: Place) -> None:
    source = source_get_or_create(key="seed:x", kind="article", title="x", actor=ACTOR)
    parent = organization_create(name="Engagement Global", kind="network", actor=ACTOR)
    skew = organization_create(
        name="Servicestelle Kommunen in der Einen Welt",
        short_name="SKEW",
        kind="network",
        parent=parent,
        actor=ACTOR,
        source=source,
        quote="Servicestelle Kommunen in der Einen Welt (SKEW)",
    )
    assert skew.parent == parent and skew.slug == "servicestelle-kommunen-in-der-einen-welt"
    assert [c.quote for c in citations_for(skew)] == ["Servicestelle Kommunen in der Einen Welt (SKEW)"]
    with pytest.raises(Conflict, match="Engagement Global"):
        organization_create(name="engagement global", kind="network", actor=ACTOR)
    # The same name at another seat is another organization, with a distinct slug.
    office = organization_create(name="Engagement Global", kind="network", seat=krefeld, actor=ACTOR)
    assert office.slug == "engagement-global-krefeld"
    again, created = organization_get_or_create(
        name="Engagement Global", kind="network", website="https://www.engagement-global.de", actor=ACTOR
    )
    assert not created and again == parent
    parent.refresh_from_db()
    assert parent.website == "https://www.engagement-global.de"
    with pytest.raises(ValidationFailed, match="kind"):
        organization_create(name="Nowhere", kind="guild", actor=ACTOR)
    assert AuditEntry.objects.filter(action="organization.create").count() == 3


def test_people_roles_and_visibility(krefeld: Place) -> None:
    meyer = person_create(name="Frank Meyer", visibility="public", actor=ACTOR)
    role = role_add(person=meyer, function="Oberbürgermeister", place=krefeld, actor=ACTOR)
    assert role_add(person=meyer, function="Oberbürgermeister", place=krefeld, is_contact=True, actor=ACTOR) == role
    role.refresh_from_db()
    assert role.is_contact and Role.objects.count() == 1
    with pytest.raises(ValidationFailed, match="before it starts"):
        role_add(
            person=meyer,
            function="Ratsmitglied",
            place=krefeld,
            start=PartialDate.parse("2015"),
            end=PartialDate.parse("2010"),
            actor=ACTOR,
        )
    with pytest.raises(ValidationFailed, match="visibility"):
        person_create(name="Someone", visibility="secret", actor=ACTOR)
    # A namesake gets a distinct slug; get_or_create by name finds the first.
    other = person_create(name="Frank Meyer", actor=ACTOR)
    assert other.slug == "frank-meyer-2"
    found, created = person_get_or_create(name="Frank Meyer", honorific="Dr.", actor=ACTOR)
    assert not created and found == meyer
    assert Person.objects.get(pk=meyer.pk).honorific == "Dr."
    person_update(person=other, visibility="public", actor=ACTOR)
    assert AuditEntry.objects.get(action="person.update", object_id=other.pk).changes == {
        "visibility": ["internal", "public"]
    }


def test_contact_details_are_validated_and_not_duplicated(krefeld: Place) -> None:
    fries = person_create(name="Ricarda-Marie Fries", actor=ACTOR)
    email = contact_detail_add(kind="email", value="ricarda-marie.fries@krefeld.de", person=fries, actor=ACTOR)
    assert email.visibility == "internal"
    assert contact_detail_add(kind="email", value="ricarda-marie.fries@krefeld.de", person=fries, actor=ACTOR) == email
    contact_detail_add(kind="phone", value="02151 86-1420", person=fries, actor=ACTOR)
    with pytest.raises(ValidationFailed, match="not an e-mail address"):
        contact_detail_add(kind="email", value="ricarda-marie.fries(at)krefeld", person=fries, actor=ACTOR)
    with pytest.raises(ValidationFailed, match="not a phone number"):
        contact_detail_add(kind="phone", value="call me", person=fries, actor=ACTOR)
    with pytest.raises(ValidationFailed, match="person or an organization"):
        contact_detail_add(kind="room", value="B 209", actor=ACTOR)
    with pytest.raises(ValidationFailed, match="fax"):
        contact_detail_add(kind="fax", value="123", person=fries, actor=ACTOR)
    assert ContactDetail.objects.count() == 2
    assert Organization.objects.count() == 0
