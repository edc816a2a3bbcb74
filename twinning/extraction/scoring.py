"""Precision, recall and F1 of extraction against hand-written gold annotations.

The rules are those of ../shared/tools/score_extract.py, the scorer the issue's targets are
measured with, so `twinning evaluate` and that script report the same figures:

* places: by GeoNames id where both sides have one, else by name similarity ≥ 0.85;
* partnerships: the unordered pair of places, each endpoint matched as a place;
* people: name similarity ≥ 0.9; organizations: name similarity ≥ 0.85;
* events: the distinct ISO start dates (events without a date do not count);
* contacts: by e-mail, else by the digits of the phone number.

Similarity is difflib's ratio on names folded like the scorer does (ß → ss, accents dropped,
case folded, hyphens as spaces). Gold partnerships may name their endpoints as objects
(`{"a": {"name", "geonameid"}}`) or flat (`"a"`, `"a_geonameid"`); both are read.
"""

import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("places", "partnerships", "people", "organizations", "events", "contacts")
# The seeds' targets; texts the extractor was never tuned on have their own (HELD_OUT_TARGETS).
TARGETS = {"places": 0.95, "partnerships": 0.90, "people": 0.90, "organizations": 0.80, "events": 0.80}
HELD_OUT_TARGETS = {"places": 0.88, "partnerships": 0.70, "people": 0.85, "organizations": 0.60, "events": 0.60}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def score_fold(name: str | None) -> str:
    """The scorer's folding: ß → ss, accents dropped, case folded, hyphens as spaces."""
    decomposed = unicodedata.normalize("NFKD", (name or "").replace("ß", "ss"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").split())


def similarity(a: str | None, b: str | None) -> float:
    return difflib.SequenceMatcher(None, score_fold(a), score_fold(b)).ratio()


def _match(gold: list, predicted: list, same: Callable[[object, object], bool]) -> Score:
    """One-to-one: each gold item takes the first unmatched prediction it fits (the scorer's order)."""
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in used and same(g, p):
                used.add(i)
                tp += 1
                break
    return Score(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


PlaceKey = tuple[int | None, str | None]


def _place_key(place: dict) -> PlaceKey:
    return (place.get("geonameid"), place.get("name"))


def _same_place(gold: PlaceKey, predicted: PlaceKey) -> bool:
    if gold[0] and predicted[0]:
        return gold[0] == predicted[0]
    return bool(gold[1] and predicted[1]) and similarity(gold[1], predicted[1]) >= 0.85


def _endpoint(partnership: dict, side: str) -> PlaceKey:
    value = partnership.get(side)
    if isinstance(value, dict):
        return (value.get("geonameid"), value.get("name"))
    return (partnership.get(f"{side}_geonameid"), value)


def _same_partnership(gold: tuple[PlaceKey, PlaceKey], predicted: tuple[PlaceKey, PlaceKey]) -> bool:
    (ga, gb), (pa, pb) = gold, predicted
    same = _same_place
    return (same(ga, pa) and same(gb, pb)) or (same(ga, pb) and same(gb, pa))


def _contact_key(contact: dict) -> str:
    if contact.get("email"):
        return contact["email"].lower()
    return re.sub(r"\D", "", contact.get("phone") or "")


def _items(document: dict, name: str) -> list:
    items = list(document.get(name) or [])
    if name == "places":
        return [_place_key(p) for p in items]
    if name == "partnerships":
        return [(_endpoint(p, "a"), _endpoint(p, "b")) for p in items]
    if name in ("people", "organizations"):
        return [p.get("name") or "" for p in items]
    if name == "events":
        return sorted({e["start"] for e in items if e.get("start")})
    return [_contact_key(c) for c in items]


_MATCHERS: dict[str, Callable[[object, object], bool]] = {
    "places": _same_place,  # type: ignore[dict-item]
    "partnerships": _same_partnership,  # type: ignore[dict-item]
    "people": lambda g, p: similarity(g, p) >= 0.9,  # type: ignore[arg-type]
    "organizations": lambda g, p: similarity(g, p) >= 0.85,  # type: ignore[arg-type]
    "events": lambda g, p: g == p,
    "contacts": lambda g, p: g == p,
}


def score_document(gold: dict, predicted: dict) -> dict[str, Score]:
    scores = {}
    for name in FIELDS:
        scores[name] = _match(_items(gold, name), _items(predicted, name), _MATCHERS[name])
    return scores


def score_corpus(pairs: Iterable[tuple[dict, dict]]) -> dict[str, Score]:
    totals = {name: Score() for name in FIELDS}
    for gold, predicted in pairs:
        for name, score in score_document(gold, predicted).items():
            totals[name].add(score)
    return totals


def load_gold(directory: Path) -> list[tuple[Path, dict]]:
    return [(path, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(directory.glob("*.json"))]


def meets_targets(totals: dict[str, Score], targets: dict[str, float] = TARGETS) -> dict[str, bool]:
    return {name: totals[name].f1 >= target for name, target in targets.items()}


def format_table(totals: dict[str, Score], targets: dict[str, float] = TARGETS) -> str:
    lines = [f"{'field':<15}{'P':>8}{'R':>8}{'F1':>8}{'target':>8}   tp/fp/fn"]
    for name in FIELDS:
        score = totals[name]
        target = targets.get(name)
        mark = "" if target is None else ("  ok" if score.f1 >= target else "  BELOW")
        target_text = f"{target:.2f}" if target is not None else "-"
        lines.append(
            f"{name:<15}{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}{target_text:>8}   "
            f"{score.tp}/{score.fp}/{score.fn}{mark}"
        )
    return "\n".join(lines)
