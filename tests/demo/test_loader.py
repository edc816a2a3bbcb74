from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.conftest import SEEDS
from twinning.activities.models import Activity, Programme
from twinning.core.dates import PartialDate
from twinning.core.models import AuditEntry, Citation
from twinning.core.selectors import citations_for
from twinning.demo.exchange import SLUG as DEMO_EXCHANGE
from twinning.directory.models import ContactDetail, Person
from twinning.partnerships.models import Partnership
from twinning.press.models import Article

pytestmark = pytest.mark.django_db

SEED_KEYS = {f"seed:{path.name}" for path in SEEDS.glob("*.txt")}


def counts() -> dict[str, int]:
    labels = {"core", "places", "directory", "partnerships", "activities", "press"}
    return {m.__name__: m.objects.count() for m in apps.get_models() if m._meta.app_label in labels}


def load(path: Path | None = None) -> str:
    out = StringIO()
    args = ["--file", str(path)] if path else []
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_demo_world_loads_with_every_record_citing_a_seed(gazetteer: None) -> None:
    assert "partnerships" in load()
    assert {a.source.key for a in Article.objects.select_related("source")} >= SEED_KEYS
    krefeld_partners = {
        place.geonameid
        for partnership in Partnership.objects.filter(places__geonameid=2884509)
        for place in partnership.places.all()
    } - {2884509}
    assert krefeld_partners == {4460243, 3020686, 2644668, 2745641}
    for model in (Partnership, Activity, Person, Programme):
        # The demo exchange (twinning/demo/exchange.py) is invented on purpose: generated, not from the seeds.
        for record in model.objects.exclude(**({"slug": DEMO_EXCHANGE} if model is Activity else {})):
            assert {c.source.key for c in citations_for(record)} & SEED_KEYS, f"{model.__name__} {record} cites no seed"
    # The quotes really are in the seeds (whitespace-normalized).
    texts = {f"seed:{p.name}": " ".join(p.read_text(encoding="utf-8").split()) for p in SEEDS.glob("*.txt")}
    for citation in Citation.objects.filter(source__key__in=SEED_KEYS).select_related("source"):
        assert " ".join(citation.quote.split()) in texts[citation.source.key], citation.quote
    # The contact box is public, photographers are not.
    assert ContactDetail.objects.get(value="r.fries@krefeld.de").visibility == "public"
    assert Person.objects.get(name="Dirk Jochmann").visibility == "internal"


def test_the_programme_has_the_conference_and_the_network_meeting(gazetteer: None) -> None:
    load()
    programme = Programme.objects.get(name="Urban Diplomacy Exchange")
    assert {
        link.role: link.organization.short_name or link.organization.name for link in programme.organization_links.all()
    } == {
        "runs": "SKEW",
        "cooperates": "Deutscher Städtetag",
        "funds": "Auswärtiges Amt",
    }
    conference = programme.activities.get(kind="conference")
    assert (conference.starts, conference.ends) == (PartialDate.parse("2022-10-18"), PartialDate.parse("2022-10-20"))
    assert conference.place.geonameid == 4140963
    reception = conference.parts.get()
    assert (reception.kind, reception.starts) == ("reception", PartialDate.parse("2022-10-19"))
    meeting = programme.activities.get(kind="network_meeting")
    assert meeting.starts == PartialDate.parse("2023-03") and meeting.follow_up_of == conference
    assert (meeting.participant_count, meeting.participant_count_approximate) == (15, False)
    assert {p.name for p in meeting.places.all()} == {
        "Krefeld",
        "Hamm",
        "Düsseldorf",
        "Münster",
        "Duisburg",
        "Wolfsburg",
        "Darmstadt",
    }
    trip = Activity.objects.get(kind="delegation_trip")
    assert [leg.place.name for leg in trip.legs.all()] == ["Krefeld", "Washington", "Charlotte"]
    assert trip.starts == PartialDate.parse("2022-10-17") and trip.direction == "outbound"
    dortmund = Activity.objects.get(venue="Dortmunder U")
    assert (dortmund.participant_count, dortmund.participant_count_approximate, dortmund.starts.iso()) == (
        120,
        True,
        "2015-12-10",
    )


def test_loading_twice_changes_nothing(gazetteer: None) -> None:
    load()
    before = counts()
    assert "nothing new" in load()
    assert counts() == before
    assert AuditEntry.objects.count() == before["AuditEntry"]


BROKEN = {
    "syntax": ("places:\n  - {key: krefeld, geonameid: 2884509\n", r"broken\.yaml:\d+:\d+: YAML syntax error"),
    "geonameid": (
        "places:\n  - {key: krefeld, geonameid: 2884509, name: Krefeld}\n  - {key: x, geonameid: 999999999, name: X}\n",
        r"broken\.yaml:\d+: places\[1\] \(x\): unknown GeoNames id 999999999",
    ),
    "wrong place": (
        "places:\n  - {key: k, geonameid: 2884509, name: Venlo}\n",
        r"places\[0\] \(k\): GeoNames id 2884509 is",
    ),
    "unknown key": (
        "places:\n  - {key: krefeld, geonameid: 2884509, name: Krefeld}\n"
        "partnerships:\n  - {key: p, places: [krefeld, charlotte], cite: []}\n",
        r"broken\.yaml:\d+: partnerships\[0\] \(p\): unknown place 'charlotte'",
    ),
    "duplicate partnership": (
        "places:\n  - {key: a, geonameid: 2884509, name: Krefeld}\n  - {key: b, geonameid: 2745641, name: Venlo}\n"
        "partnerships:\n  - {key: p1, places: [a, b], cite: []}\n  - {key: p2, places: [b, a], cite: []}\n",
        r"partnerships\[1\] \(p2\): duplicate partnership.*'p1'",
    ),
    "end before start": (
        "places:\n  - {key: a, geonameid: 2884509, name: Krefeld}\n"
        "activities:\n  - {key: x, title: X, kind: conference, start: 2022-10-20, end: 2022-10-18,\n"
        "     place: a, cite: []}\n",
        r"activities\[0\] \(x\): the activity ends \(2022-10-18\) before it starts \(2022-10-20\)",
    ),
    "unknown topic": (
        "activities:\n  - {key: x, title: X, kind: meeting, topics: [knitting], cite: []}\n",
        r"activities\[0\] \(x\): unknown topic 'knitting'",
    ),
    "missing field": (
        "organizations:\n  - {key: o, name: Org, cite: []}\n",
        r"organizations\[0\] \(o\): missing required field kind",
    ),
    "bad date": (
        "activities:\n  - {key: x, title: X, kind: meeting, start: 'Oktober 2022', cite: []}\n",
        r"activities\[0\] \(x\) start: 'Oktober 2022' is not a date",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_fails_cleanly_and_writes_nothing(gazetteer: None, tmp_path: Path, case: str) -> None:
    text, message = BROKEN[case]
    # Valid entries come first, so a partial write would show.
    prefix = "organizations:\n  - {key: ok, name: Erst einmal gültig, kind: other, cite: []}\n"
    if not text.startswith("organizations"):
        text = prefix + text.replace("organizations:\n", "")
    path = tmp_path / "broken.yaml"
    path.write_text("sources: []\n" + text if case != "syntax" else text, encoding="utf-8")
    before = counts()
    with translation.override("en"), pytest.raises(CommandError, match=message):
        load(path)
    assert counts() == before


def test_an_invalid_source_url_fails_cleanly(gazetteer: None, tmp_path: Path) -> None:
    path = tmp_path / "world.yaml"
    path.write_text("sources:\n  - {key: 'web:bad', kind: web, title: Bad, url: 'ht tp://not a url'}\n")
    before = counts()
    with translation.override("en"), pytest.raises(CommandError, match=r"web:bad: url: Enter a valid URL"):
        load(path)
    assert counts() == before


def test_a_demo_file_that_is_not_utf8_names_its_line(gazetteer: None, tmp_path: Path) -> None:
    path = tmp_path / "world.yaml"
    path.write_bytes("sources:\n  - {key: 'web:x', kind: web, title: Münster, url: ''}\n".encode("latin-1"))
    with translation.override("en"), pytest.raises(CommandError, match=r"world.yaml line 2: not UTF-8"):
        load(path)
