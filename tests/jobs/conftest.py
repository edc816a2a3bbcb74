from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User

from tests.conftest import TWINS

REAL_CSV = TWINS / "wikipedia_twin_cities_2026_geocoded.csv"


@pytest.fixture
def csv_slice(tmp_path: Path) -> Path:
    """The first 150 rows of the real Wikipedia twin-town CSV (Albanian and Algerian towns)."""
    lines = REAL_CSV.read_text(encoding="utf-8").splitlines(keepends=True)[:151]
    path = tmp_path / "wikipedia_slice.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def runner(db: None) -> User:
    """A user whose only permission is to run jobs."""
    user = User.objects.create_user("importer", password="x-secret-1234")
    user.user_permissions.add(Permission.objects.get(codename="run_job"))
    return user
