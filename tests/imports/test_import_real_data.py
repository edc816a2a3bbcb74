"""The two real datasets, imported once for this module into the test database (and rolled back
at the end), checked against the issue's "done when"."""

import csv
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from tests.conftest import TWINS
from twinning.core.models import Citation
from twinning.core.services import Actor
from twinning.imports.files import KNOWN_SOURCES
from twinning.imports.readers import read_csv, read_wikidata_tsv
from twinning.imports.selectors import dataset_agreement
from twinning.imports.services import twins_import, wikidata_tsv_import, write_review
from twinning.partnerships.models import Partnership
from twinning.places.models import Place

CSV_PATH = TWINS / "wikipedia_twin_cities_2026_geocoded.csv"
CSV_SOURCE = KNOWN_SOURCES["wikipedia_twin_cities_2026"]
WD_SOURCE = KNOWN_SOURCES["wikidata_p190_2016"]
ACTOR = Actor(via="test")


@pytest.fixture(scope="module")
def imported(gazetteer_index, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        csv_report = twins_import(rows=list(read_csv(CSV_PATH)), source=CSV_SOURCE, actor=ACTOR)
        labels, relations = read_wikidata_tsv(
            TWINS / "wikidata_p190_2016_names.tsv", TWINS / "wikidata_p190_2016_relations.tsv"
        )
        wd_report = wikidata_tsv_import(labels=labels, relations=relations, source=WD_SOURCE, actor=ACTOR)
        yield csv_report, wd_report
        transaction.set_rollback(True)


def partner_geonameids(geonameid):
    place = Place.objects.get(geonameid=geonameid)
    return {
        other.geonameid: other
        for partnership in Partnership.objects.filter(places=place).prefetch_related("places")
        for other in partnership.places.all()
        if other != place
    }


@pytest.mark.django_db
def test_csv_links_at_least_97_percent_and_reports_every_row(imported):
    report, _ = imported
    assert report.rows == 25917
    assert report.linked / report.rows >= 0.97
    assert report.linked + report.rows_ambiguous + report.rows_unresolved == report.rows
    assert report.partnerships_created + report.merged + report.repeated == report.linked
    assert report.places_created > 0
    assert report.ambiguous > 0  # homonyms are reported, not guessed


@pytest.mark.django_db
def test_darmstadt_partners_include_san_antonio(imported):
    partners = partner_geonameids(2938913)
    assert 4726206 in partners
    assert partners[4726206].name == "San Antonio"


@pytest.mark.django_db
def test_krefeld_partners_after_both_imports(imported):
    partners = partner_geonameids(2884509)
    for geonameid in (2751773, 308464, 479123, 4460243, 3020686, 2644668, 2745641):  # Leiden ... Venlo
        assert geonameid in partners, geonameid
    county = Place.objects.get(name="Landkreis Oder-Spree")
    assert county.kind == "county" and county.country_id == "DE" and county.wikidata_qid == "Q6178"
    assert Partnership.objects.filter(places=county).filter(places__geonameid=2884509).count() == 1


@pytest.mark.django_db
def test_krefeld_charlotte_is_one_partnership_citing_both_sources(imported):
    partnerships = Partnership.objects.filter(places__geonameid=2884509).filter(places__geonameid=4460243)
    assert partnerships.count() == 1
    citations = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Partnership), object_id=partnerships.get().pk
    )
    notes = {c.source.key: c.note for c in citations}
    assert set(notes) == {CSV_SOURCE.key, WD_SOURCE.key}
    assert notes[CSV_SOURCE.key].startswith("row ")
    assert "Q2805" in notes[WD_SOURCE.key] and "Q16565" in notes[WD_SOURCE.key]


@pytest.mark.django_db
def test_wikidata_import_merges_and_records_qids(imported):
    _, report = imported
    assert report.merged > 8000  # most Wikidata pairs were known from the CSV
    assert report.qids_recorded > 5000
    assert Place.objects.get(geonameid=2884509).wikidata_qid == "Q2805"
    assert report.linked / report.rows >= 0.85


@pytest.mark.django_db
def test_the_two_datasets_agree_on_shared_pairs(imported):
    agreement = dataset_agreement(CSV_SOURCE.key, WD_SOURCE.key)
    assert agreement.agree > 5000
    assert agreement.share >= 0.95


@pytest.mark.django_db
def test_review_file_lists_ambiguous_and_unresolved(imported, tmp_path):
    _, report = imported
    write_review(report, tmp_path / "review.csv")
    with open(Path(report.review_path), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    statuses = {row["status"] for row in rows}
    assert {"ambiguous", "unresolved"} <= statuses
    assert all(row["reason"] for row in rows)
    assert any(row["candidates"] for row in rows if row["status"] == "ambiguous")
