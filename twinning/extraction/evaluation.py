"""The evaluation corpora: the real press texts split into development and test, and the seeds.

The split (data/press_split.json) lists ids only; texts and gold are read from ../shared/data/press,
the seeds from ../shared/seeds with their gold in tests/extraction/gold. Tune on "dev" only.
"""

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.conf import settings

from twinning.extraction.errors import ExtractionError
from twinning.extraction.scoring import HELD_OUT_TARGETS, TARGETS

SPLITS = ("dev", "test", "seeds")


@dataclass(frozen=True)
class Corpus:
    name: str
    gold: list[tuple[Path, dict]]  # (gold file, annotation)
    texts: Path  # the directory of the source texts
    targets: dict[str, float]

    def source(self, path: Path, annotation: dict) -> Path:
        return self.texts / annotation.get("source", path.with_suffix(".txt").name)


def shared_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared"


def split_ids() -> dict[str, list[str]]:
    data = json.loads(resources.files("twinning.extraction").joinpath("data/press_split.json").read_text("utf-8"))
    return {"dev": data["dev"], "test": data["test"]}


def corpus_for_split(name: str, *, press: Path | None = None) -> Corpus:
    """One split's gold annotations; a clear error when the shared data is not there."""
    if name == "seeds":
        gold_dir = Path(settings.BASE_DIR) / "tests" / "extraction" / "gold"
        if not gold_dir.is_dir():  # an installed package: the repository's tests are not beside it
            raise ExtractionError(f"{gold_dir}: the seeds' gold annotations are not there")
        gold = [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(gold_dir.glob("*.json"))]
        return Corpus("seeds", gold, shared_dir() / "seeds", TARGETS)
    press = press or shared_dir() / "data" / "press"
    ids = split_ids()[name]
    gold = []
    for ident in ids:
        path = press / "gold" / f"{ident}.json"
        if not path.is_file():
            raise ExtractionError(f"{path}: gold file of split {name!r} not found (use --press)")
        gold.append((path, json.loads(path.read_text(encoding="utf-8"))))
    return Corpus(name, gold, press / "texts", HELD_OUT_TARGETS)


def extract_corpus(corpus: Corpus, *, index=None) -> Iterator[tuple[dict, dict, float]]:
    """(gold, prediction, seconds) for each document of the corpus."""
    from twinning.extraction.pipeline import extract

    for path, annotation in corpus.gold:
        source = corpus.source(path, annotation)
        if not source.is_file():
            raise ExtractionError(f"{source}: source text of {path.name} not found")
        started = time.perf_counter()
        predicted = extract(source.read_bytes(), index=index, name=str(source)).to_dict()
        yield annotation, predicted, time.perf_counter() - started
