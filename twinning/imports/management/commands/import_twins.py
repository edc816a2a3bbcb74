from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from twinning.core.errors import TwinningError
from twinning.core.services import Actor
from twinning.imports.files import FORMATS, review_write, twin_file, twin_file_import
from twinning.imports.services import ImportReport


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
        f"({report.rows_ambiguous} rows), {report.contradictions} names whose country and coordinates disagree, "
        f"{report.unresolved} unresolved names ({report.rows_unresolved} rows); "
        f"{report.seconds:.1f} s, {what}."
    )
    if report.review_path:
        command.stdout.write(
            f"Review file (ambiguous, contradictory, unresolved and created places): {report.review_path}"
        )


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
        progress = tqdm_progress(options["verbosity"] > 0 and not options["json"])
        try:
            twin = twin_file(
                path=options["path"],
                fmt=options["format"],
                names=options["names"],
                source_label=options["source"],
                mapping=options["mapping"],
                encoding=options["encoding"],
            )
            report = twin_file_import(
                twin=twin, actor=Actor(via="cli:import_twins"), dry_run=options["dry_run"], progress=progress
            )
        except TwinningError as error:
            raise CommandError(f"import_twins: {error}") from error
        review_write(report, options["review"])
        print_report(self, report, options["json"])
