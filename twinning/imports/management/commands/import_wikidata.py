from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from twinning.core.errors import TwinningError
from twinning.core.services import Actor
from twinning.imports.management.commands.import_twins import print_report, tqdm_progress
from twinning.imports.readers import sparql_rows
from twinning.imports.services import SourceSpec, twins_import, write_review
from twinning.imports.wikidata import ENDPOINT, p190_query, sparql_fetch

SOURCE = SourceSpec(
    key="dataset:wikidata_sparql_p190",
    title="Wikidata P190 twinned administrative body, SPARQL query (CC0)",
    url="https://query.wikidata.org/",
    license="CC0 1.0",
)


class Command(BaseCommand):
    help = "Run the Wikidata P190 (twinned administrative body) query against the SPARQL endpoint and import it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--country", help="only places in this country, as a Wikidata id (Q183 = Germany)")
        parser.add_argument("--limit", type=int, help="at most this many result rows")
        parser.add_argument("--endpoint", default=ENDPOINT, help=f"the SPARQL endpoint (default {ENDPOINT})")
        parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the endpoint")
        parser.add_argument("--save", type=Path, help="also write the SPARQL JSON result to this file")
        parser.add_argument("--review", type=Path, help="where to write the review CSV")
        parser.add_argument("--dry-run", action="store_true", help="link and report, write nothing to the database")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor(via="cli:import_wikidata")
        try:
            query = p190_query(country=options["country"], limit=options["limit"])
            data = sparql_fetch(query, endpoint=options["endpoint"], timeout=options["timeout"])
            if options["save"]:
                options["save"].write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            rows = list(sparql_rows(data["results"]["bindings"], where=options["endpoint"]))
            report = twins_import(
                rows=rows,
                source=SOURCE,
                actor=actor,
                dry_run=options["dry_run"],
                progress=tqdm_progress(options["verbosity"] > 0 and not options["json"]),
                total=len(rows),
            )
        except TwinningError as error:
            raise CommandError(f"import_wikidata: {error}") from error
        review = options["review"] or Path(settings.VAR_DIR) / "imports" / (
            f"review-wikidata_sparql_p190-{timezone.now():%Y%m%d-%H%M%S}.csv"
        )
        if report.review:
            write_review(report, review)
        print_report(self, report, options["json"])
