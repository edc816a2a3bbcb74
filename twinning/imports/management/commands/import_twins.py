from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from twinning.core.errors import TwinningError
from twinning.core.files import check_input
from twinning.core.services import Actor
from twinning.core.text import slugify_name
from twinning.imports.readers import parse_mapping, read_csv, read_sparql_json, read_wikidata_tsv
from twinning.imports.services import ImportReport, SourceSpec, twins_import, wikidata_tsv_import, write_review

FORMATS = ("csv", "wikidata-tsv", "wikidata-json")
KNOWN_SOURCES = {
    "wikipedia_twin_cities_2026": SourceSpec(
        key="dataset:wikipedia_twin_cities_2026",
        title="Wikipedia lists of twin towns and sister cities (via Hekman/twincities, 2026)",
        url="https://github.com/Hekman/twincities",
        license="CC BY-SA (Wikipedia); coordinates partly ODbL (OpenStreetMap)",
    ),
    "wikidata_p190_2016": SourceSpec(
        key="dataset:wikidata_p190_2016",
        title="Wikidata P190 twinned administrative body (CC0), via L3viathan/sister-cities, 2016",
        url="https://github.com/L3viathan/sister-cities",
        license="CC0 1.0",
    ),
}


def source_for(path: Path, label: str | None) -> SourceSpec:
    if label:
        slug = slugify_name(label).replace("-", "_")
        return KNOWN_SOURCES.get(slug) or SourceSpec(key=f"dataset:{slug}", title=label)
    stem = re.sub(r"_(relations|names|geocoded)$", "", path.stem.casefold())
    slug = slugify_name(stem).replace("-", "_")
    return KNOWN_SOURCES.get(slug) or SourceSpec(key=f"dataset:{slug}", title=path.name)


def guess_format(path: Path) -> str:
    suffix = path.suffix.casefold()
    return {".csv": "csv", ".tsv": "wikidata-tsv", ".json": "wikidata-json"}.get(suffix, "csv")


def tqdm_progress(enabled: bool):  # type: ignore[no-untyped-def]
    def progress(items, total, label):  # type: ignore[no-untyped-def]
        return tqdm(items, total=total or None, desc=label, unit="row", disable=not enabled, leave=False)

    return progress


def print_report(command: BaseCommand, report: ImportReport, as_json: bool) -> None:
    if as_json:
        command.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    what = "dry run, nothing written" if report.dry_run else "written"
    command.stdout.write(
        f"{report.source}: {report.rows} rows, {report.linked} linked ({report.linked_share:.1%}), "
        f"{report.partnerships_created} partnerships created, {report.merged} merged into existing ones, "
        f"{report.repeated} repeated in the file, {report.places_created} places created, "
        f"{report.qids_recorded} QIDs recorded, {report.ambiguous} ambiguous names "
        f"({report.rows_ambiguous} rows), {report.unresolved} unresolved names ({report.rows_unresolved} rows); "
        f"{report.seconds:.1f} s, {what}."
    )
    if report.review_path:
        command.stdout.write(f"Review file (ambiguous, unresolved and created places): {report.review_path}")


class Command(BaseCommand):
    help = "Import twin-town pairs from a CSV, the Wikidata names/relations TSV pair or a SPARQL JSON result."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the CSV, relations.tsv or SPARQL JSON file")
        parser.add_argument("--format", choices=FORMATS, help="default: from the file extension")
        parser.add_argument("--names", type=Path, help="names.tsv (QID<TAB>label) for --format wikidata-tsv")
        parser.add_argument("--source", help="a label for the dataset (default: from the file name)")
        parser.add_argument("--map", dest="mapping", help="CSV columns: city1=Stadt,country1=Land,lat1=...,city2=...")
        parser.add_argument(
            "--encoding",
            help="read the file(s) in this encoding (e.g. latin-1, utf-16); by default only UTF-8 is accepted",
        )
        parser.add_argument("--review", type=Path, help="where to write the review CSV")
        parser.add_argument("--dry-run", action="store_true", help="link and report, write nothing to the database")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        encoding = options["encoding"]
        fmt = options["format"] or guess_format(path)
        source = source_for(path, options["source"])
        actor = Actor(via="cli:import_twins")
        progress = tqdm_progress(options["verbosity"] > 0 and not options["json"])
        try:
            if fmt == "csv":
                check_input(path)
                report = twins_import(
                    rows=read_csv(path, mapping=parse_mapping(options["mapping"]), encoding=encoding),
                    source=source,
                    actor=actor,
                    dry_run=options["dry_run"],
                    progress=progress,
                )
            elif fmt == "wikidata-json":
                report = twins_import(
                    rows=read_sparql_json(path, encoding=encoding),
                    source=source,
                    actor=actor,
                    dry_run=options["dry_run"],
                    progress=progress,
                )
            else:
                names = options["names"] or path.with_name(path.name.replace("relations", "names"))
                if names == path or not names.is_file():
                    raise CommandError(f"import_twins: give the names file with --names (looked for {names}).")
                labels, relations = read_wikidata_tsv(names, path, encoding=encoding)
                report = wikidata_tsv_import(
                    labels=labels,
                    relations=relations,
                    source=source,
                    actor=actor,
                    dry_run=options["dry_run"],
                    progress=progress,
                )
        except TwinningError as error:
            raise CommandError(f"import_twins: {error}") from error
        review = options["review"] or Path(settings.VAR_DIR) / "imports" / (
            f"review-{source.key.split(':')[-1]}-{timezone.now():%Y%m%d-%H%M%S}.csv"
        )
        if report.review:
            write_review(report, review)
        print_report(self, report, options["json"])
