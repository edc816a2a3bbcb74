"""The typed extraction result: attributes for the code, the documented JSON for the command line."""

import json
from datetime import date

import pytest

from twinning.extraction.result import ExtractedEvent, ExtractionResult, PlaceRef

from .conftest import SEEDS

ITEM_KEYS = {
    "places": {"name", "geonameid", "country", "kind", "spans"},
    "partnerships": {"a", "b", "kind", "spans"},
    "people": {"name", "role", "affiliation", "spans"},
    "organizations": {"name", "spans"},
    "events": {"kind", "title", "start", "end", "precision", "period", "place", "spans"},
    "contacts": {"name", "email", "phone", "spans"},
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
def test_seed_results_serialise_to_the_documented_json_and_back(seed_results):
    assert len(seed_results) >= 5
    for data in seed_results.values():
        assert set(data) == {"text", "language", "published", *ITEM_KEYS, "topics"}
        for field, keys in ITEM_KEYS.items():
            for item in data[field]:
                assert set(item) == keys, field
                assert all(isinstance(span, list) and len(span) == 2 for span in item["spans"])
        for partnership in data["partnerships"]:
            assert set(partnership["a"]) == set(partnership["b"]) == {"name", "geonameid"}
        # JSON in, the same JSON out: nothing is lost between the typed result and its JSON.
        assert ExtractionResult.from_dict(json.loads(json.dumps(data))).to_dict() == data


def test_dates_and_place_references_are_typed():
    event = ExtractedEvent.from_dict(
        {
            "kind": "visit",
            "title": "Besuch",
            "start": "2024-05-05",
            "end": None,
            "precision": "day",
            "place": {"name": "Venlo", "geonameid": 2745641},
            "spans": [[3, 9]],
        }
    )
    assert event.start == date(2024, 5, 5) and event.end is None
    assert event.place == PlaceRef("Venlo", 2745641)
    assert event.spans == [(3, 9)]
    assert event.to_dict()["start"] == "2024-05-05"
    assert ExtractionResult.from_dict({"text": "x", "language": "en"}).places == []


def test_a_month_is_a_period_not_the_first_of_the_month():
    from datetime import date

    from twinning.extraction.result import ExtractedEvent

    event = ExtractedEvent("visit", "Besuch im Oktober 1994", date(1994, 10, 1), date(1994, 10, 31), "month")
    data = event.to_dict()
    assert data["start"] is None and data["end"] is None
    assert data["period"] == {"start": "1994-10-01", "end": "1994-10-31"}
    back = ExtractedEvent.from_dict(data)
    assert (back.start, back.end, back.precision) == (date(1994, 10, 1), date(1994, 10, 31), "month")
