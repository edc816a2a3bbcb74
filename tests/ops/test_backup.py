"""Backup → restore round trips through the real command line, on a throw-away SQLite file and a
throw-away PostgreSQL database: the registry comes back identical (every table's digest), a
backup from an older schema is migrated on restore, and bad input changes nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

TWINNING = Path(sys.executable).with_name("twinning")
PG = "postgres://postgres@127.0.0.1:5432"

SEED = """
from twinning.places.models import Country, Place
from twinning.partnerships.models import Partnership
from twinning.partnerships.services import partnership_create
from twinning.core.services import Actor
from twinning.core.dates import PartialDate
import datetime
de = Country.objects.create(code="DE", name="Germany")
us = Country.objects.create(code="US", name="United States")
krefeld = Place.objects.create(geonameid=2884509, name="Krefeld", ascii_name="Krefeld", country=de, slug="krefeld")
charlotte = Place.objects.create(
    geonameid=4460243, name="Charlotte", ascii_name="Charlotte", country=us, slug="charlotte")
partnership_create(places=[krefeld, charlotte], kind=Partnership.Kind.TWINNING,
    established=PartialDate(datetime.date(1985, 1, 1), "year"), actor=Actor(via="test"))
"""


def twinning(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(TWINNING), *args], env=env, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"twinning {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def digest(env: dict[str, str]) -> dict[str, str]:
    return json.loads(twinning(env, "registry_digest").stdout)


def pg_available() -> bool:
    return (
        shutil.which("psql") is not None
        and subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False).returncode == 0
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["TWINNING_VAR_DIR"] = str(tmp_path / "var")
    if request.param == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
        yield env
        return
    if not pg_available():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    name = f"twinning_backup_{uuid.uuid4().hex[:10]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    env["DATABASE_URL"] = f"{PG}/{name}"
    try:
        yield env
    finally:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)


def test_round_trip_restores_an_identical_registry(database: dict[str, str], tmp_path: Path) -> None:
    twinning(database, "migrate", "--no-input", "-v0")
    twinning(database, "shell", "-c", SEED)
    before = digest(database)
    backup = tmp_path / "registry.backup"
    assert "backup written" in twinning(database, "backup", str(backup)).stdout

    # Change the registry after the backup: delete the partnership, add a place.
    twinning(
        database,
        "shell",
        "-c",
        (
            "from twinning.partnerships.models import Partnership; Partnership.objects.all().delete();"
            "from twinning.places.models import Place, Country;"
            "Place.objects.create(geonameid=1, name='X', ascii_name='X', country=Country.objects.first(), slug='x')"
        ),
    )
    assert digest(database) != before

    twinning(database, "restore", str(backup), "--yes")
    assert digest(database) == before


def test_a_backup_from_an_older_schema_is_migrated_on_restore(database: dict[str, str], tmp_path: Path) -> None:
    twinning(database, "migrate", "--no-input", "-v0")
    twinning(database, "migrate", "jobs", "zero", "--no-input", "-v0")  # the schema before background jobs
    twinning(database, "shell", "-c", SEED)
    backup = tmp_path / "old-schema.backup"
    twinning(database, "backup", str(backup))
    twinning(database, "migrate", "--no-input", "-v0")

    twinning(database, "restore", str(backup), "--yes")
    plan = twinning(database, "showmigrations", "jobs").stdout
    assert "[X] 0001_initial" in plan
    count = twinning(database, "shell", "-c", "from twinning.jobs.models import Job; print(Job.objects.count())")
    assert count.stdout.strip().splitlines()[-1] == "0"
    members = twinning(
        database,
        "shell",
        "-c",
        (
            "from twinning.partnerships.models import PartnershipMember as M;"
            "print(sorted(M.objects.values_list('place__name', flat=True)))"
        ),
    )
    assert members.stdout.strip().splitlines()[-1] == "['Charlotte', 'Krefeld']"


def test_bad_backup_files_are_refused_and_change_nothing(database: dict[str, str], tmp_path: Path) -> None:
    twinning(database, "migrate", "--no-input", "-v0")
    twinning(database, "shell", "-c", SEED)
    before = digest(database)
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"\x00\x01 not a backup")
    for path, message in [(junk, "not a Twinning backup"), (tmp_path / "missing.backup", "no such backup file")]:
        result = twinning(database, "restore", str(path), "--yes", check=False)
        assert result.returncode != 0
        assert message in result.stderr and "Traceback" not in result.stderr
    result = twinning(database, "restore", str(junk), check=False)  # no --yes and no terminal
    assert result.returncode != 0 and "--yes" in result.stderr
    assert digest(database) == before
