"""import_twins on small files a municipality might keep, and its error handling."""

import json

import pytest
from django.core.management import CommandError, call_command

from twinning.core.models import AuditEntry, Citation
from twinning.partnerships.models import Partnership
from twinning.places.models import Place

SPREADSHEET = """Stadt;Land;Partnerstadt;Partnerland;Breite;Länge
Krefeld;Deutschland;Leiden;Niederlande;52.16;4.49
Krefeld;Deutschland;Venlo;Niederlande;;
Krefeld;Deutschland;Baringo County;Kenia;0.47;35.97
Krefeld;Deutschland;Springfield;USA;;
Krefeld;Deutschland;Qwzxtrplk;Narnia;;
"""
MAPPING = "city1=Stadt,country1=Land,city2=Partnerstadt,country2=Partnerland,lat2=Breite,lng2=Länge"


@pytest.fixture
def spreadsheet(tmp_path):
    path = tmp_path / "partnerstaedte.csv"
    path.write_text(SPREADSHEET, encoding="utf-8")
    return path


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_twins", *map(str, args), "--json", "-v0", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_generic_csv_with_header_mapping(gazetteer_index, spreadsheet, tmp_path):
    review = tmp_path / "review.csv"
    report = run(spreadsheet, "--map", MAPPING, "--source", "Partnerstädte Krefeld", "--review", review)
    assert report["rows"] == 5
    # Leiden and Venlo link; Baringo County is created as a county; Springfield (many, no coordinates)
    # is ambiguous; the nonsense row in an unknown country is unresolved.
    assert report["linked"] == 3
    assert report["partnerships_created"] == 3
    assert report["places_created"] == 1
    assert report["ambiguous"] == 1 and report["unresolved"] == 1
    county = Place.objects.get(name="Baringo County")
    assert (county.kind, county.country_id) == ("county", "KE")
    krefeld = Place.objects.get(geonameid=2884509)
    partners = {p.geonameid for pp in Partnership.objects.filter(places=krefeld) for p in pp.places.all()}
    assert {2751773, 2745641} <= partners
    text = review.read_text(encoding="utf-8")
    assert "Springfield" in text and "Qwzxtrplk" in text
    notes = set(Citation.objects.filter(source__key="dataset:partnerstadte_krefeld").values_list("note", flat=True))
    assert notes == {"row 1", "row 2", "row 3"}
    assert AuditEntry.objects.filter(action="import.twins").count() == 1


@pytest.mark.django_db
def test_reimport_merges_instead_of_duplicating(gazetteer_index, spreadsheet, tmp_path):
    run(spreadsheet, "--map", MAPPING, "--review", tmp_path / "r1.csv")
    count = Partnership.objects.count()
    again = run(spreadsheet, "--map", MAPPING, "--review", tmp_path / "r2.csv")
    assert Partnership.objects.count() == count
    assert again["partnerships_created"] == 0 and again["merged"] == 3 and again["places_created"] == 0


@pytest.mark.django_db
def test_dry_run_writes_nothing(gazetteer_index, spreadsheet, tmp_path):
    before = (Partnership.objects.count(), Place.objects.count(), Citation.objects.count(), AuditEntry.objects.count())
    report = run(spreadsheet, "--map", MAPPING, "--dry-run", "--review", tmp_path / "r.csv")
    assert report["dry_run"] is True and report["partnerships_created"] == 3
    after = (Partnership.objects.count(), Place.objects.count(), Citation.objects.count(), AuditEntry.objects.count())
    assert after == before


@pytest.mark.django_db
def test_missing_column_is_a_clear_error(gazetteer_index, spreadsheet):
    with pytest.raises(CommandError, match=r"city1, city2.*Stadt, Land"):
        run(spreadsheet)
    with pytest.raises(CommandError, match="stadt"):
        run(spreadsheet, "--map", "stadt=Stadt")


@pytest.mark.django_db
def test_wikidata_tsv_needs_its_names_file(tmp_path):
    relations = tmp_path / "pairs.tsv"
    relations.write_text("Q1\tQ2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--names"):
        run(relations)
