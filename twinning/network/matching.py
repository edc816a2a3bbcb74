"""Partner matching: which places should a place work with, and why.

The scorer is a pure function of gathered facts (no database): shared topics and SDGs from the
activities and programmes places take part in, comparable population, ties through common partners
and shared programmes, how often the two countries already twin, how well connected the candidate
is, and distance. `MatchContext.from_graph` gathers the facts once per graph; `match_places`
ranks the candidates (the places of the graph plus those of programmes, never the whole gazetteer).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.places.index import distance_km

MODES = ("partner", "peer")

# Points each feature contributes at most (they add up to 100).
W_COMMON = 30.0
W_COUNTRY = 20.0
W_DEGREE = 10.0
W_POPULATION = 10.0
W_DISTANCE = 10.0
W_TOPICS = 12.0
W_PROGRAMME = 8.0


@dataclass(frozen=True)
class PlaceFacts:
    place_id: int
    geonameid: int | None
    name: str
    country: str
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    topics: frozenset[str] = frozenset()
    sdgs: frozenset[int] = frozenset()
    programmes: frozenset[str] = frozenset()


@dataclass
class Scored:
    facts: PlaceFacts
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)


def _number(value: float) -> str:
    return formats.number_format(round(value), force_grouping=True)


def population_similarity(a: int, b: int) -> float:
    """1 for equal populations, falling to 0 at a factor of 100 apart; 0 when unknown."""
    if not a or not b:
        return 0.0
    return max(0.0, 1.0 - abs(math.log10(a / b)) / 2.0)


def score_pair(
    target: PlaceFacts,
    candidate: PlaceFacts,
    *,
    common_partners: int = 0,
    country_share: float = 0.0,
    degree: int = 0,
) -> tuple[float, dict[str, float]]:
    """The score (0–100) of `candidate` for `target` and its parts, by feature."""
    parts: dict[str, float] = {}
    if common_partners:
        parts["common"] = W_COMMON * (1 - 0.5**common_partners)
    if country_share:
        parts["country"] = W_COUNTRY * math.sqrt(min(1.0, country_share))
    if degree:
        parts["degree"] = W_DEGREE * min(1.0, math.log10(1 + degree) / 2)
    similarity = population_similarity(target.population, candidate.population)
    if similarity:
        parts["population"] = W_POPULATION * similarity
    if None not in (target.lat, target.lon, candidate.lat, candidate.lon):
        km = distance_km((target.lat, target.lon), (candidate.lat, candidate.lon))  # type: ignore[arg-type]
        parts["distance"] = W_DISTANCE * math.exp(-km / 1500.0)
    shared_topics = len(target.topics & candidate.topics)
    shared_sdgs = len(target.sdgs & candidate.sdgs)
    if shared_topics or shared_sdgs:
        parts["topics"] = W_TOPICS * min(1.0, shared_topics / 3 + shared_sdgs / 9)
    if target.programmes & candidate.programmes:
        parts["programme"] = W_PROGRAMME
    return sum(parts.values()), parts


def explain(
    target: PlaceFacts,
    candidate: PlaceFacts,
    parts: Mapping[str, float],
    *,
    common_names: Sequence[str] = (),
    common_partners: int = 0,
    degree: int = 0,
    topic_names: Mapping[str, str] | None = None,
) -> list[str]:
    """Human-readable reasons for a score, strongest first."""
    topic_names = topic_names or {}
    reasons: list[tuple[float, str]] = []
    if "common" in parts:
        shown = ", ".join(common_names[:3]) + (", …" if common_partners > 3 else "")
        text = ngettext("%(n)d shared partner: %(names)s", "%(n)d shared partners: %(names)s", common_partners)
        reasons.append((parts["common"], text % {"n": common_partners, "names": shown}))
    if "country" in parts and parts["country"] >= W_COUNTRY * 0.25:
        reasons.append(
            (
                parts["country"],
                _("places in %(a)s and %(b)s often twin") % {"a": target.country, "b": candidate.country},
            )
        )
    if "degree" in parts and degree >= 5:
        text = ngettext("well connected (%(n)s partnership)", "well connected (%(n)s partnerships)", degree)
        reasons.append((parts["degree"], text % {"n": _number(degree)}))
    if "population" in parts and parts["population"] >= W_POPULATION / 2:
        reasons.append(
            (
                parts["population"],
                _("similar size (%(a)s vs %(b)s)")
                % {"a": _number(candidate.population), "b": _number(target.population)},
            )
        )
    shared_topics = sorted(topic_names.get(slug, slug) for slug in target.topics & candidate.topics)
    if shared_topics:
        shown = ", ".join(shared_topics[:3]) + (", …" if len(shared_topics) > 3 else "")
        text = ngettext("shared topic: %(topics)s", "%(n)d shared topics: %(topics)s", len(shared_topics))
        reasons.append((parts.get("topics", 0), text % {"n": len(shared_topics), "topics": shown}))
    sdgs = sorted(target.sdgs & candidate.sdgs)
    if sdgs:
        reasons.append((W_TOPICS / 9, _("shared SDGs: %(sdgs)s") % {"sdgs": ", ".join(str(n) for n in sdgs)}))
    for name in sorted(target.programmes & candidate.programmes):
        reasons.append((W_PROGRAMME, _("both in programme %(name)s") % {"name": name}))
    if "distance" in parts:
        km = distance_km((target.lat, target.lon), (candidate.lat, candidate.lon))  # type: ignore[arg-type]
        reasons.append((parts["distance"] / 2, _("%(km)s km apart") % {"km": _number(km)}))
    reasons.sort(key=lambda item: -item[0])
    return [text for _weight, text in reasons]


def common_neighbours(graph: nx.Graph, node: int) -> Counter[int]:
    """For every place two partnerships away, how many partners it shares with `node`."""
    counts: Counter[int] = Counter()
    if node not in graph:
        return counts
    for partner in graph.adj[node]:
        counts.update(list(graph.adj[partner]))
    counts.pop(node, None)
    return counts


def country_pair_counts(graph: nx.Graph, country_of: Mapping[int, str]) -> tuple[Counter, Counter]:
    """Partnerships per (country, country) pair, in both directions, and per country."""
    pairs: Counter[tuple[str, str]] = Counter()
    per_country: Counter[str] = Counter()
    for a, b in graph.edges():
        ca, cb = country_of.get(a, ""), country_of.get(b, "")
        pairs[(ca, cb)] += 1
        per_country[ca] += 1
        if ca != cb:
            pairs[(cb, ca)] += 1
        per_country[cb] += 1
    return pairs, per_country


@dataclass
class MatchContext:
    """Everything the matcher needs, gathered once per graph."""

    graph: nx.Graph
    facts: dict[int, PlaceFacts]
    topic_names: dict[str, str] = field(default_factory=dict)
    pairs: Counter = field(default_factory=Counter)
    per_country: Counter = field(default_factory=Counter)

    @classmethod
    def build(cls, graph: nx.Graph, facts: dict[int, PlaceFacts], topic_names: dict[str, str]) -> MatchContext:
        pairs, per_country = country_pair_counts(graph, {pk: f.country for pk, f in facts.items()})
        return cls(graph=graph, facts=facts, topic_names=topic_names, pairs=pairs, per_country=per_country)

    def country_share(self, a: str, b: str) -> float:
        total = self.per_country.get(a, 0)
        return self.pairs.get((a, b), 0) / total if total else 0.0

    _arrays: dict[str, Any] | None = field(default=None, repr=False)

    def arrays(self) -> dict[str, Any]:
        """The facts as columns (numpy), built on first use: what `shortlist` scores at once."""
        if self._arrays is None:
            ids = list(self.facts)
            facts = [self.facts[pk] for pk in ids]
            countries = sorted({f.country for f in facts})
            self._arrays = {
                "ids": np.array(ids, dtype=np.int64),
                "position": {pk: i for i, pk in enumerate(ids)},
                "population": np.array([f.population or 0 for f in facts], dtype=np.float64),
                "lat": np.array([np.nan if f.lat is None else f.lat for f in facts], dtype=np.float64),
                "lon": np.array([np.nan if f.lon is None else f.lon for f in facts], dtype=np.float64),
                "country": np.array([countries.index(f.country) for f in facts], dtype=np.int64),
                "countries": countries,
                "degree": np.array([self.graph.degree(pk) if pk in self.graph else 0 for pk in ids], dtype=np.float64),
                "has_topics": np.array([bool(f.topics or f.sdgs) for f in facts]),
                "has_programmes": np.array([bool(f.programmes) for f in facts]),
            }
        return self._arrays

    def shortlist(self, target: PlaceFacts, common: Mapping[int, int], allowed: Any, *, limit: int) -> list[int]:
        """The candidates that can be among the best `limit`: every feature but topics and
        programmes is scored for all places at once (numpy); a place whose score plus the most
        topics and programme could add stays below the `limit`-th best score without them cannot
        make the list, so `rank` scores only the rest exactly (the same result as scoring all)."""
        a = self.arrays()
        cheap = np.zeros(len(a["ids"]))
        if common:
            positions = [a["position"][pk] for pk in common if pk in a["position"]]
            counts = np.array([common[pk] for pk in common if pk in a["position"]], dtype=np.float64)
            cheap[positions] += W_COMMON * (1 - 0.5**counts)
        total = self.per_country.get(target.country, 0)
        if total:
            share = np.array([self.pairs.get((target.country, c), 0) / total for c in a["countries"]])
            cheap += W_COUNTRY * np.sqrt(np.minimum(1.0, share))[a["country"]]
        cheap += W_DEGREE * np.minimum(1.0, np.log10(1 + a["degree"]) / 2)
        if target.population:
            population = a["population"]
            with np.errstate(divide="ignore", invalid="ignore"):
                similarity = np.maximum(0.0, 1.0 - np.abs(np.log10(target.population / population)) / 2.0)
            cheap += W_POPULATION * np.where(population > 0, similarity, 0.0)
        if target.lat is not None and target.lon is not None:
            lat1, lon1 = math.radians(target.lat), math.radians(target.lon)
            lat2, lon2 = np.radians(a["lat"]), np.radians(a["lon"])
            h = np.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
            km = 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
            cheap += np.nan_to_num(W_DISTANCE * np.exp(-km / 1500.0), nan=0.0)
        bonus = np.zeros(len(cheap))
        if target.topics or target.sdgs:
            bonus += W_TOPICS * a["has_topics"]
        if target.programmes:
            bonus += W_PROGRAMME * a["has_programmes"]
        cheap = np.where(allowed, cheap, -np.inf)
        if int(allowed.sum()) <= limit:
            return [int(pk) for pk in a["ids"][allowed]]
        threshold = np.partition(cheap, -limit)[-limit]
        keep = allowed & (cheap + bonus >= threshold - 1e-6)
        return [int(pk) for pk in a["ids"][keep]]

    def candidates(self, target: PlaceFacts, *, mode: str) -> Iterable[PlaceFacts]:
        excluded = {target.place_id}
        if mode == "partner" and target.place_id in self.graph:
            excluded.update(self.graph.adj[target.place_id])
        return (facts for pk, facts in self.facts.items() if pk not in excluded)


def rank(
    context: MatchContext,
    target: PlaceFacts,
    *,
    mode: str = "partner",
    topic: str | None = None,
    country: str | None = None,
    limit: int = 10,
) -> list[Scored]:
    """The best `limit` candidates for `target`, with reasons. Pure given the context."""
    if mode not in MODES:
        raise ValueError(mode)
    graph = context.graph
    common = common_neighbours(graph, target.place_id)
    allowed = [
        candidate
        for candidate in context.candidates(target, mode=mode)
        if not (country and candidate.country != country) and not (topic and topic not in candidate.topics)
    ]
    if len(allowed) > 4 * limit:  # only those that can make the list are scored exactly
        arrays = context.arrays()
        mask = np.zeros(len(arrays["ids"]), dtype=bool)
        mask[[arrays["position"][c.place_id] for c in allowed]] = True
        allowed = [context.facts[pk] for pk in context.shortlist(target, common, mask, limit=limit)]
    scored: list[tuple[float, int, PlaceFacts, dict[str, float]]] = []
    for candidate in allowed:
        pk = candidate.place_id
        score, parts = score_pair(
            target,
            candidate,
            common_partners=common.get(pk, 0),
            country_share=context.country_share(target.country, candidate.country),
            degree=graph.degree(pk) if pk in graph else 0,
        )
        scored.append((score, pk, candidate, parts))
    scored.sort(key=lambda item: (-item[0], item[1]))
    result = []
    for score, pk, candidate, parts in scored[:limit]:
        shared = set(graph.adj[pk]) & set(graph.adj[target.place_id]) if common.get(pk) else set()
        names = sorted(context.facts[n].name for n in shared if n in context.facts)
        reasons = explain(
            target,
            candidate,
            parts,
            common_names=names,
            common_partners=common.get(pk, 0),
            degree=graph.degree(pk) if pk in graph else 0,
            topic_names=context.topic_names,
        )
        result.append(Scored(facts=candidate, score=round(score, 2), parts=parts, reasons=reasons))
    return result


def scored_json(item: Scored) -> dict[str, Any]:
    facts = item.facts
    return {
        "place": {"geonameid": facts.geonameid, "name": facts.name, "country": facts.country},
        "score": item.score,
        "reasons": item.reasons,
    }


# -- selectors (database) ---------------------------------------------------------------------------


def gather_facts(place_ids: Iterable[int]) -> tuple[dict[int, PlaceFacts], dict[str, str]]:
    """Facts of the given places plus every place in a programme or an activity with topics:
    population, coordinates, topics and SDGs of their activities and programmes, programme names."""
    from twinning.activities.models import Activity, Programme
    from twinning.partnerships.models import PartnershipMember
    from twinning.places.models import Place
    from twinning.topics.models import Topic

    topics: dict[int, set[str]] = {}
    programmes: dict[int, set[str]] = {}
    topic_slug = dict(Topic.objects.values_list("id", "slug"))
    topic_names = {t.slug: t.name for t in Topic.objects.all()}
    sdgs_of: dict[str, set[int]] = {}
    for slug, number in Topic.sdgs.through.objects.values_list("topic__slug", "sdg__number"):
        sdgs_of.setdefault(slug, set()).add(number)
    members: dict[int, list[int]] = {}
    for partnership, place in PartnershipMember.objects.values_list("partnership_id", "place_id"):
        members.setdefault(partnership, []).append(place)

    def involved(places: dict[int, set[int]], partnerships: dict[int, set[int]], key: int) -> set[int]:
        found = set(places.get(key, ()))
        for partnership in partnerships.get(key, ()):
            found.update(members.get(partnership, ()))
        return found

    def by_owner(rows: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
        grouped: dict[int, set[int]] = {}
        for owner, other in rows:
            grouped.setdefault(owner, set()).add(other)
        return grouped

    activity_topics = by_owner(Activity.topics.through.objects.values_list("activity_id", "topic_id"))
    activity_places = by_owner(Activity.places.through.objects.values_list("activity_id", "place_id"))
    activity_partnerships = by_owner(Activity.partnerships.through.objects.values_list("activity_id", "partnership_id"))
    for activity, held in Activity.objects.exclude(place=None).values_list("id", "place_id"):
        activity_places.setdefault(activity, set()).add(held)
    for activity, topic_ids in activity_topics.items():
        for place in involved(activity_places, activity_partnerships, activity):
            topics.setdefault(place, set()).update(topic_slug[t] for t in topic_ids)
    programme_topics = by_owner(Programme.topics.through.objects.values_list("programme_id", "topic_id"))
    programme_places = by_owner(Programme.places.through.objects.values_list("programme_id", "place_id"))
    programme_partnerships = by_owner(
        Programme.partnerships.through.objects.values_list("programme_id", "partnership_id")
    )
    for programme, name in Programme.objects.values_list("id", "name"):
        for place in involved(programme_places, programme_partnerships, programme):
            programmes.setdefault(place, set()).add(name)
            topics.setdefault(place, set()).update(topic_slug[t] for t in programme_topics.get(programme, ()))

    wanted = set(place_ids) | set(topics) | set(programmes)
    facts: dict[int, PlaceFacts] = {}
    rows = Place.objects.filter(pk__in=list(wanted)).values_list(
        "id", "geonameid", "name", "country_id", "population", "latitude", "longitude"
    )
    for pk, geonameid, name, country, population, lat, lon in rows.iterator(chunk_size=5000):
        place_topics = frozenset(topics.get(pk, ()))
        facts[pk] = PlaceFacts(
            place_id=pk,
            geonameid=geonameid,
            name=name,
            country=country or "",
            population=population or 0,
            lat=lat,
            lon=lon,
            topics=place_topics,
            sdgs=frozenset(n for slug in place_topics for n in sdgs_of.get(slug, ())),
            programmes=frozenset(programmes.get(pk, ())),
        )
    return facts, topic_names


def match_context(graph: nx.Graph | None = None) -> MatchContext:
    """The context for the current partnership graph (or the one given, e.g. with edges hidden)."""
    from .graph import get_graph

    graph = get_graph() if graph is None else graph
    facts, topic_names = gather_facts(graph.nodes)
    return MatchContext.build(graph, facts, topic_names)


def match_for_place(
    place: Any,
    *,
    mode: str = "partner",
    topic: str | None = None,
    country: str | None = None,
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Ranked candidates for `place` (a Place) as JSON-ready dicts; raises NotFound for an unknown
    topic slug and ValidationFailed for a bad mode or limit."""
    from twinning.core.errors import NotFound, ValidationFailed
    from twinning.topics.models import Topic

    if mode not in MODES:
        raise ValidationFailed(
            _("mode must be one of %(modes)s, not %(mode)r") % {"modes": ", ".join(MODES), "mode": mode}
        )
    if limit < 1:
        raise ValidationFailed(_("limit must be at least 1, not %(limit)d") % {"limit": limit})
    if topic and not Topic.objects.filter(slug=topic).exists():
        raise NotFound(_("no topic with slug %(slug)r") % {"slug": topic})
    context = match_context()
    target = context.facts.get(place.pk) or PlaceFacts(
        place_id=place.pk,
        geonameid=place.geonameid,
        name=place.name,
        country=place.country_id or "",
        population=place.population or 0,
        lat=place.latitude,
        lon=place.longitude,
    )
    ranked = rank(context, target, mode=mode, topic=topic, country=country.upper() if country else None, limit=limit)
    return [scored_json(item) for item in ranked]
