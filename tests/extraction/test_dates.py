from datetime import date

import pytest

from tests.conftest import SEEDS
from twinning.extraction.dates import find_published, parse_dates, resolve, stated_date

PUBLISHED = date(2022, 10, 14)


def one(text: str, *, published: date | None = PUBLISHED, tense: str | None = None):
    raws = parse_dates(text)
    assert len(raws) == 1, raws
    resolved = resolve(raws[0], published=published, tense=tense)
    assert text[resolved.span[0] : resolved.span[1]] in text
    return resolved


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Montag, 17. Oktober", date(2022, 10, 17), date(2022, 10, 17), "day"),
        ("vom 18.-20. Oktober", date(2022, 10, 18), date(2022, 10, 20), "day"),
        ("vom 9. bis 12. Mai 2024", date(2024, 5, 9), date(2024, 5, 12), "day"),
        ("im Frühjahr 2023", date(2023, 3, 1), date(2023, 5, 31), "season"),
        ("im Oktober 2022", date(2022, 10, 1), date(2022, 10, 31), "month"),
        ("Oct 26, 2013", date(2013, 10, 26), date(2013, 10, 26), "day"),
        ("October 26-28, 2013", date(2013, 10, 26), date(2013, 10, 28), "day"),
        ("26 October 2013", date(2013, 10, 26), date(2013, 10, 26), "day"),
        ("6–18 July", date(2022, 7, 6), date(2022, 7, 18), "day"),
        ("20.03.2023", date(2023, 3, 20), date(2023, 3, 20), "day"),
        ("Freitag, 21.10.2022", date(2022, 10, 21), date(2022, 10, 21), "day"),
        ("20.-22.03.2023", date(2023, 3, 20), date(2023, 3, 22), "day"),
        ("2023-03-20", date(2023, 3, 20), date(2023, 3, 20), "day"),
        ("28. Dezember bis 3. Januar 2024", date(2023, 12, 28), date(2024, 1, 3), "day"),
        ("im Jahr 2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("im Winter 2023", date(2023, 12, 1), date(2024, 2, 29), "season"),
        ("summer 2024", date(2024, 6, 1), date(2024, 8, 31), "season"),
        ("heute", PUBLISHED, PUBLISHED, "day"),
    ],
)
def test_grammar(text, start, end, precision):
    resolved = one(text)
    assert (resolved.start, resolved.end, resolved.precision) == (start, end, precision)


def test_unyeared_date_is_in_the_year_of_publication():
    assert one("am 23. Mai").start == date(2022, 5, 23)


def test_announcement_of_an_early_date_is_next_year():
    assert one("am 5. Mai", tense="future").start == date(2023, 5, 5)
    assert one("im September", tense="future").start == date(2023, 9, 1)


def test_report_of_a_late_date_is_last_year():
    assert one("am 20. Dezember", published=date(2023, 1, 10), tense="past").start == date(2022, 12, 20)


def test_weekday_picks_the_year():
    # 9 May 2023 was a Tuesday; in 2022 it was a Monday.
    assert one("Dienstag, 9. Mai").start == date(2023, 5, 9)
    assert one("am Samstag, 5. Februar", tense="past").start == date(2022, 2, 5)


def test_until_gives_only_the_end():
    resolved = one("bis Dienstag, 9. Mai")
    assert resolved.start is None
    assert resolved.end == date(2023, 5, 9)


def test_without_publication_date_unyeared_dates_stay_open():
    resolved = one("am 23. Mai", published=None)
    assert resolved.start is None and resolved.end is None
    assert one("am 23. Mai 2021", published=None).start == date(2021, 5, 23)


def test_no_dates_in_plain_numbers():
    assert parse_dates("Rund 120 Teilnehmer aus 15 Städten, Zimmer B 209, 47798 Krefeld") == []
    assert parse_dates("Die 35. Sitzung, 4. von links") == []


def test_invalid_dates_are_ignored():
    assert parse_dates("31. Februar 2023") == []


def test_publication_dates_as_the_seeds_state_them():
    assert stated_date("Veröffentlicht am: 20.03.2023") == date(2023, 3, 20)
    assert stated_date("Freitag, 21.10.2022") == date(2022, 10, 21)
    assert stated_date("10. Dezember 2015") == date(2015, 12, 10)
    assert stated_date("March 20, 2023") == date(2023, 3, 20)
    assert stated_date("2023-03-20") == date(2023, 3, 20)
    assert stated_date("Bonn, 12.05.2024") == date(2024, 5, 12)
    assert stated_date("31.02.2023") is None
    assert stated_date("Am 23. Mai haben Krefeld und Charlotte gefeiert") is None
    assert find_published((SEEDS / "003_17b625f946edcdfc.txt").read_text()) == date(2015, 12, 10)


def test_event_dates_inherit_the_year_stated_earlier_and_keep_ranges():
    from twinning.extraction.clean import sentence_spans
    from twinning.extraction.events import find_events

    text = (
        "Im Oktober 2015 feierten beide Städte ihr Jubiläum. Der Festakt fand am 13. bis 15. Oktober statt. "
        "Am 27. und 28. Februar 2023 folgte ein Besuch. Beim Empfang am 6. Juli wurde unterzeichnet."
    )
    events = find_events(text, sentence_spans(text))
    days = {(e.start.isoformat(), e.end.isoformat()) for e in events if e.precision == "day"}
    assert ("2015-10-13", "2015-10-15") in days
    assert ("2023-02-27", "2023-02-28") in days
    assert any(start == "2023-07-06" for start, _ in days)
    months = [e for e in events if e.precision == "month"]
    assert months and months[0].start.isoformat() == "2015-10-01"
