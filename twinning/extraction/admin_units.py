"""Administrative units beyond GeoNames' cities: counties, districts, regions and states.

Two sources, no hand-made place list:

* the ISO 3166-2 subdivisions of every country, from pycountry ("Calderdale", "Leitrim",
  "Vale of Glamorgan", "Baringo", "Mayenne"), each with its kind;
* the phrase that names a unit in the text: a unit word before or after the name ("Landkreis
  Oder-Spree", "des Kreises Groß-Gerau", "Bezirk Schwaben", "Rajon Nowosibirsk", "County Leitrim",
  "Baringo County", "Ho Distrikt", "Nenagh Municipal District"). German Landkreise are found this
  way: the word "Landkreis"/"Kreis" is how German texts name them.
"""

import re
from dataclasses import dataclass
from functools import cache

from twinning.core.text import fold


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    country: str | None
    kind: str  # district | county | region


# pycountry's subdivision types, by the kind of the gold schema.
_KIND_OF_TYPE = {
    "county": {"county", "two-tier county", "metropolitan department", "department", "canton", "parish"},
    "district": {"district", "metropolitan district", "unitary authority", "london borough", "council area",
                 "rayon", "district municipality", "local council", "municipality", "borough"},
}  # fmt: skip
# Names too generic to stand for a subdivision on their own ("Centre", "North", "Capital").
_GENERIC = re.compile(
    r"\b(?:north|south|east|west|northern|southern|eastern|western|central|centre|center|nord|sud|est|ouest|"
    r"norte|sur|oeste|capital|city|upper|lower|coast|island|islands|lake|river|mountain|valley)\b"
)


def _kind(subdivision_type: str) -> str:
    lowered = subdivision_type.lower()
    for kind, types in _KIND_OF_TYPE.items():
        if lowered in types:
            return kind
    return "region"


def _variants(raw: str) -> list[str]:
    """ "Vale of Glamorgan, The [Bro Morgannwg GB-BMG]" → ["Vale of Glamorgan", "Bro Morgannwg"]."""
    names: list[str] = []
    bracket = re.search(r"\[([^\]]*)\]", raw)
    if bracket:
        alias = re.sub(r"\b[A-Z]{2}-\w+\b", "", bracket.group(1)).strip(" ,;")
        if alias:
            names.append(alias)
        raw = raw[: bracket.start()] + raw[bracket.end() :]
    for part in re.split(r"\s*[;/]\s*", raw):
        part = re.sub(r",\s*(?:The|La|Le|Les|El|Los|Las)$", "", part.strip())
        if part:
            names.insert(0, part)
    return names


@cache
def subdivisions() -> dict[str, Unit]:
    """Folded name → the ISO 3166-2 subdivision of that name (first-level names win on a clash)."""
    import pycountry

    table: dict[str, Unit] = {}
    items = sorted(pycountry.subdivisions, key=lambda s: (s.parent_code is not None, s.code))
    for subdivision in items:
        kind = _kind(subdivision.type)
        if subdivision.type.lower() == "country":
            continue
        for name in _variants(subdivision.name):
            key = fold(name)
            if len(key) < 4 or _GENERIC.search(key) or key in table:
                continue
            table[key] = Unit(name, subdivision.country_code, kind)
    return table


# Unit words before the name, with the kind and the nominative the unit is named with.
_PREFIX_WORDS = {
    "landkreis": ("Landkreis", "district"),
    "kreis": ("Kreis", "district"),
    "partnerlandkreis": ("Landkreis", "district"),
    "partnerkreis": ("Kreis", "district"),
    "rajon": ("Rajon", "district"),
    "distrikt": ("Distrikt", "district"),
    "municipio": ("Municipio", "district"),
    "bezirk": ("Bezirk", "region"),
    "region": ("Region", "region"),
    "partnerregion": ("Region", "region"),
    "präfektur": ("Präfektur", "region"),
    "provinz": ("Provinz", "region"),
    "departement": ("Departement", "county"),
    "département": ("Département", "county"),
    "department": ("Department", "county"),
    "county": ("County", "county"),
    "oblast": ("Oblast", "region"),
    "woiwodschaft": ("Woiwodschaft", "region"),
}
PREFIX = re.compile(
    r"\b(?P<word>(?:Partner)?(?:[Ll]and)?[Kk]reis(?:es)?|Rajon[s]?|Distrikt(?:s|es)?|Municipio|Bezirk(?:s|es)?|"
    r"(?:Partner)?[Rr]egion|Präfektur|Provinz|D[eé]partement(?:s)?|Department|County|Oblast|Woiwodschaft)"
    r" (?=[A-ZÄÖÜ])"
)
# Unit words after the name: "Baringo County", "Ho Distrikt", "Nenagh Municipal District".
SUFFIX = re.compile(r"^ (?P<word>County(?! Council)|Municipal District|District(?! Council)|Distrikt|Borough)\b")
_SUFFIX_KIND = {"county": "county", "municipal district": "district", "district": "district",
                "distrikt": "district", "borough": "district"}  # fmt: skip
# A council names its area: "Calderdale Council", "Leitrim County Council".
COUNCIL = re.compile(r"^ (?:County |District |Borough |Metropolitan Borough )?Council\b")


def prefix_unit(word: str) -> tuple[str, str]:
    """The nominative unit word and kind of a matched prefix ("Kreises" → "Kreis", district)."""
    key = word.lower()
    for ending in ("es", "s"):
        if key not in _PREFIX_WORDS and key.endswith(ending) and key[: -len(ending)] in _PREFIX_WORDS:
            key = key[: -len(ending)]
    return _PREFIX_WORDS.get(key, (word, "district"))


def suffix_kind(word: str) -> str:
    return _SUFFIX_KIND.get(word.lower(), "district")
