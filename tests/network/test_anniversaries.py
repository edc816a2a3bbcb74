import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from twinning.core.dates import PartialDate
from twinning.network.anniversaries import (
    PartnershipFacts,
    anniversaries_between,
    anniversary_in_year,
    window_for_year,
    window_from,
)


def facts(pid, established):
    return PartnershipFacts(pid, "twinning", PartialDate.parse(established), ({"name": "A"}, {"name": "B"}))


def test_anniversary_in_year_keeps_precision_and_every_fifth_year():
    assert anniversary_in_year(PartialDate.parse("1986-05"), 2026) == PartialDate.parse("2026-05")
    assert anniversary_in_year(PartialDate.parse("1986-05"), 2027) is None
    assert anniversary_in_year(PartialDate.parse("1964-11-21"), 2029) == PartialDate.parse("2029-11-21")
    assert anniversary_in_year(PartialDate.parse("1969"), 2029).iso() == "2029"
    assert anniversary_in_year(PartialDate.parse("2026"), 2026) is None  # the founding year is no anniversary
    assert anniversary_in_year(PartialDate.parse("1996-02-29"), 2026) == PartialDate.parse("2026-02-28")


def test_window_from_a_date_and_partial_overlap():
    partnerships = [facts(1, "1986-05"), facts(2, "1964-11-21"), facts(3, "1971"), facts(4, "1990-12-01")]
    start, end = window_from(date(2025, 11, 25))  # to 2026-11-25
    found = [(a.partnership.id, a.years, a.date.iso()) for a in anniversaries_between(partnerships, start, end)]
    # 1990-12-01 → 35 on 2025-12-01, 1971 → 55 in 2026 (year precision overlaps), 1986-05 → 40;
    # 1964-11-21 → 2024 and 2029 are outside
    assert found == [(4, 35, "2025-12-01"), (3, 55, "2026"), (1, 40, "2026-05")]
    start, end = window_from(date(2025, 12, 2))
    assert 4 not in [a.partnership.id for a in anniversaries_between(partnerships, start, end)]
    start, end = window_for_year(2029)
    assert [(a.partnership.id, a.years) for a in anniversaries_between(partnerships, start, end)] == [(2, 65)]


@pytest.mark.django_db
def test_anniversaries_command_on_demo_world(gazetteer):
    call_command("demo", stdout=StringIO())
    out = StringIO()
    call_command("anniversaries", "--year", "2026", "--json", stdout=out)
    found = json.loads(out.getvalue())
    charlotte = next(a for a in found if {p["name"] for p in a["places"]} == {"Krefeld", "Charlotte"})
    assert charlotte["established"] == "1986-05"
    assert charlotte["years"] == 40
    assert charlotte["date"] == "2026-05"
    assert charlotte["kind"] == "twinning"
    assert {p["geonameid"] for p in charlotte["places"]} == {2884509, 4460243}
    assert all(a["years"] % 5 == 0 for a in found)
    out = StringIO()
    call_command("anniversaries", "--year", "2029", "--json", stdout=out)
    venlo = next(a for a in json.loads(out.getvalue()) if {p["name"] for p in a["places"]} == {"Krefeld", "Venlo"})
    assert (venlo["years"], venlo["date"], venlo["established"]) == (65, "2029-11-21", "1964-11-21")
    with pytest.raises(CommandError, match="--year"):
        call_command("anniversaries", "--year", "0", stdout=StringIO())
