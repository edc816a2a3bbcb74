from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from twinning.core.errors import TwinningError
from twinning.core.files import write_csv
from twinning.core.services import Actor
from twinning.imports.wikidata import ENDPOINT
from twinning.places.models import Country
from twinning.reconcile import selectors
from twinning.reconcile.compare import reconcile
from twinning.reconcile.rgre import RGRE_REPORT_FIELDS, read_rgre, reconcile_rgre, rgre_proposals, rgre_report_rows
from twinning.reconcile.services import proposals, proposals_queue, quickstatements_write, report_write
from twinning.reconcile.wikidata import from_endpoint, from_sparql_json, from_tsv

LABELS = {
    "missing_there": "we have, Wikidata lacks",
    "missing_here": "Wikidata has, we lack",
    "one_sided": "one-sided in Wikidata",
    "date_differs": "start dates differ",
    "kind_differs": "kinds differ",
    "unlinked": "rows not linked (see the report)",
}


def _public_base() -> str | None:
    """The portal's address when it is public (https): then our archive's article pages can be cited."""
    base = settings.TWINNING_BASE_URL
    return base if base.startswith("https://") else None


class Command(BaseCommand):
    help = (
        "Compare the registry with Wikidata's P190 statements (recorded files, a saved SPARQL result or the live "
        "endpoint) or with an RGRE-shaped CSV: counts, a report, proposals to the review queue, QuickStatements."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="against", required=True)
        wikidata = sub.add_parser("wikidata", help="compare with Wikidata P190")
        wikidata.add_argument("--relations", type=Path, help="recorded relations TSV (subject<TAB>object QIDs)")
        wikidata.add_argument("--names", type=Path, help="recorded names TSV (QID<TAB>label), with --relations")
        wikidata.add_argument("--sparql-json", type=Path, help="a saved SPARQL JSON result (import_wikidata --save)")
        wikidata.add_argument("--endpoint", default=ENDPOINT, help="the live endpoint, used without files")
        wikidata.add_argument("--country", help="only pairs with a member in this country (ISO code: DE)")
        wikidata.add_argument("--quickstatements", type=Path, help="where to write the QuickStatements file")
        rgre = sub.add_parser("rgre", help="compare with an RGRE-shaped CSV")
        rgre.add_argument("path", type=Path)
        for command in (wikidata, rgre):
            command.add_argument("--report", type=Path, help="where to write the report CSV")
            command.add_argument("--no-queue", action="store_true", help="do not queue proposals for review")
            command.add_argument("--json", action="store_true", help="print the counts as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = f"{timezone.now():%Y%m%d-%H%M%S}"
        folder = Path(settings.VAR_DIR) / "reconcile"
        try:
            if options["against"] == "wikidata":
                summary = self._wikidata(options, folder, stamp)
            else:
                summary = self._rgre(options, folder, stamp)
        except TwinningError as error:
            raise CommandError(f"reconcile {options['against']}: {error}") from error
        except OSError as error:
            raise CommandError(f"reconcile {options['against']}: {error}") from error
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        for kind, count in summary["counts"].items():
            self.stdout.write(f"{LABELS[kind]}: {count}")
        for key in ("report", "quickstatements"):
            if summary.get(key):
                self.stdout.write(f"{key}: {summary[key]}")
        self.stdout.write(f"proposals queued for review: {summary['queued']}")

    def _wikidata(self, options: dict[str, Any], folder: Path, stamp: str) -> dict[str, Any]:
        country = (options["country"] or "").strip().upper() or None
        if country and not Country.objects.filter(code=country).exists():
            raise CommandError(f"reconcile wikidata: --country {country!r} is not an ISO country code we know")
        if options["relations"] or options["names"]:
            if not (options["relations"] and options["names"]):
                raise CommandError("reconcile wikidata: --relations and --names go together")
            statements = from_tsv(names=options["names"], relations=options["relations"])
            url = "https://www.wikidata.org/wiki/Property:P190"
        elif options["sparql_json"]:
            statements = from_sparql_json(options["sparql_json"])
            url = "https://query.wikidata.org/"
        else:
            statements = from_endpoint(endpoint=options["endpoint"], country=country)
            url = options["endpoint"]
        result = reconcile(
            statements=statements,
            places=selectors.places_by_pk(),
            partnerships=selectors.partnerships(archive_base=_public_base()),
            country=country,
        )
        base = settings.TWINNING_BASE_URL
        report = report_write(result, options["report"] or folder / f"wikidata-{stamp}.csv", base=base)
        qs_path, qs_lines = quickstatements_write(
            result, options["quickstatements"] or folder / f"wikidata-{stamp}.quickstatements.txt"
        )
        queued = 0
        if not options["no_queue"]:
            _article, queued = proposals_queue(
                items=proposals(result),
                source=statements.label,
                title=f"Abgleich mit Wikidata P190 ({statements.label}{', ' + country if country else ''})",
                url=url,
                actor=Actor(via="cli:reconcile"),
            )
        return {
            "source": statements.label,
            "country": country,
            "compared": result.compared,
            "not_comparable": result.not_comparable,
            "counts": result.counts(),
            "report": str(report),
            "quickstatements": str(qs_path),
            "quickstatements_lines": qs_lines,
            "queued": queued,
        }

    def _rgre(self, options: dict[str, Any], folder: Path, stamp: str) -> dict[str, Any]:
        path: Path = options["path"]
        result = reconcile_rgre(
            rows=read_rgre(path),
            places=selectors.places_by_pk(),
            partnerships=selectors.partnerships(),
            source=path.name,
        )
        report = options["report"] or folder / f"rgre-{stamp}.csv"
        report.parent.mkdir(parents=True, exist_ok=True)
        write_csv(report, fieldnames=RGRE_REPORT_FIELDS, rows=rgre_report_rows(result, base=settings.TWINNING_BASE_URL))
        queued = 0
        if not options["no_queue"]:
            _article, queued = proposals_queue(
                items=rgre_proposals(result),
                source=path.name,
                title=f"Abgleich mit der RGRE-Liste {path.name}",
                url="",
                actor=Actor(via="cli:reconcile"),
            )
        return {
            "source": path.name,
            "rows": result.rows,
            "counts": result.counts(),
            "report": str(report),
            "queued": queued,
        }
