"""Precision, recall and F1 of extraction against hand-written gold annotations.

Matching per field (one-to-one, micro-averaged over documents):

* places: by GeoNames id; by folded name and country where either side has no id;
* partnerships: by the unordered pair of places (id, or folded name without one);
* people: by normalised name (folded, titles dropped);
* organizations: by fuzzy name (rapidfuzz token-sort ratio ≥ 85 on folded names);
* events: by (start date, kind), counting events that have a start date;
* contacts: by e-mail, else by the digits of the phone number.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from twinning.core.text import fold

FIELDS = ("places", "partnerships", "people", "organizations", "events", "contacts")
TARGETS = {"places": 0.95, "partnerships": 0.90, "people": 0.90, "organizations": 0.80, "events": 0.80}
ORGANIZATION_THRESHOLD = 85.0
_TITLES = re.compile(r"\b(?:dr|prof|herr|frau|mr|mrs|ms|sir|dame)\b\.?", re.IGNORECASE)


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


def _match(gold: list[dict], predicted: list[dict], same: Callable[[dict, dict], bool]) -> Score:
    """Greedy one-to-one matching: each prediction takes the first unmatched gold item it fits."""
    unmatched = list(range(len(gold)))
    tp = 0
    for item in predicted:
        for position, g in enumerate(unmatched):
            if same(gold[g], item):
                del unmatched[position]
                tp += 1
                break
    return Score(tp=tp, fp=len(predicted) - tp, fn=len(unmatched))


def _same_place(gold: dict, predicted: dict) -> bool:
    if gold.get("geonameid") and predicted.get("geonameid"):
        return gold["geonameid"] == predicted["geonameid"]
    same_country = (gold.get("country") or "") == (predicted.get("country") or "") or "country" not in predicted
    return fold(gold["name"]) == fold(predicted["name"]) and same_country


def _pair(partnership: dict) -> tuple[dict, dict]:
    return partnership["a"], partnership["b"]


def _same_partnership(gold: dict, predicted: dict) -> bool:
    (ga, gb), (pa, pb) = _pair(gold), _pair(predicted)
    same = _same_place
    return (same(ga, pa) and same(gb, pb)) or (same(ga, pb) and same(gb, pa))


def normalize_person(name: str) -> str:
    return fold(_TITLES.sub(" ", name))


def _same_person(gold: dict, predicted: dict) -> bool:
    return normalize_person(gold["name"]) == normalize_person(predicted["name"])


def _same_organization(gold: dict, predicted: dict) -> bool:
    return fuzz.token_sort_ratio(fold(gold["name"]), fold(predicted["name"])) >= ORGANIZATION_THRESHOLD


def _same_event(gold: dict, predicted: dict) -> bool:
    return gold.get("start") == predicted.get("start") and gold.get("kind") == predicted.get("kind")


def _contact_key(contact: dict) -> str:
    if contact.get("email"):
        return contact["email"].lower()
    return re.sub(r"\D", "", contact.get("phone") or "")


def _same_contact(gold: dict, predicted: dict) -> bool:
    return _contact_key(gold) == _contact_key(predicted)


_MATCHERS = {
    "places": _same_place,
    "partnerships": _same_partnership,
    "people": _same_person,
    "organizations": _same_organization,
    "events": _same_event,
    "contacts": _same_contact,
}


def score_document(gold: dict, predicted: dict) -> dict[str, Score]:
    scores = {}
    for name in FIELDS:
        gold_items = list(gold.get(name) or [])
        predicted_items = list(predicted.get(name) or [])
        if name == "events":
            gold_items = [e for e in gold_items if e.get("start")]
            predicted_items = [e for e in predicted_items if e.get("start")]
        scores[name] = _match(gold_items, predicted_items, _MATCHERS[name])
    return scores


def score_corpus(pairs: Iterable[tuple[dict, dict]]) -> dict[str, Score]:
    totals = {name: Score() for name in FIELDS}
    for gold, predicted in pairs:
        for name, score in score_document(gold, predicted).items():
            totals[name].add(score)
    return totals


def load_gold(directory: Path) -> list[tuple[Path, dict]]:
    return [(path, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(directory.glob("*.json"))]


def meets_targets(totals: dict[str, Score]) -> dict[str, bool]:
    return {name: totals[name].f1 >= target for name, target in TARGETS.items()}


def format_table(totals: dict[str, Score]) -> str:
    lines = [f"{'field':<15}{'P':>8}{'R':>8}{'F1':>8}{'target':>8}   tp/fp/fn"]
    for name in FIELDS:
        score = totals[name]
        target = TARGETS.get(name)
        mark = "" if target is None else ("  ok" if score.f1 >= target else "  BELOW")
        target_text = f"{target:.2f}" if target is not None else "-"
        lines.append(
            f"{name:<15}{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}{target_text:>8}   "
            f"{score.tp}/{score.fp}/{score.fn}{mark}"
        )
    return "\n".join(lines)
