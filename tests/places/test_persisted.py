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
def test_get_index_streams_the_file_once_and_rebuilds_after_a_change(settings, tmp_path):
    """Without a matching file, get_index writes one straight from the database (bounded memory,
    no in-memory index first) and answers from it, as the in-memory index built from the same
    database does; a change of places makes the next get_index rewrite it."""
    settings.TWINNING_PLACE_INDEX_DIR = str(tmp_path)
    PlaceFactory(name="Erstort", names=["Erster Ort"])
    index_module.invalidate_index()
    try:
        streamed = index_module.get_index()
        assert isinstance(streamed, persisted.PersistedIndex)
        path = persisted.index_path()
        assert path is not None and path.is_file()
        memory = GazetteerIndex.from_database()
        assert len(streamed) == len(memory) and streamed.key_count == memory.key_count
        for name in ("Erster Ort", "Krefeld", "Frankfurt am Main", "Muenchen", "Neustadt", "Springfield", "Paris"):
            assert streamed.lookup(name) == memory.lookup(name), name
        assert [m.place for m in streamed.resolve("Krefled")] == [m.place for m in memory.resolve("Krefled")]
        assert sorted(streamed.candidate_keys("neustat")) == sorted(memory.candidate_keys("neustat"))
        del memory

        index_module.invalidate_index()
        reopened = index_module.get_index()
        assert isinstance(reopened, persisted.PersistedIndex) and reopened.stamp == streamed.stamp

        PlaceFactory(name="Zweitort")
        index_module.invalidate_index()
        rebuilt = index_module.get_index()
        assert isinstance(rebuilt, persisted.PersistedIndex) and rebuilt.stamp != streamed.stamp
        assert [r.name for r in rebuilt.lookup("Zweitort")] == ["Zweitort"]
    finally:
        index_module.invalidate_index()
