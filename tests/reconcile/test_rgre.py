"""`twinning reconcile rgre PATH`: our own RGRE-shaped export reconciles without a difference;
the same file with a row removed, a kind and a year changed and a pair added shows each."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from twinning.review.models import Suggestion

pytestmark = pytest.mark.django_db


def rgre_export(tmp_path: Path) -> tuple[list[str], list[dict[str, str]]]:
    path = tmp_path / "rgre.csv"
    call_command("export", "--format", "rgre-csv", "--output", str(path), stderr=StringIO())
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def reconcile(path: Path, tmp_path: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    out = StringIO()
    call_command("reconcile", "rgre", str(path), "--report", str(tmp_path / "report.csv"), "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def test_our_own_export_reconciles_without_differences(registry: None, tmp_path: Path) -> None:
    header, rows = rgre_export(tmp_path)
    summary = reconcile(write(tmp_path / "same.csv", header, rows), tmp_path, "--no-queue")
    assert summary["rows"] == len(rows) > 20
    assert summary["counts"] == {
        "missing_here": 0,
        "missing_there": 0,
        "kind_differs": 0,
        "date_differs": 0,
        "unlinked": 0,
    }


def test_each_difference_of_a_changed_list(registry: None, tmp_path: Path) -> None:
    header, rows = rgre_export(tmp_path)
    by_partner = {(r["Kommune"], r["Partnerkommune"]): r for r in rows}
    del rows[rows.index(by_partner[("Krefeld", "Leicester")])]  # the list lacks a pair we have
    by_partner[("Krefeld", "Dunkirk")]["Art"] = "Freundschaft"  # another kind
    by_partner[("Krefeld", "Charlotte")]["Seit"] = "1987"  # another year (ours: 1986)
    # A pair we lack, by name and country only (no GeoNames ids), as a list from elsewhere gives it.
    rows.append({**{k: "" for k in header}, "Kommune": "Krefeld", "Land Kommune": "DE", "Partnerkommune": "Leiden",
                 "Land": "Niederlande", "Art": "Partnerschaft", "Seit": "1974"})  # fmt: skip
    # A contradiction is not guessed: a name with a country where no such place is.
    rows.append({**{k: "" for k in header}, "Kommune": "Krefeld", "Land Kommune": "DE",
                 "Partnerkommune": "Nirgendwo an der Oder", "Land": "PL", "Art": "Kontakt"})  # fmt: skip
    summary = reconcile(write(tmp_path / "changed.csv", header, rows), tmp_path)
    assert summary["counts"] == {
        "missing_here": 1,
        "missing_there": 1,
        "kind_differs": 1,
        "date_differs": 1,
        "unlinked": 1,
    }
    with (tmp_path / "report.csv").open(encoding="utf-8") as handle:
        report = {(r["difference"], r["kommune"], r["partnerkommune"]) for r in csv.DictReader(handle)}
    assert ("missing_here", "Krefeld", "Leiden") in report
    assert ("missing_there", "Krefeld", "Leicester") in report
    assert ("kind_differs", "Krefeld", "Dunkirk") in report
    assert ("date_differs", "Krefeld", "Charlotte") in report
    assert summary["queued"] == 2  # Krefeld–Leiden, and Charlotte's year
    labels = set(Suggestion.objects.filter(article__title__contains="RGRE").values_list("label", flat=True))
    assert any("Leiden" in label for label in labels) and any("Charlotte" in label for label in labels)


def test_a_file_without_the_rgre_columns_is_refused(registry: None, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("city1,country1\nKrefeld,Germany\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        call_command("reconcile", "rgre", str(path))
    bad_kind = tmp_path / "kind.csv"
    bad_kind.write_text("Kommune,Partnerkommune,Land,Art\nKrefeld,Venlo,NL,Ehe\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Ehe"):
        call_command("reconcile", "rgre", str(bad_kind))
