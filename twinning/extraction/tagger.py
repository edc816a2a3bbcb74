"""Proper or common noun? German capitalises every noun, so "Lage", "Türen", "Ländern" or "Norden"
look like the towns Lage, Turin, London and Norden. HanTa (the Hanover Tagger, its German model
ships in the package) knows the common nouns of German and their inflected forms.

Only the few words that could be places are asked (a tagger costs ~300 µs a word in context; this
asks one word at a time, cached), and the model is loaded on the first question, not at start-up.
"""

import threading
from functools import lru_cache

_lock = threading.Lock()
_tagger = None
# A common noun must beat the proper-noun reading by this much (log probabilities), and be a word
# the model knows well: guessed analyses of unknown words (Dünkirchen, Krefelder) score far lower.
_MARGIN = 1.0
_KNOWN = -13.5


def _german():
    global _tagger
    if _tagger is None:
        with _lock:
            if _tagger is None:
                from HanTa import HanoverTagger

                _tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    return _tagger


@lru_cache(maxsize=20_000)
def is_common_noun(word: str) -> bool:
    """Whether HanTa reads this capitalised German word as a common noun (NN) rather than a name (NE)."""
    tags = _german().tag_word(word)
    if not tags:
        return False
    scores = {tag: float(score) for tag, score in tags}
    best = tags[0][0]
    if best != "NN" or scores["NN"] < _KNOWN:
        return False
    return "NE" not in scores or scores["NE"] < scores["NN"] - _MARGIN


@lru_cache(maxsize=20_000)
def is_common_word(word: str) -> bool:
    """Whether HanTa knows this word well as anything but a name ("Manche", a pronoun; "Lage", a noun)."""
    tags = _german().tag_word(word)
    if not tags:
        return False
    best, score = tags[0][0], float(tags[0][1])
    return best != "NE" and score >= _KNOWN
