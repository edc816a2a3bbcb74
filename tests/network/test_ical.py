from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from twinning.core.dates import PartialDate
from twinning.network.anniversaries import Anniversary, PartnershipFacts
from twinning.network.ical import Event, anniversary_event, calendar

STAMP = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def unfold(text):
    return text.replace("\r\n ", "")


def test_escape_and_fold():
    """Text is escaped and long lines are folded at 75 octets, never inside a UTF-8 character."""
    summary = "a,b;c\\d\ne " + "Städtepartnerschaft " * 10
    body = calendar([Event(uid="x@t", start=date(2026, 5, 1), summary=summary)], name="N", stamp=STAMP)
    pieces = body.split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    lines = unfold(body).split("\r\n")
    summary_line = next(line for line in lines if line.startswith("SUMMARY:"))
    assert summary_line.startswith("SUMMARY:a\\,b\\;c\\\\d\\ne Städtepartnerschaft")
    assert summary_line.count("Städtepartnerschaft") == 10
    assert any(p.startswith(" ") for p in pieces)


def test_calendar_structure():
    body = calendar(
        [Event(uid="x@t", start=date(2026, 5, 1), summary="40 Jahre, Krefeld; Charlotte")], name="N", stamp=STAMP
    )
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "")
    lines = body.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert "DTSTART;VALUE=DATE:20260501" in lines
    assert "DTSTAMP:20260102T030405Z" in lines
    assert "SUMMARY:40 Jahre\\, Krefeld\\; Charlotte" in lines


def test_year_only_anniversary_is_labelled():
    facts = PartnershipFacts(7, "twinning", PartialDate.parse("1969"), ({"name": "Krefeld"}, {"name": "Leicester"}))
    event = anniversary_event(Anniversary(facts, 60, PartialDate.parse("2029")))
    assert event.start == date(2029, 1, 1)
    assert event.summary.endswith("(year only)")
    assert event.uid == "anniversary-7-2029@twinning"


@pytest.mark.django_db
def test_feeds_on_demo_world(client, gazetteer):
    call_command("demo", stdout=StringIO())
    response = client.get("/places/2884509/calendar.ics")  # Krefeld: next ten years
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = unfold(response.content.decode("utf-8"))
    lines = body.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") >= 1
    summaries = [line for line in lines if line.startswith("SUMMARY:")]
    assert any("Venlo" in s and s.startswith("SUMMARY:65 ") for s in summaries)  # 1964-11-21 → 2029
    assert "DTSTART;VALUE=DATE:20291121" in lines
    assert all(line.startswith("UID:anniversary-") for line in lines if line.startswith("UID:"))
    response = client.get("/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert response.content.decode().count("BEGIN:VEVENT") == response.content.decode().count("END:VEVENT")
    assert client.get("/places/999999999/calendar.ics").status_code == 404
