import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from twinning.places.index import GazetteerIndex
from twinning.places.selectors import place_resolve

from .accuracy_set import MENTIONS

pytestmark = pytest.mark.django_db


def _resolve_json(*args: str) -> list[dict]:
    out = StringIO()
    call_command("resolve", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["Dünkirchen"], 3020686),
        (["San Antonio"], 4726206),
        (["San Antonio", "--country", "CL"], 3872395),
        (["Krefled"], 2884509),
    ],
)
def test_resolve_command_finds_the_issue_examples_first(gazetteer: None, args: list[str], expected: int) -> None:
    results = _resolve_json(*args)
    assert results[0]["geonameid"] == expected
    assert {"geonameid", "name", "country", "population", "lat", "lon", "score"} <= set(results[0])


def test_json_lists_candidates_best_first_with_their_facts(gazetteer: None) -> None:
    results = _resolve_json("San Antonio", "--limit", "5")
    assert len(results) == 5
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    texas = results[0]
    assert (texas["name"], texas["country"]) == ("San Antonio", "US")
    assert texas["population"] > 1_000_000
    assert texas["lat"] == pytest.approx(29.42, abs=0.1)
    assert len({r["country"] for r in results}) > 1


def test_near_prefers_the_closer_place(gazetteer: None) -> None:
    assert _resolve_json("Frankfurt", "--limit", "1")[0]["geonameid"] == 2925533
    assert _resolve_json("Frankfurt", "--near", "Słubice", "--limit", "1")[0]["geonameid"] == 2925535  # (Oder)


def test_unknown_name_prints_an_empty_list_in_json(gazetteer: None) -> None:
    assert _resolve_json("Qxzvbnmplk") == []


def test_unknown_name_fails_in_text_mode_naming_it(gazetteer: None) -> None:
    with pytest.raises(CommandError, match="Qxzvbnmplk"):
        call_command("resolve", "Qxzvbnmplk", stdout=StringIO())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Krefeld", "--country", "Germany"], "alpha-2"),
        (["  "], "empty"),
        (["Krefeld", "--limit", "0"], "--limit"),
        (["Frankfurt", "--near", "Qxzvbnmplk"], "--near"),
    ],
)
def test_bad_arguments_are_named(gazetteer: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("resolve", *args, stdout=StringIO())


def test_text_mode_shows_the_best_candidate(gazetteer: None) -> None:
    out = StringIO()
    call_command("resolve", "Krefeld", "--limit", "1", stdout=out)
    assert "2884509" in out.getvalue() and "Krefeld" in out.getvalue()


def _accuracy(resolve) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    misses = []
    for mention, country, expected in MENTIONS:
        found = resolve(mention, country=country, limit=1)
        got = found[0].place.geonameid if found else None
        if got != expected:
            misses.append(f"{mention} ({country}): expected {expected}, got {got}")
    return 1 - len(misses) / len(MENTIONS), misses


def test_accuracy_set_is_large_enough() -> None:
    assert len(MENTIONS) >= 60


def test_database_resolution_accuracy_on_the_labelled_set(gazetteer: None) -> None:
    accuracy, misses = _accuracy(place_resolve)
    assert accuracy >= 0.97, misses


def test_in_memory_index_agrees_with_the_database_path(gazetteer_index: GazetteerIndex) -> None:
    accuracy, misses = _accuracy(gazetteer_index.resolve)
    assert accuracy >= 0.97, misses
    for mention, country, _ in MENTIONS:
        by_index = [m.place.geonameid for m in gazetteer_index.resolve(mention, country=country, limit=3)]
        by_database = [m.place.geonameid for m in place_resolve(mention, country=country, limit=3)]
        assert by_index == by_database, mention


def test_fuzzy_lookup_never_scans_all_names(gazetteer_index: GazetteerIndex) -> None:
    candidates = gazetteer_index.candidate_keys("krefled")
    assert "krefeld" in candidates
    assert len(candidates) < gazetteer_index.key_count / 50
