"""Backups of the whole registry: SQLite through its online backup API, PostgreSQL through
pg_dump/pg_restore. A restore replaces the database in one step (a failed restore leaves it as it
was) and then migrates, so a backup taken with an older schema comes back in the current one."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connection, connections

from twinning.core.errors import ValidationFailed

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    engine: str
    bytes: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise ValidationFailed(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for the PostgreSQL client tools, from Django's settings."""
    params = connection.settings_dict
    args = ["--dbname", params["NAME"]]
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    if shutil.which(command[0]) is None:
        raise ValidationFailed(f"{command[0]} is not installed; it is needed to {what}")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise ValidationFailed(f"{command[0]} failed to {what}: {detail[-1] if detail else result.returncode}")


def backup_create(*, path: Path) -> BackupInfo:
    """Write a consistent copy of the database to `path` (created or replaced atomically)."""
    engine = _engine()
    path = path.resolve()
    if not path.parent.is_dir():
        raise ValidationFailed(f"{path.parent}: folder does not exist")
    partial = path.with_name(path.name + ".partial")
    if engine == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    else:
        args, env = _pg_env()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial), *args],
            env,
            "write the backup",
        )
    partial.replace(path)
    return BackupInfo(path=path, engine=engine, bytes=path.stat().st_size)


def _kind_of(path: Path) -> str:
    if not path.is_file():
        raise ValidationFailed(f"{path}: no such backup file")
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise ValidationFailed(f"{path}: not a Twinning backup (neither an SQLite database nor a pg_dump archive)")


def _check_sqlite_backup(path: Path) -> None:
    probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if probe.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise ValidationFailed(f"{path}: the SQLite file is damaged (integrity check failed)")
        found = probe.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'").fetchone()
        if not found:
            raise ValidationFailed(f"{path}: an SQLite database, but not a Twinning backup (no migration table)")
    finally:
        probe.close()


def _pg_restore(path: Path) -> None:
    """Replay the archive into an emptied schema in ONE transaction (psql --single-transaction):
    tables the backup does not know (a newer schema's) go too, and any error rolls everything back."""
    args, env = _pg_env()
    for tool in ("pg_restore", "psql"):
        if shutil.which(tool) is None:
            raise ValidationFailed(f"{tool} is not installed; it is needed to restore the backup")
    replay = subprocess.Popen(  # noqa: S603
        ["pg_restore", "--no-owner", "--no-privileges", "--file", "-", str(path)],  # noqa: S607
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    apply = subprocess.Popen(  # noqa: S603
        ["psql", "--quiet", "--no-psqlrc", "--single-transaction", "-v", "ON_ERROR_STOP=1", *args],  # noqa: S607
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert replay.stdout is not None and apply.stdin is not None
    try:
        apply.stdin.write(b"DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n")
        shutil.copyfileobj(replay.stdout, apply.stdin, 1024 * 1024)
        apply.stdin.close()
    except BrokenPipeError:
        pass  # psql stopped at an error; its message is read below
    assert replay.stderr is not None and apply.stderr is not None
    replay_err = replay.stderr.read()
    apply_err = apply.stderr.read()
    replay.wait()
    apply.wait()
    if replay.returncode != 0:
        raise ValidationFailed(f"pg_restore could not read the backup: {replay_err.decode(errors='replace').strip()}")
    if apply.returncode != 0:
        lines = apply_err.decode(errors="replace").strip().splitlines()
        raise ValidationFailed(f"restore failed and was rolled back: {lines[0] if lines else apply.returncode}")


def backup_restore(*, path: Path) -> BackupInfo:
    """Replace the database with the backup at `path`, then migrate it to the current schema."""
    engine = _engine()
    path = path.resolve()
    kind = _kind_of(path)
    if kind != engine:
        raise ValidationFailed(f"{path}: a {kind} backup cannot be restored into a {engine} database")
    if engine == "sqlite":
        _check_sqlite_backup(path)
        # Copy first so the backup file itself is never opened for writing.
        with tempfile.TemporaryDirectory() as folder:
            staged = Path(folder) / "restore.sqlite3"
            shutil.copyfile(path, staged)
            source = sqlite3.connect(staged)
            try:
                connection.ensure_connection()
                # One step: the backup API replaces every page of the live database or none.
                source.backup(connection.connection)  # type: ignore[arg-type]
            finally:
                source.close()
    else:
        connections.close_all()
        _pg_restore(path)
    connections.close_all()
    call_command("migrate", interactive=False, verbosity=0)
    return BackupInfo(path=path, engine=engine, bytes=path.stat().st_size)


def registry_digest() -> dict[str, str]:
    """A SHA-256 per table over every row in primary-key order: two databases with the same digest
    hold the same registry. Used to prove a backup round trip."""
    digests: dict[str, str] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table.startswith("sqlite_") or "_fts" in table:
                continue  # internal tables and derived full-text indexes
            quoted = connection.ops.quote_name(table)
            columns = [col.name for col in connection.introspection.get_table_description(cursor, table)]
            order = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608 - names from introspection
            hasher = hashlib.sha256()
            for row in cursor.fetchall():
                hasher.update(repr(tuple(_normal(value) for value in row)).encode())
            digests[table] = hasher.hexdigest()
    return digests


def _normal(value: object) -> object:
    """The same value read back from either database compares equal (memoryview vs bytes)."""
    if isinstance(value, memoryview):
        return bytes(value)
    return value
