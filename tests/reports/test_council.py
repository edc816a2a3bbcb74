"""The council report on the demo world (built from the seeds): Krefeld in 2023."""

import csv
import io
import json
from datetime import date
from io import StringIO

import pypdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from twinning.places.models import Place
from twinning.reports.council import council_report, scope_for_place
from twinning.reports.participants import COUNT, NAMED, NONE, REGISTERED, UNKNOWN, figures_from

pytestmark = pytest.mark.django_db


def krefeld() -> Place:
    return Place.objects.get(geonameid=2884509)


def test_figures_from_prefers_registrations_then_count_then_names():
    assert figures_from(count=15, registered=["FR", "FR", "DE"]).source == REGISTERED
    assert figures_from(count=15, registered=["FR", "FR", "DE"]).by_country == {"FR": 2, "DE": 1}
    stated = figures_from(count=15, stated="Insgesamt 15", named=["DE", "DE"], place_countries=["DE"])
    assert (stated.source, stated.total, stated.by_country, stated.country_inferred) == (COUNT, 15, {"DE": 15}, True)
    mixed = figures_from(count=20, named=["DE"], place_countries=["DE", "US"])
    assert mixed.by_country == {"DE": 1, UNKNOWN: 19} and not mixed.country_inferred
    assert figures_from(count=None, named=["FR", ""]).source == NAMED
    assert figures_from(count=None).source == NONE and figures_from(count=None).total is None


def test_council_report_krefeld_2023(demo_world):
    report = council_report(scope_for_place(krefeld()), year=2023, today=date(2026, 6, 1))
    titles = [row.activity.title for row in report.activities]
    assert "Urban Diplomacy Exchange: Netzwerktreffen in Krefeld" in titles
    meeting = next(row for row in report.activities if row.activity.kind == "network_meeting")
    assert meeting.participants.total == 15
    assert meeting.participants.stated == "Insgesamt 15 Teilnehmende"
    assert report.by_kind["network_meeting"] >= 1
    assert "economy" in report.by_sector
    assert report.participants_by_country.get("DE", 0) >= 15
    # Krefeld's four partnerships of the demo world, each judged as of the end of 2023.
    assert report.as_of == date(2023, 12, 31)
    assert {row.title for row in report.partnerships} >= {"Krefeld – Charlotte", "Krefeld – Venlo"}
    assert sum(report.liveliness.values()) == len(report.partnerships)
    charlotte = next(row for row in report.partnerships if "Charlotte" in row.title)
    assert charlotte.group == "lively"
    # 2024: Venlo 60 years (1964-11-21), Dunkirk 50, Leicester 55.
    assert {(report.anniversary_title(a), a.years) for a in report.anniversaries} >= {("Krefeld – Venlo", 60)}
    assert any("Krefeld" in article.title for article in report.articles)
    assert all(article.published.year == 2023 for article in report.articles)


def test_council_report_other_year_has_no_2023_meeting(demo_world):
    report = council_report(scope_for_place(krefeld()), year=2015, today=date(2026, 6, 1))
    assert all(row.activity.start.year == 2015 for row in report.activities)
    assert "network_meeting" not in report.by_kind


def test_council_command_json_lists_the_network_meeting_with_15_participants(demo_world):
    out = StringIO()
    call_command("report", "council", "Krefeld", "--year", "2023", "--json", stdout=out)
    data = json.loads(out.getvalue())
    meeting = next(a for a in data["activities"] if a["kind"] == "network_meeting")
    assert meeting["start"] == "2023-03"
    assert meeting["participants"]["total"] == 15
    assert data["scope"] == "Krefeld" and data["year"] == 2023


def test_council_command_csv_and_pdf(demo_world, tmp_path):
    call_command("report", "council", "2884509", "--year", "2023", "--csv", str(tmp_path / "k.csv"), stdout=StringIO())
    rows = list(csv.DictReader(io.StringIO((tmp_path / "k.csv").read_text(encoding="utf-8"))))
    activity = next(r for r in rows if r["section"] == "activity" and r["key"] == "ude-netzwerktreffen-krefeld-2023")
    assert activity["value"] == "15" and activity["date"] == "2023-03"
    assert {r["section"] for r in rows} >= {"participants_by_country", "partnership", "anniversary", "press"}
    call_command("report", "council", "Krefeld", "--year", "2023", "--pdf", str(tmp_path / "k.pdf"), stdout=StringIO())
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "k.pdf").pages)
    assert "Netzwerktreffen in Krefeld" in text
    assert "Krefeld – Charlotte" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Nowhereville", "--year", "2023"], "no place called 'Nowhereville'"),
        (["Krefled", "--year", "2023"], "did you mean: Krefeld (DE)"),
        (["Krefeld", "--year", "12"], "--year must be between"),
    ],
)
def test_council_command_refuses_unknown_place_and_bad_year(demo_world, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("report", "council", *args, stdout=StringIO())


def test_council_command_refuses_unwritable_pdf_path(demo_world, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("report", "council", "Krefeld", "--year", "2023", "--pdf", str(tmp_path / "no" / "k.pdf"))
