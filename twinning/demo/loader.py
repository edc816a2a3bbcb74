"""Load the demo world (a curated YAML file built from the seed documents) through the services.

The file is validated like any input: every record goes through its service, references between
entries are by key, and the whole file is one transaction, so a broken file writes nothing. Loading
is idempotent: records are found again by stable keys (GeoNames id, Wikidata id, slug, source key,
the set of partner places), and a second run changes nothing.

The shape of the file (sections, the fields of their entries) is the pydantic models of
`schema.py`. Sections, in load order: sources, places, organizations, people, partnerships, programmes,
activities, articles. Every entry may (most must) `cite` its sources: a list of
`{source: KEY, quote: TEXT, note: TEXT}`; article entries define the source keys of the seed pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from twinning.activities.models import Activity, Programme
from twinning.activities.services import (
    activity_create,
    activity_link,
    participation_add,
    programme_add_organization,
    programme_create,
    programme_link,
)
from twinning.core.dates import PartialDate
from twinning.core.errors import NotFound, TwinningError, ValidationFailed
from twinning.core.files import read_text
from twinning.core.models import Source
from twinning.core.services import Actor, citation_add, source_get_or_create
from twinning.core.text import fold_variants
from twinning.directory.models import Organization, Person
from twinning.directory.services import (
    contact_detail_add,
    organization_get_or_create,
    person_get_or_create,
    role_add,
)
from twinning.partnerships.models import Partnership
from twinning.partnerships.services import (
    member_key,
    partnership_add_contact,
    partnership_add_supporter,
    partnership_get_or_create,
)
from twinning.places.models import Place
from twinning.places.services import place_create
from twinning.press.models import Article
from twinning.press.services import ImageData, article_create, article_link

from .schema import SECTIONS, shape_error

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_world.yaml"
DEMO_ACTOR = Actor(via="cli:demo")


@dataclass
class LoadReport:
    created: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.created.values())

    def summary(self) -> str:
        if not self.total:
            return _("nothing new")
        return ", ".join(f"{count} {name}" for name, count in sorted(self.created.items()))


def _entry_lines(text: str) -> dict[tuple[str, int], int]:
    """The 1-based line of every entry of every section, for error messages."""
    lines: dict[tuple[str, int], int] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    lines[(str(key_node.value), index)] = item.start_mark.line + 1
    return lines


class _Loader:
    def __init__(self, *, path: Path, data: dict[str, Any], lines: dict[tuple[str, int], int], actor: Actor) -> None:
        self.path = path
        self.data = data
        self.lines = lines
        self.actor = actor
        self.report = LoadReport()
        self.sources: dict[str, Source] = {}
        self.places: dict[str, Place] = {}
        self.organizations: dict[str, Organization] = {}
        self.people: dict[str, Person] = {}
        self.partnerships: dict[str, Partnership] = {}
        self.programmes: dict[str, Programme] = {}
        self.activities: dict[str, Activity] = {}
        self.articles: dict[str, Article] = {}
        self.where = str(path)

    # --- helpers --------------------------------------------------------------------------------

    def fail(self, message: str) -> ValidationFailed:
        return ValidationFailed(message, where=self.where)

    def entries(self, section: str) -> Iterable[dict[str, Any]]:
        for index, entry in enumerate(self.data.get(section) or []):
            line = self.lines.get((section, index))
            key = entry.get("key") if isinstance(entry, dict) else None
            self.where = f"{self.path.name}{f':{line}' if line else ''}: {section}[{index}]" + (
                f" ({key})" if key else ""
            )
            problem = shape_error(section, entry)
            if problem:
                raise self.fail(problem)
            yield entry

    def ref(self, table: dict[str, Any], what: str, key: Any) -> Any:
        if key is None:
            return None
        if key not in table:
            raise NotFound(
                _("unknown %(what)s %(key)r (define it in its section, before it is used)")
                % {"what": what, "key": key},
                where=self.where,
            )
        return table[key]

    def refs(self, table: dict[str, Any], what: str, keys: Any) -> list[Any]:
        if keys is None:
            return []
        if not isinstance(keys, list):
            raise self.fail(_("a list of %(what)s keys was expected, got %(value)r") % {"what": what, "value": keys})
        return [self.ref(table, what, key) for key in keys]

    def date(self, value: Any, name: str) -> PartialDate | None:
        return PartialDate.parse(value, where=f"{self.where} {name}")

    def text(self, entry: dict[str, Any], name: str) -> str:
        value = entry.get(name)
        return "" if value is None else str(value).strip()

    def cite(self, record: Model, entry: dict[str, Any]) -> None:
        for item in entry.get("cite") or []:
            source = self.ref(self.sources, "source", item["source"])
            citation_add(
                record=record,
                source=source,
                quote=str(item.get("quote") or "").strip(),
                note=str(item.get("note") or "").strip(),
                actor=self.actor,
            )

    def created(self, kind: str, is_new: bool) -> None:
        if is_new:
            self.report.created[kind] += 1

    # --- sections -------------------------------------------------------------------------------

    def load(self) -> LoadReport:
        unknown = sorted(set(self.data) - set(SECTIONS) - {"version"})
        if unknown:
            raise self.fail(_("unknown section %(sections)s") % {"sections": ", ".join(unknown)})
        for section in SECTIONS:
            if not isinstance(self.data.get(section) or [], list):
                raise self.fail(_("section %(section)s must be a list of entries") % {"section": section})
        self.load_sources()
        self.load_places()
        self.load_organizations()
        self.load_people()
        self.load_partnerships()
        self.load_programmes()
        self.load_activities()
        self.load_articles()
        return self.report

    def load_sources(self) -> None:
        for entry in self.entries("sources"):
            self.add_source(key=entry["key"], kind=entry["kind"], title=entry["title"], url=self.text(entry, "url"),
                            license=self.text(entry, "license"))  # fmt: skip
        # The seed pages (articles) are sources too; create them first so anything can cite them.
        for entry in self.entries("articles"):
            self.add_source(key=entry["source"], kind=Source.Kind.ARTICLE, title=entry["title"],
                            url=self.text(entry, "url"), license="")  # fmt: skip

    def add_source(self, *, key: str, kind: str, title: str, url: str, license: str) -> None:
        if key in self.sources:
            raise self.fail(_("the source key %(key)r is defined twice") % {"key": key})
        if kind not in Source.Kind.values:
            raise self.fail(_("unknown source kind %(kind)r") % {"kind": kind})
        is_new = not Source.objects.filter(key=key).exists()
        source = source_get_or_create(key=key, kind=kind, title=str(title), url=url, license=license, actor=self.actor)
        if source.kind != kind:
            raise self.fail(_("the source %(key)r exists already as a %(kind)s") % {"key": key, "kind": source.kind})
        self.sources[key] = source
        self.created("sources", is_new)

    def load_places(self) -> None:
        for entry in self.entries("places"):
            key = entry["key"]
            if key in self.places:
                raise self.fail(_("the place key %(key)r is defined twice") % {"key": key})
            if entry.get("geonameid") is not None:
                place = Place.objects.filter(geonameid=entry["geonameid"]).first()
                if place is None:
                    raise NotFound(
                        _("unknown GeoNames id %(id)s (%(name)s)") % {"id": entry["geonameid"], "name": entry["name"]},
                        where=self.where,
                    )
                names = set(place.names.values_list("key", flat=True))
                if not set(fold_variants(str(entry["name"]))) & names:
                    raise self.fail(
                        _("GeoNames id %(id)s is %(place)s, not %(name)r")
                        % {"id": entry["geonameid"], "place": place, "name": entry["name"]}
                    )
            else:
                if "kind" not in entry or "country" not in entry:
                    raise self.fail(_("a place without a GeoNames id needs a kind and a country"))
                lookup = (
                    Place.objects.filter(wikidata_qid=entry["wikidata"])
                    if entry.get("wikidata")
                    else Place.objects.filter(
                        geonameid=None, name=entry["name"], kind=entry["kind"], country_id=entry["country"]
                    )
                )
                place = lookup.first()
                if place is None:
                    place = place_create(
                        name=str(entry["name"]),
                        kind=entry["kind"],
                        country=entry["country"],
                        wikidata_qid=entry.get("wikidata"),
                        alternate_names=entry.get("alternate_names") or (),
                        actor=self.actor,
                        where=self.where,
                    )
                    self.created("places", True)
            self.places[key] = place
            self.cite(place, entry)

    def add_contacts(self, entry: dict[str, Any], *, person: Person | None = None,
                     organization: Organization | None = None) -> None:  # fmt: skip
        for item in entry.get("contacts") or []:
            contact_detail_add(
                kind=item["kind"],
                value=str(item["value"]),
                visibility=item.get("visibility", "internal"),
                person=person,
                organization=organization,
                actor=self.actor,
                where=self.where,
            )

    def load_organizations(self) -> None:
        for entry in self.entries("organizations"):
            key = entry["key"]
            if key in self.organizations:
                raise self.fail(_("the organization key %(key)r is defined twice") % {"key": key})
            organization, is_new = organization_get_or_create(
                slug=key,
                name=str(entry["name"]),
                kind=entry["kind"],
                short_name=self.text(entry, "short_name"),
                parent=self.ref(self.organizations, "organization", entry.get("parent")),
                seat=self.ref(self.places, "place", entry.get("seat")),
                website=self.text(entry, "website"),
                description=self.text(entry, "description"),
                actor=self.actor,
                where=self.where,
            )
            self.created("organizations", is_new)
            self.organizations[key] = organization
            self.add_contacts(entry, organization=organization)
            self.cite(organization, entry)

    def load_people(self) -> None:
        for entry in self.entries("people"):
            key = entry["key"]
            if key in self.people:
                raise self.fail(_("the person key %(key)r is defined twice") % {"key": key})
            person, is_new = person_get_or_create(
                slug=key,
                name=str(entry["name"]),
                honorific=self.text(entry, "honorific"),
                visibility=entry.get("visibility", "internal"),
                actor=self.actor,
                where=self.where,
            )
            self.created("people", is_new)
            self.people[key] = person
            for role in entry.get("roles") or []:
                role_add(
                    person=person,
                    function=str(role["function"]),
                    organization=self.ref(self.organizations, "organization", role.get("organization")),
                    place=self.ref(self.places, "place", role.get("place")),
                    start=self.date(role.get("start"), "roles.start"),
                    end=self.date(role.get("end"), "roles.end"),
                    is_contact=bool(role.get("is_contact", False)),
                    actor=self.actor,
                    where=self.where,
                )
            self.add_contacts(entry, person=person)
            self.cite(person, entry)

    def load_partnerships(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for entry in self.entries("partnerships"):
            key = entry["key"]
            if key in self.partnerships:
                raise self.fail(_("the partnership key %(key)r is defined twice") % {"key": key})
            places = self.refs(self.places, "place", entry["places"])
            kind = entry.get("kind", Partnership.Kind.TWINNING)
            identity = (member_key(places), kind)
            if identity in seen:
                raise self.fail(
                    _("duplicate partnership: %(kind)s between %(places)s is already entry %(other)r")
                    % {"kind": kind, "places": ", ".join(p.name for p in places), "other": seen[identity]}
                )
            seen[identity] = key
            partnership, is_new = partnership_get_or_create(
                places=places,
                kind=kind,
                status=entry.get("status", Partnership.Status.ACTIVE),
                established=self.date(entry.get("established"), "established"),
                ended=self.date(entry.get("ended"), "ended"),
                description=self.text(entry, "description"),
                actor=self.actor,
                where=self.where,
            )
            self.created("partnerships", is_new)
            self.partnerships[key] = partnership
            for organization in self.refs(self.organizations, "organization", entry.get("supporters")):
                partnership_add_supporter(partnership=partnership, organization=organization, actor=self.actor)
            for person in self.refs(self.people, "person", entry.get("contacts")):
                partnership_add_contact(partnership=partnership, person=person, actor=self.actor)
            self.cite(partnership, entry)

    def organization_roles(self, entry: dict[str, Any]) -> list[tuple[Organization, str]]:
        return [
            (self.ref(self.organizations, "organization", item["organization"]), str(item["role"]))
            for item in entry.get("organizations") or []
        ]

    def load_programmes(self) -> None:
        for entry in self.entries("programmes"):
            key = entry["key"]
            if key in self.programmes:
                raise self.fail(_("the programme key %(key)r is defined twice") % {"key": key})
            partnerships = self.refs(self.partnerships, "partnership", entry.get("partnerships"))
            places = self.refs(self.places, "place", entry.get("places"))
            topics = [str(t) for t in entry.get("topics") or []]
            programme = Programme.objects.filter(slug=key).first()
            if programme is None:
                programme = programme_create(
                    slug=key,
                    name=str(entry["name"]),
                    description=self.text(entry, "description"),
                    goals=self.text(entry, "goals"),
                    website=self.text(entry, "website"),
                    start=self.date(entry.get("start"), "start"),
                    end=self.date(entry.get("end"), "end"),
                    topics=topics,
                    partnerships=partnerships,
                    places=places,
                    actor=self.actor,
                    where=self.where,
                )
                self.created("programmes", True)
            else:
                programme_link(programme=programme, partnerships=partnerships, places=places, topics=topics,
                               actor=self.actor, where=self.where)  # fmt: skip
            for organization, role in self.organization_roles(entry):
                programme_add_organization(
                    programme=programme, organization=organization, role=role, actor=self.actor, where=self.where
                )
            self.programmes[key] = programme
            self.cite(programme, entry)

    def load_activities(self) -> None:
        for entry in self.entries("activities"):
            key = entry["key"]
            if key in self.activities:
                raise self.fail(_("the activity key %(key)r is defined twice") % {"key": key})
            partnerships = self.refs(self.partnerships, "partnership", entry.get("partnerships"))
            places = self.refs(self.places, "place", entry.get("places"))
            topics = [str(t) for t in entry.get("topics") or []]
            organizations = self.organization_roles(entry)
            legs = [
                (
                    self.ref(self.places, "place", leg["place"]),
                    self.date(leg.get("start"), "legs.start"),
                    self.date(leg.get("end"), "legs.end"),
                    str(leg.get("note") or ""),
                )
                for leg in entry.get("legs") or []
            ]
            count = entry.get("participant_count")
            if count is not None and not isinstance(count, int):
                raise self.fail(_("participant_count must be a whole number, got %(value)r") % {"value": count})
            activity = Activity.objects.filter(slug=key).first()
            if activity is None:
                activity = activity_create(
                    slug=key,
                    title=str(entry["title"]),
                    kind=entry["kind"],
                    start=self.date(entry.get("start"), "start"),
                    end=self.date(entry.get("end"), "end"),
                    venue=self.text(entry, "venue"),
                    place=self.ref(self.places, "place", entry.get("place")),
                    programme=self.ref(self.programmes, "programme", entry.get("programme")),
                    parent=self.ref(self.activities, "activity", entry.get("parent")),
                    follow_up_of=self.ref(self.activities, "activity", entry.get("follow_up_of")),
                    direction=entry.get("direction", ""),
                    format=entry.get("format", Activity.Format.IN_PERSON),
                    description=self.text(entry, "description"),
                    outcomes=self.text(entry, "outcomes"),
                    participant_count=count,
                    participant_count_approximate=bool(entry.get("participant_count_approximate", False)),
                    participant_count_text=self.text(entry, "participant_count_text"),
                    topics=topics,
                    partnerships=partnerships,
                    places=places,
                    organizations=organizations,
                    legs=legs,
                    actor=self.actor,
                    where=self.where,
                )
                self.created("activities", True)
            else:
                activity_link(activity=activity, partnerships=partnerships, places=places, topics=topics,
                              actor=self.actor, where=self.where)  # fmt: skip
            self.activities[key] = activity
            for item in entry.get("participants") or []:
                participation_add(
                    activity=activity,
                    person=self.ref(self.people, "person", item["person"]),
                    role=str(item.get("role") or ""),
                    organization=self.ref(self.organizations, "organization", item.get("organization")),
                    place=self.ref(self.places, "place", item.get("place")),
                    actor=self.actor,
                    where=self.where,
                )
            self.cite(activity, entry)

    def load_articles(self) -> None:
        related: list[tuple[Article, list[str], str]] = []
        for entry in self.entries("articles"):
            key = entry["key"]
            if key in self.articles:
                raise self.fail(_("the article key %(key)r is defined twice") % {"key": key})
            article = Article.objects.filter(source__key=entry["source"]).first()
            if article is None:
                published = self.date(entry["published"], "published") if entry.get("published") else None
                article = article_create(
                    slug=key,
                    source_key=entry["source"],
                    title=str(entry["title"]),
                    url=self.text(entry, "url"),
                    published=published.value if published is not None else None,
                    publisher=self.ref(self.organizations, "organization", entry.get("publisher")),
                    publisher_place=self.ref(self.places, "place", entry.get("publisher_place")),
                    teaser=self.text(entry, "teaser"),
                    body=self.text(entry, "body"),
                    language=entry.get("language", "de"),
                    images=[
                        ImageData(
                            caption=str(i.get("caption") or ""),
                            credit=str(i.get("credit") or ""),
                            url=str(i.get("url") or ""),
                        )
                        for i in entry.get("images") or []
                    ],
                    actor=self.actor,
                    where=self.where,
                )
                self.created("articles", True)
            self.articles[key] = article
            article_link(
                article=article,
                places=self.refs(self.places, "place", entry.get("places")),
                partnerships=self.refs(self.partnerships, "partnership", entry.get("partnerships")),
                activities=self.refs(self.activities, "activity", entry.get("activities")),
                people=self.refs(self.people, "person", entry.get("people")),
                organizations=self.refs(self.organizations, "organization", entry.get("organizations")),
                topics=[str(t) for t in entry.get("topics") or []],
                actor=self.actor,
                where=self.where,
            )
            self.cite(article, entry)
            related.append((article, entry.get("related") or [], self.where))
        for article, keys, where in related:  # related articles may be listed before they are defined
            self.where = where
            article_link(article=article, related=self.refs(self.articles, "article", keys), actor=self.actor,
                         where=where)  # fmt: skip


def demo_read(path: Path) -> tuple[dict[str, Any], dict[tuple[str, int], int]]:
    """Parse the file; a syntax error names the file, line and column."""
    text = read_text(path)  # the one input reader: size limit, UTF-8, line of a bad byte
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise ValidationFailed(_("YAML syntax error: %(problem)s") % {"problem": problem}, where=where) from error
    if not isinstance(data, dict):
        raise ValidationFailed(_("the demo file must be a mapping of sections"), where=str(path))
    return data, _entry_lines(text)


def demo_load(
    *,
    path: Path = DEMO_FILE,
    actor: Actor = DEMO_ACTOR,
    progress: Callable[[int, str], Any] | None = None,
) -> LoadReport:
    """Load the gazetteer if needed, then the demo file, in one transaction (all or nothing)."""
    from twinning.places.gazetteer import gazetteer_is_loaded, gazetteer_load

    data, lines = demo_read(path)
    if not gazetteer_is_loaded():
        gazetteer_load(progress=progress)
    loader = _Loader(path=path, data=data, lines=lines, actor=actor)
    try:
        with transaction.atomic():
            return loader.load()
    except TwinningError:
        raise
    except DjangoValidationError as error:  # a service's full_clean() refused a value
        raise ValidationFailed(
            _("invalid value: %(error)s") % {"error": "; ".join(error.messages)}, where=loader.where
        ) from error
    except (TypeError, AttributeError, ValueError, KeyError) as error:  # a value of the wrong shape
        raise ValidationFailed(_("malformed entry: %(error)s") % {"error": error}, where=loader.where) from error
