"""Name folding: the one definition of "the same name" used by the gazetteer, importers and extraction.

"Dünkirchen", "DÜNKIRCHEN", "Duenkirchen" and "Dunkirchen" must meet; so must "Straße" and
"Strasse". We fold case, strip diacritics and punctuation, and for German umlauts also produce
the transliterated variant (ü → ue), because both spellings are in daily use.
"""

import re
import unicodedata
from functools import lru_cache

_SPECIAL_CHARS = {
    "ß": "ss",
    "ẞ": "ss",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "’": "'",
    "‘": "'",
    "`": "'",
}
_SPECIAL = str.maketrans(_SPECIAL_CHARS)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
# Apostrophes vanish (Krefel'd, O'Fallon); every other non-word character separates words.
_APOSTROPHES = re.compile(r"['ʼʹ]")
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ASCII_WORD = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


def _latin_table() -> dict[int, str]:
    """Accented Latin letters → their ASCII base, for str.translate (C speed) instead of a
    per-character decomposition in Python: most place names are Latin with a few accents."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        stripped = _strip_marks(chr(code).translate(_SPECIAL))
        if stripped != chr(code) and stripped.isascii():
            table[code] = stripped
    table.update({ord(k): v for k, v in _SPECIAL_CHARS.items()})
    return table


_LATIN = _latin_table()


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """The search key of a name: lower case, no diacritics, words separated by one space."""
    if not text.isascii():
        text = text.translate(_LATIN)
    if text.isascii():
        text = text.lower()
        if _ASCII_WORD.fullmatch(text):  # the common case needs no further work
            return text
    else:
        text = _strip_marks(text.translate(_SPECIAL)).casefold()
    text = _APOSTROPHES.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


@lru_cache(maxsize=262144)
def fold_variants(text: str) -> tuple[str, ...]:
    """All keys a name is known under: the plain fold, and the German transliteration if it differs."""
    plain = fold(text)
    if text.isascii():
        return (plain,)
    german = fold(text.translate(_UMLAUTS))
    return (plain,) if german == plain else (plain, german)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify_name(text: str) -> str:
    """A URL slug from any name, in ASCII (letters fold cannot map to ASCII, like ħ, are dropped)."""
    ascii_only = fold(text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_only).strip("-") or "place"
