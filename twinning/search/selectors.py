"""One search over the registry, grouped by kind, ranked and highlighted.

- places: the resolver (exact, then typo-tolerant: "Krefled" → Krefeld), places with partnerships
  and larger places first, then names starting with the query;
- partnerships: a query naming two places ("Krefeld Charlotte") finds the partnerships between
  them; a query naming one place lists that place's partnerships;
- programmes, activities, news and organizations: the full-text index (`backends`);
- people: by name, only those the user may see (`directory.access`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch

from twinning.activities.models import Activity, Programme
from twinning.directory.access import visible_people
from twinning.directory.models import Organization, Person
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Place
from twinning.places.selectors import place_resolve, place_search
from twinning.press.selectors import articles_public

from . import backends
from .models import SearchDocument

MAX_QUERY = 200


@dataclass
class Hit:
    obj: Any
    title: list[tuple[str, bool]]
    snippet: list[tuple[str, bool]] = field(default_factory=list)


@dataclass
class Group:
    kind: str
    hits: list[Hit]


@dataclass
class SiteResults:
    query: str
    places: list[Hit] = field(default_factory=list)
    partnerships: list[Hit] = field(default_factory=list)
    programmes: list[Hit] = field(default_factory=list)
    activities: list[Hit] = field(default_factory=list)
    articles: list[Hit] = field(default_factory=list)
    organizations: list[Hit] = field(default_factory=list)
    people: list[Hit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(g) for g in self.groups().values())

    def groups(self) -> dict[str, list[Hit]]:
        return {
            "places": self.places,
            "partnerships": self.partnerships,
            "programmes": self.programmes,
            "activities": self.activities,
            "articles": self.articles,
            "organizations": self.organizations,
            "people": self.people,
        }


def _connected(place_ids: list[int]) -> dict[int, int]:
    """Number of partnerships of each of a few places (one grouped query)."""
    rows = (
        PartnershipMember.objects.filter(place_id__in=place_ids)
        .values("place_id")
        .annotate(n=Count("partnership_id"))
        .values_list("place_id", "n")
    )
    return dict(rows)


def _resolve(name: str, memo: dict[str, Any]) -> Any:
    """The resolver's matches for a name, once per search (places and partnerships share them)."""
    key = name.casefold()
    if key not in memo:
        memo[key] = place_resolve(name, limit=25, fuzzy=True)
    return memo[key]


def places_for(query: str, *, limit: int = 10, memo: dict[str, Any] | None = None) -> list[Place]:
    """Exact name matches first, then names starting with the query (typing "Kref"), then
    typo-tolerant matches ("Krefled"); exact and typo-tolerant ones with partnerships and more
    inhabitants first."""
    matches = _resolve(query, {} if memo is None else memo)
    ids = list(dict.fromkeys(m.place.place_id for m in matches))
    degree = _connected(ids)
    score = {m.place.place_id: m.score for m in reversed(matches)}
    exact = {m.place.place_id for m in matches if m.how == "exact"}
    places = Place.objects.select_related("country").in_bulk(ids)

    def rank(ids_: Iterable[int]) -> list[Place]:
        found = [places[pk] for pk in ids_ if pk in places]
        return sorted(found, key=lambda p: (-round(score[p.pk]), not degree.get(p.pk), -(p.population or 0)))

    result = rank(pk for pk in ids if pk in exact)
    seen = {p.pk for p in result}
    result += [p for p in place_search(query, limit=limit) if p.pk not in seen]
    seen = {p.pk for p in result}
    result += [p for p in rank(pk for pk in ids if pk not in exact) if p.pk not in seen]
    return result[:limit]


def _members() -> Prefetch:
    return Prefetch("members", queryset=PartnershipMember.objects.select_related("place__country"))


def _place_ids(name: str, memo: dict[str, Any]) -> list[int]:
    """The places a name most likely means (exact matches that have partnerships, else the best
    typo-tolerant ones), a handful at most."""
    matches = _resolve(name, memo)[:10]
    ids = list(dict.fromkeys(m.place.place_id for m in matches))
    degree = _connected(ids)
    with_partners = [pk for pk in ids if degree.get(pk)]
    exact = [m.place.place_id for m in matches if m.how == "exact" and degree.get(m.place.place_id)]
    return list(dict.fromkeys(exact or with_partners))[:5]


def partnerships_for(query: str, *, limit: int = 10, memo: dict[str, Any] | None = None) -> list[Partnership]:
    memo = {} if memo is None else memo
    parts = backends.WORD.findall(query)[:6]
    if not parts:
        return []
    splits = [(" ".join(parts[:i]), " ".join(parts[i:])) for i in range(1, len(parts))]
    for a, b in splits:
        first, second = _place_ids(a, memo), _place_ids(b, memo)
        if first and second:
            both = Partnership.objects.filter(
                pk__in=PartnershipMember.objects.filter(place_id__in=first).values("partnership_id")
            ).filter(pk__in=PartnershipMember.objects.filter(place_id__in=second).values("partnership_id"))
            found = list(both.prefetch_related(_members()).order_by("established", "pk")[:limit])
            if found:
                return found
    single = _place_ids(" ".join(parts), memo)[:1]
    if not single:
        return []
    return list(
        Partnership.objects.filter(
            pk__in=PartnershipMember.objects.filter(place_id__in=single).values("partnership_id")
        )
        .prefetch_related(_members())
        .order_by("established", "pk")[:limit]
    )


def _documents(
    kind: str, records: Any, query: str, ranked: list[tuple[int, float]], *, related: tuple[str, ...] = ()
) -> list[Hit]:
    """The hits of one kind: the records (a queryset of what the portal may show) in rank order."""
    if not ranked:
        return []
    ids = [pk for pk, _rank in ranked]
    objects = records.select_related(*related).in_bulk(ids)
    docs = {d.object_id: d for d in SearchDocument.objects.filter(kind=kind, object_id__in=ids)}
    hits = []
    for pk in ids:
        if pk in objects and pk in docs:
            doc = docs[pk]
            hits.append(
                Hit(
                    obj=objects[pk],
                    title=backends.highlight(doc.title, query, width=0),
                    snippet=backends.highlight(doc.text, query),
                )
            )
    return hits


def site_search(query: str, *, user: Any, limit: int = 10) -> SiteResults:
    query = " ".join(query.split())[:MAX_QUERY]
    results = SiteResults(query=query)
    if not backends.words(query):
        return results
    memo: dict[str, Any] = {}
    results.places = [
        Hit(obj=p, title=backends.highlight(p.display_name, query, width=0))
        for p in places_for(query, limit=limit, memo=memo)
    ]
    results.partnerships = [
        Hit(obj=p, title=[(" – ".join(m.place.display_name for m in p.members.all()), False)])
        for p in partnerships_for(query, limit=limit, memo=memo)
    ]
    Kind = SearchDocument.Kind
    ranked = backends.search_kinds(
        query, kinds=[Kind.PROGRAMME, Kind.ACTIVITY, Kind.ARTICLE, Kind.ORGANIZATION], limit=limit
    )
    results.programmes = _documents(Kind.PROGRAMME, Programme.objects.all(), query, ranked.get(Kind.PROGRAMME, []))
    results.activities = _documents(
        Kind.ACTIVITY, Activity.objects.all(), query, ranked.get(Kind.ACTIVITY, []), related=("place",)
    )
    # Ingested releases stay off the portal until an editor accepts something from them.
    results.articles = _documents(
        Kind.ARTICLE, articles_public(), query, ranked.get(Kind.ARTICLE, []), related=("publisher",)
    )
    results.organizations = _documents(
        Kind.ORGANIZATION, Organization.objects.all(), query, ranked.get(Kind.ORGANIZATION, []), related=("seat",)
    )
    people = visible_people(Person.objects.all(), user=user)
    for word in backends.words(query)[:3]:
        people = people.filter(name__icontains=word)
    results.people = [
        Hit(obj=p, title=backends.highlight(p.name, query, width=0)) for p in people.order_by("name")[:limit]
    ]
    return results
