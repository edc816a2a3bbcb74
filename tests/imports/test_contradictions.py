"""Importers never settle a contradiction silently: a row of the real Wikipedia-derived CSV whose
country and coordinates disagree goes to the review file instead of being linked to the place the
coordinates point at ("Paris, United States" at the coordinates of Paris, France used to become a
Paris–Lamotte-Beuvron partnership)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import TWINS
from twinning.core.services import Actor
from twinning.imports.linking import CONTRADICTION
from twinning.imports.readers import read_csv
from twinning.imports.services import twins_import, write_review
from twinning.partnerships.models import Partnership

CSV_PATH = TWINS / "wikipedia_twin_cities_2026_geocoded.csv"
PARIS_ROW = "Paris,United States,48.8567,2.3522,Lamotte-Beuvron,France,47.6028,2.0256"
LAMOTTE_BEUVRON = 3008354


def real_rows(path: Path, *lines: int) -> Path:
    """The header and some lines of the real CSV (line numbers of the file, 1 = header)."""
    with CSV_PATH.open(encoding="utf-8") as handle:
        text = handle.read().splitlines()
    path.write_text("\n".join([text[0], *(text[n - 1] for n in lines)]) + "\n", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_paris_united_states_with_french_coordinates_goes_to_review(gazetteer_index, tmp_path: Path) -> None:
    lines = CSV_PATH.read_text(encoding="utf-8").splitlines()
    paris = lines.index(PARIS_ROW) + 1
    essen_belgium = next(i for i, line in enumerate(lines, 1) if line.startswith("Essen,Belgium,51.45"))
    berat = 2  # Berat, Albania – Amasya, Turkey: country and coordinates agree
    path = real_rows(tmp_path / "rows.csv", berat, paris, essen_belgium)
    report = twins_import(rows=list(read_csv(path)), source=_source(), actor=Actor(via="test"))
    assert report.rows == 3 and report.linked == 1
    assert report.contradictions == 2
    assert report.rows_ambiguous + report.rows_unresolved + report.linked == report.rows
    review = {row["name"]: row for row in report.review}
    assert review["Paris"]["status"] == CONTRADICTION
    assert "United States (US)" in review["Paris"]["reason"] and "(FR)" in review["Paris"]["reason"]
    assert review["Essen"]["status"] == CONTRADICTION
    # Nothing was linked to the place the coordinates point at.
    assert not Partnership.objects.filter(places__geonameid=LAMOTTE_BEUVRON).exists()
    written = tmp_path / "review.csv"
    write_review(report, written)
    with written.open(encoding="utf-8") as handle:
        assert {(r["name"], r["status"]) for r in csv.DictReader(handle)} >= {("Paris", CONTRADICTION)}


def _source():  # type: ignore[no-untyped-def]
    from twinning.imports.services import SourceSpec

    return SourceSpec(key="dataset:test-contradictions", title="rows of the Wikipedia-derived CSV")
