"""The list pages as XLSX (same selection as the CSV, formula-like text neutralised) and the dated
activities of a place, a partnership, a programme and an office as iCalendar feeds."""

from __future__ import annotations

import datetime as dt
import io

import icalendar
import pytest
from django.test import Client
from openpyxl import load_workbook

from tests.factories import ActivityFactory, OrganizationFactory
from twinning.activities.models import Activity, Programme
from twinning.core.services import Actor
from twinning.offices.services import office_create
from twinning.partnerships.models import Partnership
from twinning.places.models import Place

pytestmark = pytest.mark.django_db
KREFELD = 2884509


def workbook_rows(response) -> list[tuple]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_partnership_list_as_xlsx_with_the_filters_of_the_list(registry: None, client: Client) -> None:
    rows = workbook_rows(client.get(f"/partnerships/?place={KREFELD}&format=xlsx"))
    assert rows[0] == ("id", "places", "countries", "geonameids", "kind", "status", "established", "ended")
    assert len(rows) - 1 == Partnership.objects.filter(places__geonameid=KREFELD).count()
    assert all(str(KREFELD) in row[3] for row in rows[1:])
    csv_lines = client.get(f"/partnerships/?place={KREFELD}&format=csv")
    assert len(b"".join(csv_lines.streaming_content).decode().strip().splitlines()) == len(rows)
    assert (
        'filename="partnerships-place-2884509.xlsx"'
        in client.get(f"/partnerships/?place={KREFELD}&format=xlsx")["Content-Disposition"]
    )


def test_every_list_has_an_xlsx_and_formulas_stay_text(registry: None, client: Client) -> None:
    OrganizationFactory(name='=HYPERLINK("http://evil.example","klick")', slug="formel")
    for url in ("/places/", "/programmes/", "/activities/", "/news/", "/organizations/"):
        rows = workbook_rows(client.get(url + "?format=xlsx"))
        assert len(rows) >= 2, url
    response = client.get("/organizations/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" and str(c.value).startswith("'=") for c in cells)
    assert client.get("/places/?format=xlsx&country=ZZ").status_code == 400  # the list's filter errors apply


def test_list_pages_link_the_xlsx(registry: None, client: Client) -> None:
    html = client.get("/partnerships/?country=FR").content.decode()
    assert "?country=FR&amp;format=xlsx" in html


def events(response) -> list[icalendar.Event]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_place_feed_has_the_dated_activities_with_their_precision(registry: None, client: Client) -> None:
    krefeld = Place.objects.get(geonameid=KREFELD)
    undated = ActivityFactory(title="Ohne Datum", slug="ohne-datum", start=None, place=krefeld)
    found = events(client.get(f"/places/{KREFELD}/activities.ics"))
    dated = Activity.objects.filter(start__isnull=False, pk__in=[a.pk for a in _for_place(krefeld)])
    assert {str(e["uid"]).split("@")[0] for e in found} == {f"activity-{a.pk}" for a in dated}
    assert all(undated.title not in str(e["summary"]) for e in found)
    for event in found:
        activity = Activity.objects.get(pk=int(str(event["uid"]).split("@")[0].split("-")[1]))
        assert event.decoded("dtstart") == activity.start
        assert event.decoded("dtend") > event.decoded("dtstart")  # all-day: the day after the last
        if activity.start_precision == "month":
            assert "(month only)" in str(event["summary"]) or "(nur Monat bekannt)" in str(event["summary"])
    assert "activities.ics" in client.get(krefeld.get_absolute_url()).content.decode()


def test_partnership_programme_and_office_feeds(registry: None, client: Client) -> None:
    partnership = Partnership.objects.filter(places__geonameid=KREFELD).get(places__geonameid=4460243)
    in_partnership = events(client.get(f"/partnerships/{partnership.pk}/activities.ics"))
    assert len(in_partnership) == partnership.activities.filter(start__isnull=False).count() >= 1
    programme = Programme.objects.get(slug="urban-diplomacy-exchange")
    assert (
        len(events(client.get(f"/programmes/{programme.slug}/activities.ics")))
        == programme.activities.filter(start__isnull=False).count()
    )
    office = office_create(
        name="Stadt Krefeld, Internationales",
        places=[Place.objects.get(geonameid=KREFELD)],
        actor=Actor(via="test"),
    )
    ActivityFactory(title="Besuch aus Venlo", slug="besuch-venlo", start=dt.date(2025, 5, 2),
                    place=Place.objects.get(geonameid=KREFELD))  # fmt: skip
    of_office = events(client.get(f"/offices/{office.slug}/activities.ics"))
    assert "Besuch aus Venlo" in {str(e["summary"]) for e in of_office}
    assert client.get("/offices/nobody/activities.ics").status_code == 404
    assert client.get("/partnerships/999999/activities.ics").status_code == 404
    assert (
        f"/partnerships/{partnership.pk}/activities.ics" in client.get(partnership.get_absolute_url()).content.decode()
    )


def _for_place(place: Place):  # type: ignore[no-untyped-def]
    from twinning.activities.selectors import activities_for_place

    return activities_for_place(place)
