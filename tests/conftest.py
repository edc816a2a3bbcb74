"""Shared fixtures. The real GeoNames gazetteer is in every test database (loaded once into a template
that each pytest-xdist worker clones, see tests/template_db.py), so name resolution is tested on real
data, not on a toy list."""

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
TWINS = SHARED / "data" / "twins"


def pytest_configure(config: pytest.Config) -> None:
    """Compile the translations when a .po is newer than its .mo (the Makefile does the same; this
    covers pytest started directly), so German pages are tested in German."""
    for po in (REPO / "twinning" / "locale").glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """This process's copy of the prepared template database (migrated, gazetteer loaded)."""
    from tests.template_db import prepared_database

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        yield from prepared_database()


@pytest.fixture(scope="session")
def gazetteer(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """The full gazetteer in the test database; tests that use it must not flush the database
    (no transactional_db), so it survives each test's rollback."""
    from twinning.places.gazetteer import gazetteer_is_loaded, gazetteer_load
    from twinning.places.index import invalidate_index

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        if not gazetteer_is_loaded():
            gazetteer_load()
    invalidate_index()
    yield


@pytest.fixture(scope="session")
def gazetteer_index(gazetteer: None, django_db_blocker: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The in-memory index of the test database's places, built once."""
    from twinning.places import index

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return index.get_index()


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Derived figures are cached per data generation, and a test's writes are rolled back without a
    commit (so without invalidation): each test starts from an empty cache."""
    import shutil

    from django.conf import settings
    from django.core.cache import caches

    caches["default"].clear()
    caches["derived"].clear()
    # The /data/ dumps are files per generation; a generation starts at the clock's second, which two
    # tests may share.
    shutil.rmtree(settings.TWINNING_EXPORTS_DIR, ignore_errors=True)
    yield
