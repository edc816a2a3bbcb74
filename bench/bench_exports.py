"""Export and reconciliation figures on both real datasets: each dump's time and size next to one
pass over the same rows (the baseline, same run), parsing the JSON-LD dump with rdflib, and
`reconcile wikidata` on the recorded files. Imports the datasets first when the database has no
partnerships (the import's own time is bench_network's figure, not reported here)."""

from __future__ import annotations

import tempfile
import time
import warnings
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TWINS = REPO.parent / "shared" / "data" / "twins"


def _ensure_data() -> None:
    from django.core.management import call_command

    from twinning.partnerships.models import Partnership

    if Partnership.objects.count() > 10_000:
        return
    call_command("import_twins", str(TWINS / "wikipedia_twin_cities_2026_geocoded.csv"), "-v0", stdout=StringIO())
    call_command(
        "import_twins", str(TWINS / "wikidata_p190_2016_relations.tsv"), "--format", "wikidata-tsv",
        "--names", str(TWINS / "wikidata_p190_2016_names.tsv"), "-v0", stdout=StringIO(),
    )  # fmt: skip


def _baseline_seconds() -> float:
    """One pass over the rows every dump reads (places, partnerships, members, citations)."""
    from twinning.exports import selectors

    started = time.perf_counter()
    places = selectors.member_places()
    rows = sum(len(p.places) for p in selectors.partnerships())
    assert places and rows
    return time.perf_counter() - started


def main() -> None:
    from django.core.management import call_command

    from twinning.exports.dumps import FORMATS, write_dump
    from twinning.partnerships.models import Partnership

    _ensure_data()
    count = Partnership.objects.count()
    baseline = _baseline_seconds()
    print(f"{count} partnerships; baseline (one pass over the rows the dumps read): {baseline:.2f} s")
    folder = Path(tempfile.mkdtemp(prefix="twinning-bench-exports-"))
    for name, dump in FORMATS.items():
        started = time.perf_counter()
        path = write_dump(name, folder / dump.filename)
        seconds = time.perf_counter() - started
        print(
            f"export {name}: {seconds:.2f} s ({seconds / baseline:.1f}x baseline), {path.stat().st_size / 1e6:.1f} MB"
        )
    import rdflib

    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's JSON-LD parser, internally
        graph = rdflib.Graph().parse(str(folder / FORMATS["jsonld-org"].filename), format="json-ld")
    print(f"rdflib parses the JSON-LD dump: {len(graph)} triples in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    call_command(
        "reconcile", "wikidata", "--relations", str(TWINS / "wikidata_p190_2016_relations.tsv"),
        "--names", str(TWINS / "wikidata_p190_2016_names.tsv"), "--no-queue",
        "--report", str(folder / "report.csv"), "--quickstatements", str(folder / "qs.txt"), stdout=StringIO(),
    )  # fmt: skip
    seconds = time.perf_counter() - started
    print(
        f"reconcile wikidata (recorded files, {count} partnerships): {seconds:.1f} s ({seconds / baseline:.1f}x baseline)"
    )
