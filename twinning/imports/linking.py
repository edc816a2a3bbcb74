"""Linking dataset names to places, in memory: the gazetteer index for GeoNames places, a small fresh
index of the places created since (counties, small towns), and the QIDs already recorded.

Two situations:
- located names (a CSV row, a SPARQL result): a name with a country and coordinates; the
  coordinates pick among homonyms, a place the gazetteer lacks is planned for creation;
- labels (Wikidata names.tsv): a name and a QID only; homonyms are told apart by the
  partnerships already known between the candidates and the label's partners, the countries
  of the partners' partners and population. Undecidable labels are reported, never guessed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from twinning.core.text import fold
from twinning.places.index import GazetteerIndex, PlaceRecord, distance_km

from .countries import country_code
from .kinds import MUNICIPALITY, AdminName, admin_name, split_qualifier

NEAR_KM = 30.0  # an exact name this close to the given coordinates is the place
SAME_COUNTRY_KM = 100.0  # an exact name in the given country this close is the place (geocoding noise)
FUZZY_NEAR_KM = 20.0  # a spelling variant must be this close
POPULATION_DOMINANCE = 5.0  # without coordinates, the most populous homonym wins only by this factor

CACHE_SIZE = 100_000  # located names remembered (repeated rows link once)

LINKED = "linked"
NEW = "new"
AMBIGUOUS = "ambiguous"
UNRESOLVED = "unresolved"
CONTRADICTION = "contradiction"  # the row's country and coordinates disagree: an editor decides


@dataclass
class PlaceRef:
    """One side of a pair as a dataset gives it."""

    name: str
    country: str | None = None
    country_text: str = ""
    lat: float | None = None
    lon: float | None = None
    qid: str | None = None
    geonameid: int | None = None

    @property
    def near(self) -> tuple[float, float] | None:
        return None if self.lat is None or self.lon is None else (self.lat, self.lon)


@dataclass
class NewPlace:
    """A place to create: the gazetteer lacks it."""

    key: tuple[str, str, str]
    name: str
    kind: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    qid: str | None = None
    names: set[str] = field(default_factory=set)


@dataclass
class Link:
    status: str
    place_id: int | None = None
    new: NewPlace | None = None
    how: str = ""
    candidates: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status in (LINKED, NEW)


def describe(record: PlaceRecord) -> str:
    ident = record.geonameid or f"local {record.place_id}"
    return f"{record.name} ({record.country or '?'}, {ident}, pop {record.population})"


_ST = re.compile(r"^(st|ste|saint|sainte|san|santa|sankt)\b\.?\s*", re.IGNORECASE)


def name_variants(name: str) -> list[str]:
    """The name, then forms datasets add or drop: "(Saanen)", "City of", " City", "St." ↔ "Saint"."""
    core, _qualifier = split_qualifier(name)
    variants = [name, core]
    head = core.split(",")[0].strip()
    variants.append(head)
    for prefix in (
        "City of ",
        "Town of ",
        "Municipality of ",
        "Stadt ",
        "Gemeinde ",
        "Gmina ",
        "Markt ",
        "Commune de ",
    ):
        if head.casefold().startswith(prefix.casefold()):
            variants.append(head[len(prefix) :])
    for suffix in (
        " City",
        " Town",
        " Municipality",
        " Kommune",
        " kommune",
        " Municipio",
        "-shi",
        "-si",
        "-gun",
        "-ku",
    ):
        if head.casefold().endswith(suffix.casefold()) and len(head) > len(suffix) + 2:
            variants.append(head[: -len(suffix)])
    found = _ST.match(head)
    if found:
        rest = head[found.end() :]
        word = found.group(1).casefold()
        if word in ("st", "saint", "sankt"):
            variants += [f"Saint {rest}", f"St. {rest}", f"Sankt {rest}", f"San {rest}"]
        elif word in ("ste", "sainte"):
            variants += [f"Sainte {rest}", f"Ste. {rest}"]
    return list(dict.fromkeys(v.strip() for v in variants if v and v.strip()))


class Linker:
    """Resolves dataset names against the gazetteer; plans the places to create."""

    def __init__(
        self,
        index: GazetteerIndex,
        *,
        local: Iterable[tuple[PlaceRecord, Iterable[str]]] = (),
        qids: dict[str, int] | None = None,
    ) -> None:
        self.index = index
        self.local = GazetteerIndex(local)
        self.qids = qids or {}
        self.new: dict[tuple[str, str, str], list[NewPlace]] = defaultdict(list)
        self._cache: dict[tuple[str, str | None, float | None, float | None], Link] = {}

    # -- candidates ------------------------------------------------------------------------

    def candidates(self, name: str, *, municipal: bool = True) -> list[PlaceRecord]:
        """Exact (folded) matches: GeoNames places from the index, other places from the fresh local index."""
        found = [r for r in self.index.lookup(name) if r.geonameid is not None]
        found += self.local.lookup(name)
        if municipal:
            return [r for r in found if r.kind == MUNICIPALITY]
        return [r for r in found if r.kind != MUNICIPALITY]

    def record(self, place_id: int) -> PlaceRecord | None:
        return self.local.get_place(place_id) or self.index.get_place(place_id)

    # -- located names (CSV, SPARQL) -------------------------------------------------------

    def link_located(self, ref: PlaceRef) -> Link:
        key = (fold(ref.name), ref.country, ref.lat, ref.lon)
        if ref.geonameid is None and ref.qid is None and key in self._cache:
            return self._cache[key]
        link = self._link_located(ref)
        if ref.geonameid is None and ref.qid is None:
            if len(self._cache) >= CACHE_SIZE:  # bounded: a large file must not grow it without end
                self._cache.clear()
            self._cache[key] = link
        return link

    def _link_located(self, ref: PlaceRef) -> Link:
        if ref.geonameid is not None:
            record = self.index.get(ref.geonameid)
            if record is not None:
                return Link(LINKED, record.place_id, how="GeoNames id")
        if ref.qid and ref.qid in self.qids:
            return Link(LINKED, self.qids[ref.qid], how="Wikidata id")
        name = " ".join(ref.name.split())
        if not name:
            return Link(UNRESOLVED, how="empty name")
        if ref.country_text and not ref.country:
            return Link(UNRESOLVED, how=f"unknown country {ref.country_text!r}")
        admin = admin_name(name, ref.country)
        if admin is not None:
            return self._link_admin(admin, ref, name)
        seen: list[PlaceRecord] = []
        for variant in name_variants(name):
            found = self.candidates(variant)
            decided = self._pick_located(found, ref)
            if decided is not None:
                return decided
            seen += [r for r in found if r not in seen]
        near = ref.near
        if near is not None:
            for match in self.index.resolve(split_qualifier(name)[0], country=ref.country, near=near, limit=5):
                record = match.place
                if (
                    record.kind == MUNICIPALITY
                    and record.lat is not None
                    and record.lon is not None
                    and distance_km(near, (record.lat, record.lon)) <= FUZZY_NEAR_KM
                ):
                    return Link(LINKED, record.place_id, how=f"spelling variant {match.matched_name!r} nearby")
        in_country = [r for r in seen if not ref.country or r.country == ref.country]
        if in_country:
            return Link(
                AMBIGUOUS,
                how="homonyms, none near the given coordinates" if near else "homonyms of similar size",
                candidates=tuple(describe(r) for r in in_country[:5]),
            )
        if near is not None and ref.country:
            return self._plan(
                key=(MUNICIPALITY, ref.country, fold(split_qualifier(name)[0])),
                name=name,
                kind=MUNICIPALITY,
                country=ref.country,
                ref=ref,
                names={name, split_qualifier(name)[0]},
                how="not in the gazetteer; created from the dataset's name, country and coordinates",
            )
        return Link(UNRESOLVED, how="not in the gazetteer" if ref.country else "not in the gazetteer, no country")

    def _pick_located(self, found: list[PlaceRecord], ref: PlaceRef) -> Link | None:
        if not found:
            return None
        in_country = [r for r in found if r.country == ref.country] if ref.country else found
        near = ref.near
        if near is not None:
            located = sorted(
                ((distance_km(near, (r.lat, r.lon)), r) for r in found if r.lat is not None and r.lon is not None),
                key=lambda item: item[0],  # places at the same distance must not be compared
            )
            if located and located[0][0] <= NEAR_KM:
                distance, nearest = located[0]
                if ref.country and nearest.country and nearest.country != ref.country:
                    # "Paris, United States" at the coordinates of Paris, France: the country and the
                    # coordinates contradict each other. Neither is trusted over the other.
                    here = [(d, r) for d, r in located if r.country == ref.country and d <= NEAR_KM]
                    if here:
                        return Link(LINKED, here[0][1].place_id, how=f"name and country, {here[0][0]:.0f} km away")
                    return Link(
                        CONTRADICTION,
                        how=f"the row says {ref.country_text or ref.country} ({ref.country}), its coordinates lie "
                        f"{distance:.0f} km from {nearest.name} ({nearest.country})",
                        candidates=tuple(describe(r) for _d, r in located[:3]),
                    )
                return Link(LINKED, nearest.place_id, how=f"name, {distance:.0f} km from the coordinates")
            located_here = [(d, r) for d, r in located if r in in_country]
            if located_here and located_here[0][0] <= SAME_COUNTRY_KM:
                return Link(LINKED, located_here[0][1].place_id, how="name and country, near the coordinates")
            if len(in_country) == 1:
                return Link(LINKED, in_country[0].place_id, how="the only place of this name in the country")
            return None
        if len(in_country) == 1:
            return Link(LINKED, in_country[0].place_id, how="the only place of this name in the country")
        if len(in_country) > 1:
            first, second = in_country[0], in_country[1]  # most populous first
            if first.population >= POPULATION_DOMINANCE * max(second.population, 1):
                return Link(LINKED, first.place_id, how="the most populous place of this name")
        return None

    def _link_admin(self, admin: AdminName, ref: PlaceRef, name: str) -> Link:
        country = admin.country
        for variant in (name, admin.display, admin.core):
            found = [
                r
                for r in self.candidates(variant, municipal=False)
                if not country or not r.country or r.country == country
            ]
            found = [r for r in found if r.kind == admin.kind] or found
            if len(found) == 1:
                return Link(LINKED, found[0].place_id, how=f"{admin.kind} known by this name")
            if len(found) > 1 and ref.near is not None:
                located = sorted(
                    (
                        (distance_km(ref.near, (r.lat, r.lon)), r)
                        for r in found
                        if r.lat is not None and r.lon is not None
                    ),
                    key=lambda item: item[0],
                )
                if located:
                    return Link(LINKED, located[0][1].place_id, how=f"{admin.kind} nearest the coordinates")
        return self._plan(
            key=(admin.kind, country or "", fold(admin.core)),
            name=admin.display,
            kind=admin.kind,
            country=country,
            ref=ref,
            names={name, admin.display, admin.core},
            how=f"{admin.kind} GeoNames lacks; created",
        )

    def _plan(
        self,
        *,
        key: tuple[str, str, str],
        name: str,
        kind: str,
        country: str | None,
        ref: PlaceRef,
        names: set[str],
        how: str,
    ) -> Link:
        for planned in self.new[key]:
            if (
                ref.near is None
                or planned.lat is None
                or planned.lon is None
                or distance_km(ref.near, (planned.lat, planned.lon)) <= NEAR_KM
            ):
                planned.names |= names
                if ref.qid and not planned.qid and ref.qid not in self.qids:
                    planned.qid = ref.qid
                return Link(NEW, new=planned, how=how)
        planned = NewPlace(
            key=key,
            name=name,
            kind=kind,
            country=country,
            lat=ref.lat,
            lon=ref.lon,
            qid=ref.qid if ref.qid and ref.qid not in self.qids else None,
            names=set(names),
        )
        self.new[key].append(planned)
        return Link(NEW, new=planned, how=how)

    # -- labels (Wikidata names.tsv + relations.tsv) --------------------------------------

    def link_labels(
        self,
        labels: dict[str, str],
        partners: dict[str, set[str]],
        known_partners: dict[int, set[int]],
    ) -> dict[str, Link]:
        """Link every QID's label; `known_partners` are the partnerships already in the database."""
        links: dict[str, Link] = {}
        pending: dict[str, list[PlaceRecord]] = {}
        for qid, label in labels.items():
            if qid in self.qids:
                links[qid] = Link(LINKED, self.qids[qid], how="Wikidata id")
                continue
            label = " ".join(label.split())
            admin = admin_name(label)
            if admin is not None:
                links[qid] = self._link_admin(admin, PlaceRef(name=label, qid=qid), label)
                continue
            found = self._label_candidates(label)
            if len(found) == 1:
                links[qid] = Link(LINKED, found[0].place_id, how="the only place of this name")
            elif found:
                pending[qid] = found
            else:
                links[qid] = Link(UNRESOLVED, how="no place of this name in the gazetteer")
        # Two rounds: a decision in the first can inform a neighbour's in the second.
        for final in (False, True):
            for qid, found in list(pending.items()):
                decided = self._pick_labelled(qid, found, partners.get(qid, set()), links, known_partners, final)
                if decided is not None:
                    links[qid] = decided
                    del pending[qid]
        return links

    def _label_candidates(self, label: str) -> list[PlaceRecord]:
        core, qualifier = split_qualifier(label)
        if not qualifier:
            for variant in name_variants(label):
                found = self.candidates(variant)
                if found:
                    return found
            return []
        found = self.candidates(core)
        code = country_code(qualifier)
        if code:
            return [r for r in found if r.country == code]
        anchors = [r for r in self.candidates(qualifier) + self.candidates(qualifier, municipal=False) if r.lat]
        if anchors:
            anchor = anchors[0]
            return [
                r
                for r in found
                if r.lat is not None
                and r.lon is not None
                and anchor.lon is not None
                and distance_km((anchor.lat or 0.0, anchor.lon), (r.lat, r.lon)) <= 150
            ]
        return found

    def _pick_labelled(
        self,
        qid: str,
        found: list[PlaceRecord],
        partner_qids: set[str],
        links: dict[str, Link],
        known_partners: dict[int, set[int]],
        final: bool,
    ) -> Link | None:
        partner_places = {place_id for p in partner_qids if p in links and (place_id := links[p].place_id) is not None}
        # Countries of the partners' other partners: networks cluster by country pairs.
        countries: Counter[str] = Counter()
        for place_id in partner_places:
            for other in known_partners.get(place_id, ()):
                record = self.record(other)
                if record is not None and record.country:
                    countries[record.country] += 1
        total = sum(countries.values()) or 1
        scored = []
        for record in found:
            evidence = len(known_partners.get(record.place_id, set()) & partner_places)
            share = countries[record.country] / total
            score = 10.0 * evidence + 4.0 * share + 1.5 * math.log10(record.population + 1)
            scored.append((score, evidence, record))
        scored.sort(key=lambda item: (-item[0], -item[2].population))
        (best, best_evidence, record), (second, second_evidence, runner) = scored[0], scored[1]
        if best_evidence > second_evidence:
            return Link(LINKED, record.place_id, how=f"already partnered with {best_evidence} of its partners")
        if record.population >= POPULATION_DOMINANCE * max(runner.population, 1) or (best - second >= 2.0):
            return Link(LINKED, record.place_id, how="most likely homonym (partners' countries, population)")
        if not final:
            return None
        return Link(
            AMBIGUOUS,
            how="homonyms the partners and population do not tell apart",
            candidates=tuple(describe(r) for _s, _e, r in scored[:5]),
        )
