"""The persisted place index answers exactly as the in-memory one, and is rebuilt when places change."""

import pytest

from tests.factories import PlaceFactory
from twinning.places import index as index_module
from twinning.places import persisted
from twinning.places.geonames import geonames_cities
from twinning.places.index import GazetteerIndex, PlaceRecord


@pytest.fixture(scope="module")
def german_index() -> GazetteerIndex:
    """The real GeoNames places of Germany (about 11,000, with all their names), in memory."""
    return GazetteerIndex(
        (
            PlaceRecord(
                0,
                c["geonameid"],
                c["name"],
                c["countrycode"],
                c.get("admin1code") or "",
                c.get("population") or 0,
                c.get("latitude"),
                c.get("longitude"),
                "municipality",
            ),
            c.get("alternatenames") or (),
        )
        for c in geonames_cities()
        if c["countrycode"] == "DE"
    )


def test_the_file_answers_as_the_memory_does(german_index, tmp_path):
    path = tmp_path / "index.sqlite3"
    persisted.write_index(german_index, path, "stamp-1")
    opened = persisted.open_index(path, "stamp-1")
    assert opened is not None
    assert len(opened) == len(german_index) and opened.key_count == german_index.key_count
    for name in ("Krefeld", "Frankfurt am Main", "Muenchen", "Köln", "Neustadt", "Brandenburg an der Havel"):
        assert opened.lookup(name) == german_index.lookup(name), name
    assert opened.has_key("krefeld") and not opened.has_key("krefeldx")
    assert opened.get(2884509) == german_index.get(2884509)
    assert sorted(opened.candidate_keys("krefled")) == sorted(german_index.candidate_keys("krefled"))
    assert [m.place for m in opened.resolve("Krefled")] == [m.place for m in german_index.resolve("Krefled")]
    assert persisted.open_index(path, "stamp-2") is None  # stale
    assert persisted.open_index(tmp_path / "missing.sqlite3") is None


@pytest.mark.django_db
def test_get_index_writes_the_file_once_and_rebuilds_after_a_change(settings, tmp_path):
    settings.TWINNING_PLACE_INDEX_DIR = str(tmp_path)
    PlaceFactory(name="Erstort", names=["Erster Ort"])
    index_module.invalidate_index()
    try:
        built = index_module.get_index()
        assert isinstance(built, GazetteerIndex) and not isinstance(built, persisted.PersistedIndex)
        path = persisted.index_path()
        assert path is not None and path.is_file()

        index_module.invalidate_index()
        reopened = index_module.get_index()
        assert isinstance(reopened, persisted.PersistedIndex)
        assert [r.name for r in reopened.lookup("Erster Ort")] == ["Erstort"]

        PlaceFactory(name="Zweitort")
        index_module.invalidate_index()
        rebuilt = index_module.get_index()
        assert not isinstance(rebuilt, persisted.PersistedIndex)
        assert rebuilt.lookup("Zweitort")
    finally:
        index_module.invalidate_index()
