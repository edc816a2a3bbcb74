"""factory_boy factories for the domain models, shared by every test package.

Places made here have GeoNames ids far above the real ones (900 000 000+), so they never collide
with the gazetteer loaded by the `gazetteer` fixture."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from twinning.activities.models import (
    Activity,
    ActivityOrganization,
    ItineraryLeg,
    Participation,
    Programme,
    ProgrammeOrganization,
)
from twinning.core.models import Citation, Source, Visibility
from twinning.core.text import fold
from twinning.directory.models import ContactDetail, Organization, Person, Role
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Country, Place, PlaceName
from twinning.press.models import Article, ArticleImage


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "DE"
    name = factory.LazyAttribute(lambda o: {"DE": "Germany", "US": "United States", "FR": "France"}.get(o.code, o.code))


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place
        skip_postgeneration_save = True

    geonameid = factory.Sequence(lambda n: 900_000_000 + n)
    name = factory.Sequence(lambda n: f"Testort {n}")
    ascii_name = factory.SelfAttribute("name")
    slug = factory.LazyAttribute(lambda o: fold(o.name).replace(" ", "-"))
    country = factory.SubFactory(CountryFactory)
    population = 10_000

    @factory.post_generation
    def names(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create:
            return
        for name in [self.name, *(extracted or [])]:
            key = fold(name)
            PlaceName.objects.get_or_create(place=self, key=key, defaults={"name": name, "key_reversed": key[::-1]})


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organization.Kind.MUNICIPAL_OFFICE


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    visibility = Visibility.PUBLIC


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    function = "Oberbürgermeister"


class ContactDetailFactory(DjangoModelFactory):
    class Meta:
        model = ContactDetail

    kind = ContactDetail.Kind.EMAIL
    value = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    visibility = Visibility.PUBLIC


class PartnershipFactory(DjangoModelFactory):
    """A partnership between `places` (two new places unless given)."""

    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    kind = Partnership.Kind.TWINNING
    status = Partnership.Status.ACTIVE
    established = dt.date(1974, 1, 1)
    established_precision = "year"
    member_key = factory.Sequence(lambda n: f"pending-{n}")

    @factory.post_generation
    def places(self, create: bool, extracted: list[Place] | None, **kwargs: object) -> None:
        if not create:
            return
        members = list(extracted) if extracted else [PlaceFactory(), PlaceFactory()]
        for place in members:
            PartnershipMember.objects.create(partnership=self, place=place)
        self.member_key = "-".join(str(pk) for pk in sorted(p.pk for p in members))
        self.save(update_fields=["member_key"])


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programm {n}")
    slug = factory.Sequence(lambda n: f"programm-{n}")


class ProgrammeOrganizationFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeOrganization

    programme = factory.SubFactory(ProgrammeFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "runs"


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Aktivität {n}")
    slug = factory.Sequence(lambda n: f"aktivitaet-{n}")
    kind = Activity.Kind.CONFERENCE
    start = dt.date(2022, 10, 18)
    start_precision = "day"


class ActivityOrganizationFactory(DjangoModelFactory):
    class Meta:
        model = ActivityOrganization

    activity = factory.SubFactory(ActivityFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "hosts"


class ItineraryLegFactory(DjangoModelFactory):
    class Meta:
        model = ItineraryLeg

    activity = factory.SubFactory(ActivityFactory)
    order = factory.Sequence(lambda n: n + 1)
    place = factory.SubFactory(PlaceFactory)


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(PersonFactory)
    role = "Delegationsleitung"


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    kind = Source.Kind.ARTICLE
    key = factory.Sequence(lambda n: f"https://www.example.org/presse/{n}")
    title = factory.Sequence(lambda n: f"Pressemitteilung {n}")
    url = factory.SelfAttribute("key")


class CitationFactory(DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    quote = ""


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    source = factory.SubFactory(SourceFactory)
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    title = factory.Sequence(lambda n: f"Artikel {n}")
    url = factory.SelfAttribute("source.url")
    published = dt.date(2023, 3, 20)
    teaser = "Ein Treffen des Netzwerks fand in Krefeld statt."
    body = "Oberbürgermeister Frank Meyer begrüßte die Gruppe."


class ArticleImageFactory(DjangoModelFactory):
    class Meta:
        model = ArticleImage

    article = factory.SubFactory(ArticleFactory)
    caption = "Delegation im Historischen Ratssaal"
    credit = "Stadt Krefeld, Presse und Kommunikation"
    url = "https://www.example.org/bild.jpg"


def office_member(username: str, *, places: list[Place], role: str = "viewer", password: str = "pw-editor-123"):  # type: ignore[no-untyped-def]
    """A user who is a member (`role`) of a new office keeping `places`: the one who sees those
    places' internal people and contact details (logging in alone shows nothing internal)."""
    from django.contrib.auth.models import User

    from twinning.core.services import Actor
    from twinning.offices.services import membership_set, office_create

    office = office_create(name=f"Office of {username}", places=places, actor=Actor(via="test"))
    user = User.objects.create_user(username, password=password)
    membership_set(office=office, user=user, role=role, actor=Actor(via="test"))
    return user


def user_in_groups(username: str, *groups: str, **extra: object):  # type: ignore[no-untyped-def]
    """A user (password "pw-<username>-123") in the named permission groups, e.g.
    twinning.directory.access.GROUP_INTERNAL_PERSONAL_DATA; groups come from data migrations."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, password=f"pw-{username}-123", **extra)
    user.groups.set(Group.objects.filter(name__in=groups))
    assert user.groups.count() == len(groups), f"unknown group among {groups}"
    return user
