"""Reads for places: name resolution against the database or the in-memory index."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz, process

from twinning.core.text import fold, fold_variants

from . import index as index_module
from .index import FUZZY_CUTOFF, Match, PlaceRecord, _length_window, block_keys, rank_candidates
from .models import Country, Place, PlaceName


def place_record(place: Place) -> PlaceRecord:
    return PlaceRecord(
        place_id=place.pk,
        geonameid=place.geonameid,
        name=place.name,
        country=place.country_id or "",
        admin1=place.admin1_code,
        population=place.population,
        lat=place.latitude,
        lon=place.longitude,
        kind=place.kind,
    )


def _records(place_ids: Iterable[int]) -> dict[int, PlaceRecord]:
    return {place.pk: place_record(place) for place in Place.objects.filter(pk__in=set(place_ids))}


def _next_prefix(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _fuzzy_keys_from_database(key: str, *, limit: int = 25) -> list[tuple[str, float]]:
    """Fuzzy keys by blocking on the first two and last three letters, as the in-memory index does."""
    if len(key) < 4:
        return []
    window = _length_window(len(key))
    keys = PlaceName.objects.filter(
        Q(key__gte=key[:2], key__lt=_next_prefix(key[:2]))
        | Q(key_reversed__gte=key[::-1][:3], key_reversed__lt=_next_prefix(key[::-1][:3]))
    ).values_list("key", flat=True)
    # The same candidate set as the in-memory index (see index.block_keys), so both rank alike.
    heads = {key[:2], key[:3]}
    candidates = [
        k for k in set(keys) if len(k) in window and (block_keys(k)[0] in heads or block_keys(k)[1] == key[::-1][:3])
    ]
    found = process.extract(key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=limit)
    return [(choice, score) for choice, score, _ in found]


def place_resolve(
    name: str,
    *,
    country: str | None = None,
    near: tuple[float, float] | None = None,
    context_countries: Iterable[str] = (),
    limit: int = 10,
    fuzzy: bool = True,
) -> list[Match]:
    """Resolve a place name. Uses the in-memory index when this process has built it (bulk work),
    the database's indexed keys otherwise (a one-off query should not wait for the index)."""
    if index_module._index is not None:
        return index_module._index.resolve(
            name,
            country=country,
            near=near,
            context_countries=context_countries,
            limit=limit,
            fuzzy=fuzzy,
        )
    variants = fold_variants(name)
    hits = list(PlaceName.objects.filter(key__in=variants).values_list("place_id", "key"))
    how = "exact"
    scores: dict[str, float] = dict.fromkeys(variants, 100.0)
    if not hits and fuzzy:
        how = "fuzzy"
        scores = dict(_fuzzy_keys_from_database(fold(name)))
        hits = list(PlaceName.objects.filter(key__in=list(scores)).values_list("place_id", "key"))
    records = _records(place_id for place_id, _ in hits)
    found: dict[PlaceRecord, tuple[float, str, str]] = {}
    for place_id, key in hits:
        record = records[place_id]
        if found.get(record, (0.0,))[0] < scores[key]:
            found[record] = (scores[key], key, how)
    return rank_candidates(name, found, country=country, near=near, context_countries=context_countries, limit=limit)


def place_get_by_geonameid(geonameid: int) -> Place | None:
    return Place.objects.select_related("country").filter(geonameid=geonameid).first()


def place_search(query: str, *, limit: int | None = 20) -> QuerySet[Place]:
    """Places whose names start with the query, most populous first (admin and portal autocomplete;
    `limit=None`: all of them, for the API to page)."""
    key = fold(query)
    if not key:
        return Place.objects.none()
    place_ids = PlaceName.objects.filter(key__gte=key, key__lt=_next_prefix(key)).values("place_id")
    found = Place.objects.filter(pk__in=place_ids).select_related("country").order_by("-population", "pk")
    return found if limit is None else found[:limit]


def places_by_pks(pks: Iterable[int]) -> list[Place]:
    """The places with these primary keys (with their countries), in the order given; unknown keys
    are left out."""
    wanted = list(pks)
    found = {p.pk: p for p in Place.objects.filter(pk__in=wanted).select_related("country")} if wanted else {}
    return [found[pk] for pk in wanted if pk in found]


def place_get(pk: int) -> Place | None:
    return Place.objects.select_related("country").filter(pk=pk).first()


def places_overlap(pks: Iterable[int], places: Any) -> bool:
    """Is one of the places `pks` among `places` (a queryset of place ids)?"""
    return Place.objects.filter(pk__in=list(pks), id__in=places).exists()


def place_lookup(**lookup: Any) -> Place | None:
    """The place found by one key (geonameid, or pk and slug), with its country and parent."""
    return Place.objects.select_related("country", "parent").filter(**lookup).first()


def countries() -> QuerySet[Country]:
    return Country.objects.all()


def by_display_name(items: Iterable[Country]) -> list[Country]:
    """Countries in the alphabetical order of the names shown (CLDR, interface language): the database's
    GeoNames order put "Österreich" between "Australien" and "Aserbaidschan" in a German select."""
    return sorted(items, key=lambda country: fold(country.display_name))
