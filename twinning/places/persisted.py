"""The place index persisted in one SQLite file under VAR_DIR, ready in milliseconds.

Building the in-memory index from the database's 1.07 million names takes half a minute; every
command that resolves names used to pay it before reading a word. `load_gazetteer` writes the
index once to `VAR_DIR/place-index/<database>.sqlite3` (streamed from the database with bounded
memory); a process opens it read-only (pages read on demand through SQLite's page cache and the
OS's file cache) and answers lookups with indexed queries, with a small per-process cache of the
keys it has asked for.

The file carries a stamp of the database's places (counts, highest ids, latest change); when the
database has changed since, `places.index.get_index` rebuilds and rewrites it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max

from twinning.core.text import fold_variants

from .index import GazetteerIndex, PlaceRecord, _length_window, block_keys

FORMAT = "1"
_CACHE_LIMIT = 200_000
_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE records (
    pos INTEGER PRIMARY KEY, place_id INTEGER, geonameid INTEGER, name TEXT NOT NULL, country TEXT NOT NULL,
    admin1 TEXT NOT NULL, population INTEGER NOT NULL, lat REAL, lon REAL, kind TEXT NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, rank INTEGER NOT NULL, pos INTEGER NOT NULL,
                    PRIMARY KEY (key, rank)) WITHOUT ROWID;
CREATE TABLE blocks (head TEXT NOT NULL, tail TEXT NOT NULL, klen INTEGER NOT NULL, key TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX records_geonameid ON records (geonameid);
CREATE INDEX IF NOT EXISTS records_place_id ON records (place_id);
CREATE INDEX blocks_head ON blocks (head, klen);
CREATE INDEX blocks_tail ON blocks (tail, klen);
"""


def index_path() -> Path | None:
    """Where this database's index lives; None when persisting is switched off (setting)."""
    directory = getattr(settings, "TWINNING_PLACE_INDEX_DIR", None)
    if not directory:
        return None
    database = str(connection.settings_dict.get("NAME") or "default")
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in Path(database).name)
    return Path(directory) / f"{connection.vendor}-{safe}.sqlite3"


def database_stamp() -> str:
    """Changes whenever places or their names are added, changed or removed."""
    from .models import Place, PlaceName

    places = Place.objects.aggregate(n=Count("id"), top=Max("id"), changed=Max("updated_at"))
    names = PlaceName.objects.aggregate(n=Count("id"), top=Max("id"))
    changed = places["changed"].isoformat() if places["changed"] else "-"
    return f"{FORMAT}:{places['n']}:{places['top']}:{changed}:{names['n']}:{names['top']}"


def write_index(index: GazetteerIndex, path: Path, stamp: str) -> None:
    """Write the index to `path` atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(_SCHEMA)
        records = list(index.records())
        position = {id(record): pos for pos, record in enumerate(records)}
        db.executemany(
            "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (pos, r.place_id or None, r.geonameid, r.name, r.country, r.admin1, r.population, r.lat, r.lon, r.kind)
                for pos, r in enumerate(records)
            ),
        )
        keys = index._keys
        db.executemany(
            "INSERT INTO names VALUES (?, ?, ?)",
            ((key, rank, position[id(r)]) for key, found in keys.items() for rank, r in enumerate(found)),
        )
        db.executemany(
            "INSERT INTO blocks VALUES (?, ?, ?, ?)",
            ((*block_keys(key), len(key), key) for key in keys),
        )
        db.executescript(_INDEXES)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("stamp", stamp), ("records", str(len(records))), ("keys", str(len(keys)))],
        )
        db.commit()
    finally:
        db.close()
    os.replace(temporary, path)


_STAGING = """
CREATE TEMP TABLE staged (key TEXT NOT NULL, pos INTEGER NOT NULL);
CREATE TEMP TABLE stored_names (place_id INTEGER NOT NULL, key TEXT NOT NULL);
"""
_CHUNK = 20_000


def stream_index(path: Path, stamp: str) -> None:
    """Write the database's index to `path` without holding it in memory.

    The same file as `write_index(GazetteerIndex.from_database(), ...)` (records in id order, a
    key's places most populous first), but rows go from the database cursor straight into the
    file in chunks, and SQLite sorts and groups them on disk: the builder's memory stays in the
    tens of megabytes where the in-memory index takes about half a gigabyte (an import of a big
    CSV must not pay for it before its first row)."""
    from .models import Place, PlaceName

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA temp_store = FILE")
        db.execute("PRAGMA cache_size = -16000")  # 16 MB of page cache, whatever the size of the world
        db.executescript(_SCHEMA + _STAGING)
        rows = Place.objects.order_by("id").values_list(
            "id", "geonameid", "name", "country_id", "admin1_code", "population", "latitude", "longitude", "kind"
        )
        records: list[tuple] = []
        staged: list[tuple[str, int]] = []
        count = 0
        for pk, geonameid, name, country, admin1, population, lat, lon, kind in rows.iterator(chunk_size=_CHUNK):
            records.append((count, pk, geonameid, name, country or "", admin1 or "", population or 0, lat, lon, kind))
            staged.extend((key, count) for key in fold_variants(name) if key)
            count += 1
            if len(records) >= _CHUNK:
                db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records)
                db.executemany("INSERT INTO staged VALUES (?, ?)", staged)
                records, staged = [], []
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records)
        db.executemany("INSERT INTO staged VALUES (?, ?)", staged)
        del records, staged
        stored = PlaceName.objects.exclude(key="").values_list("place_id", "key").iterator(chunk_size=_CHUNK)
        while chunk := list(islice(stored, _CHUNK)):
            db.executemany("INSERT INTO stored_names VALUES (?, ?)", chunk)
        db.execute("CREATE INDEX records_place_id ON records (place_id)")
        db.execute(
            "INSERT INTO staged SELECT s.key, r.pos FROM stored_names s JOIN records r ON r.place_id = s.place_id"
        )
        db.execute("DROP TABLE stored_names")
        # A key's places most populous first (ties in id order), as GazetteerIndex sorts them.
        db.execute(
            """INSERT INTO names
               SELECT key, ROW_NUMBER() OVER (PARTITION BY key ORDER BY population DESC, pos) - 1, pos
               FROM (SELECT DISTINCT key, pos FROM staged) JOIN records USING (pos)"""
        )
        db.execute("DROP TABLE staged")
        keys = db.execute("SELECT key FROM names WHERE rank = 0")
        writer = db.cursor()
        key_count = 0
        while found := keys.fetchmany(_CHUNK):
            writer.executemany(
                "INSERT INTO blocks VALUES (?, ?, ?, ?)", ((*block_keys(k), len(k), k) for (k,) in found)
            )
            key_count += len(found)
        db.executescript(_INDEXES)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)", [("stamp", stamp), ("records", str(count)), ("keys", str(key_count))]
        )
        fold_variants.cache_clear()  # a quarter million names folded once: nothing worth keeping
        db.commit()
    finally:
        db.close()
    os.replace(temporary, path)


def open_index(path: Path, stamp: str | None = None) -> PersistedIndex | None:
    """The persisted index at `path`, or None when it is missing, unreadable or stale."""
    if not path.is_file():
        return None
    try:
        index = PersistedIndex(path)
    except sqlite3.DatabaseError:
        return None
    if stamp is not None and index.stamp != stamp:
        index.close()
        return None
    return index


class PersistedIndex(GazetteerIndex):
    """The same lookups as `GazetteerIndex`, answered from the persisted file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        meta = dict(self._db().execute("SELECT k, v FROM meta").fetchall())
        self.stamp: str = meta["stamp"]
        self._record_count = int(meta["records"])
        self._key_count = int(meta["keys"])
        self._by_key: dict[str, tuple[PlaceRecord, ...]] = {}
        self._by_pos: dict[int, PlaceRecord] = {}

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            # Read through SQLite's page cache (16 MB), not a memory map: the pages a long import
            # touches would count towards the process's memory (the OS caches the file anyway).
            db.execute("PRAGMA cache_size = -16000")
            self._local.db = db
        return db

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def __len__(self) -> int:
        return self._record_count

    @property
    def key_count(self) -> int:
        return self._key_count

    @staticmethod
    def _record(row: tuple) -> PlaceRecord:
        _pos, place_id, geonameid, name, country, admin1, population, lat, lon, kind = row
        return PlaceRecord(place_id or 0, geonameid, name, country, admin1, population, lat, lon, kind)

    def _at(self, pos: int, row: tuple | None = None) -> PlaceRecord:
        """One record object per position, so equal places are the same object (as in memory)."""
        record = self._by_pos.get(pos)
        if record is None:
            if row is None:
                row = self._db().execute("SELECT * FROM records WHERE pos = ?", (pos,)).fetchone()
            record = self._by_pos[pos] = self._record(row)
        return record

    def records(self) -> Iterator[PlaceRecord]:
        for row in self._db().execute("SELECT * FROM records ORDER BY pos"):
            yield self._at(row[0], row)

    def get(self, geonameid: int) -> PlaceRecord | None:
        row = self._db().execute("SELECT * FROM records WHERE geonameid = ?", (geonameid,)).fetchone()
        return None if row is None else self._at(row[0], row)

    def get_place(self, place_id: int) -> PlaceRecord | None:
        row = self._db().execute("SELECT * FROM records WHERE place_id = ?", (place_id,)).fetchone()
        return None if row is None else self._at(row[0], row)

    def _records_of(self, key: str) -> tuple[PlaceRecord, ...]:
        found = self._by_key.get(key)
        if found is None:
            rows = self._db().execute(
                "SELECT r.* FROM names n JOIN records r ON r.pos = n.pos WHERE n.key = ? ORDER BY n.rank", (key,)
            )
            found = tuple(self._at(row[0], row) for row in rows)
            if len(self._by_key) >= _CACHE_LIMIT:
                self._by_key.clear()
            self._by_key[key] = found
        return found

    def has_key(self, key: str) -> bool:
        return bool(self._records_of(key))

    def candidate_keys(self, key: str) -> list[str]:
        db = self._db()
        candidates: list[str] = []
        for length in _length_window(len(key)):
            for head in {key[:2], key[:3]}:
                if len(head) == (3 if length >= 7 else 2):
                    rows = db.execute("SELECT key FROM blocks WHERE head = ? AND klen = ?", (head, length))
                    candidates.extend(row[0] for row in rows)
            rows = db.execute("SELECT key FROM blocks WHERE tail = ? AND klen = ?", (key[::-1][:3], length))
            candidates.extend(row[0] for row in rows)
        return candidates


def persist_index() -> str:
    """Build the index from the database and write it (load_gazetteer's last step); a report line."""
    import time

    path = index_path()
    if path is None:
        return ""
    started = time.perf_counter()
    stamp = database_stamp()
    if open_index(path, stamp) is None:
        stream_index(path, stamp)
    return f"Place index: {path} ({time.perf_counter() - started:.1f} s)."
