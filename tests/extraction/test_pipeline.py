"""End-to-end extraction on general texts, and properties that hold for any input."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twinning.extraction.pipeline import extract
from twinning.extraction.result import ExtractionResult


def spans_ok(result: ExtractionResult) -> None:
    text = result.text
    for field in ("places", "partnerships", "people", "organizations", "events", "contacts"):
        for item in getattr(result, field):
            for start, end in item.spans:
                assert 0 <= start < end <= len(text)


def test_english_release(geonames_index):
    text = (
        "Leicester welcomes delegation from twin town Krefeld\n\n"
        "Lord Mayor Cllr Deepak Bajaj welcomed a delegation from Krefeld, Germany, on Oct 26, 2013. "
        "The visit marks the anniversary of the partnership with Krefeld. A reception at the Town Hall "
        "follows on 27 October 2013. Contact: twinning@leicester.gov.uk"
    )
    result = extract(text, index=geonames_index)
    assert result.language == "en"
    ids = {p.geonameid for p in result.places}
    assert {2644668, 2884509} <= ids
    assert any({p.a.geonameid, p.b.geonameid} == {2644668, 2884509} for p in result.partnerships)
    assert ("visit", date(2013, 10, 26)) in {(e.kind, e.start) for e in result.events}
    assert ("reception", date(2013, 10, 27)) in {(e.kind, e.start) for e in result.events}
    assert result.contacts[0].email == "twinning@leicester.gov.uk"
    spans_ok(result)


def test_publisher_is_the_home_city(geonames_index):
    text = "Eine Delegation aus der Partnerstadt Dünkirchen besucht am 5. Mai die Stadt."
    result = extract(text, index=geonames_index, publisher="Krefeld", published=date(2024, 3, 1))
    assert {p.a.name for p in result.partnerships} | {p.b.name for p in result.partnerships} == {"Krefeld", "Dunkirk"}
    assert result.events[0].start == date(2024, 5, 5)


def test_html_input_with_scripts(geonames_index):
    html = (
        "<html><body><script>document.write('Paris')</script>"
        "<p onmouseover=\"alert('x')\">Bürgermeisterin Anna Weber empfing Gäste aus Venlo.</p></body></html>"
    )
    result = extract(html.encode(), index=geonames_index)
    assert "script" not in result.text and "alert" not in result.text
    assert [p.geonameid for p in result.places] == [2745641]
    assert result.people[0].name == "Anna Weber"


def test_places_not_in_urls_emails_or_organisations(geonames_index):
    text = (
        "Die Technische Universität Dresden und die Stadt Bonn. Mehr unter https://www.leipzig.de oder info@hamburg.de."
    )
    names = {p.name for p in extract(text, index=geonames_index).places}
    assert "Bonn" in names
    assert not names & {"Dresden", "Leipzig", "Hamburg"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=400).filter(lambda s: s.strip()))
def test_arbitrary_text_never_raises(geonames_index, text):
    from twinning.extraction.errors import ExtractionError

    try:
        result = extract(text, index=geonames_index)
    except ExtractionError:
        return  # refused input (only whitespace after cleaning, control characters) is fine
    spans_ok(result)


WORDS = st.sampled_from(
    [
        "Krefeld",
        "Partnerstadt",
        "Charlotte",
        "am",
        "17.",
        "Oktober",
        "Oberbürgermeister",
        "Frank",
        "Meyer",
        "Delegation",
        "Besuch",
        "in",
        "nach",
        "und",
        ",",
        ".",
        "Empfang",
        "Deutscher",
        "Städtetag",
        "2023",
        "im",
        "Frühjahr",
        "bis",
        "Mai",
        "vom",
        "18.-20.",
        "Dr.",
        "Foto:",
        "Telefon:",
        "0211",
        "837-1399",
        "E-Mail:",
        "a@b.de",
        "Verein",
        "e.",
        "V.",
        "Amt",
        "für",
        "Kultur",
        "Venlo",
        "Dünkirchen",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=60), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)))
def test_press_like_text_never_raises(geonames_index, words, published):
    result = extract(" ".join(words), index=geonames_index, published=published)
    spans_ok(result)


def test_dateline_home_city_and_partnership(geonames_index):
    text = (
        "Bonn, 12.05.2024\n\nOberbürgermeisterin Katja Dörner empfängt am Dienstag, 14. Mai, eine Delegation "
        "aus der Partnerstadt Oxford. Außerdem unterzeichnen Bonn und Oxford eine Klimapartnerschaft. "
        "Im Herbst 2024 reisen Schüler des Beethoven-Gymnasiums zum Schüleraustausch nach Oxford."
    )
    result = extract(text, index=geonames_index)
    assert result.published == date(2024, 5, 12)
    assert [{p.a.name, p.b.name} for p in result.partnerships] == [{"Bonn", "Oxford"}]
    events = {(e.kind, e.start, e.precision) for e in result.events}
    assert ("visit", date(2024, 5, 14), "day") in events
    assert ("school_exchange", date(2024, 9, 1), "season") in events
    assert "Beethoven-Gymnasium" in {o.name for o in result.organizations}
