"""Country names as datasets write them ("England, United Kingdom", "Czech Republic", "USA") → ISO codes."""

from __future__ import annotations

from functools import cache

from rapidfuzz import fuzz, process

from twinning.core.text import fold

# Names the Country table (GeoNames, English) does not carry, in English and German.
ALIASES: dict[str, str] = {
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "us": "US",
    "u s": "US",
    "u s a": "US",
    "vereinigte staaten": "US",
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "vereinigtes konigreich": "GB",
    "grossbritannien": "GB",
    "czech republic": "CZ",
    "tschechien": "CZ",
    "south korea": "KR",
    "korea": "KR",
    "republic of korea": "KR",
    "sudkorea": "KR",
    "north korea": "KP",
    "russia": "RU",
    "russian federation": "RU",
    "russland": "RU",
    "netherlands": "NL",
    "holland": "NL",
    "niederlande": "NL",
    "republic of ireland": "IE",
    "irland": "IE",
    "palestine": "PS",
    "state of palestine": "PS",
    "west bank": "PS",
    "gaza strip": "PS",
    "georgia country": "GE",
    "cape verde": "CV",
    "northern cyprus": "CY",
    "sao tome and principe": "ST",
    "congo": "CG",
    "republic of congo": "CG",
    "dr congo": "CD",
    "moldavia": "MD",
    "east timor": "TL",
    "timor leste": "TL",
    "bosnia and hercegovina": "BA",
    "bosnia": "BA",
    "surinam": "SR",
    "federated states of micronesia": "FM",
    "macedonia": "MK",
    "republic of macedonia": "MK",
    "nordmazedonien": "MK",
    "ivory coast": "CI",
    "cote divoire": "CI",
    "swaziland": "SZ",
    "burma": "MM",
    "vatican city": "VA",
    "holy see": "VA",
    "taiwan roc": "TW",
    "republic of china": "TW",
    "peoples republic of china": "CN",
    "turkiye": "TR",
    "turkei": "TR",
    "deutschland": "DE",
    "frankreich": "FR",
    "italien": "IT",
    "spanien": "ES",
    "polen": "PL",
    "osterreich": "AT",
    "schweiz": "CH",
    "belgien": "BE",
    "danemark": "DK",
    "schweden": "SE",
    "norwegen": "NO",
    "finnland": "FI",
    "ungarn": "HU",
    "rumanien": "RO",
    "bulgarien": "BG",
    "griechenland": "GR",
    "ukraine": "UA",
    "weissrussland": "BY",
    "japan": "JP",
    "china": "CN",
    "indien": "IN",
    "brasilien": "BR",
    "kanada": "CA",
    "mexiko": "MX",
    "agypten": "EG",
    "israel": "IL",
    "lettland": "LV",
    "litauen": "LT",
    "estland": "EE",
    "slowakei": "SK",
    "slowenien": "SI",
    "kroatien": "HR",
    "serbien": "RS",
    "athiopien": "ET",
    "kenia": "KE",
    "sudafrika": "ZA",
    "neuseeland": "NZ",
    "australien": "AU",
    "tansania": "TZ",
    "ruanda": "RW",
    "kamerun": "CM",
    "marokko": "MA",
    "tunesien": "TN",
    "nicaragua": "NI",
    "westsahara": "EH",
    "island": "IS",  # German for Iceland
}


@cache
def _table() -> dict[str, str]:
    from twinning.places.models import Country

    table = {fold(name): code for code, name in Country.objects.values_list("code", "name")}
    table.update({fold(code): code for code in table.values()})
    table.update(ALIASES)
    return table


def country_code(text: str) -> str | None:
    """The ISO code of a country named in a dataset, or None.

    "England, United Kingdom" and "Réunion, France" name the most specific part first: each
    comma-separated part is tried in turn, then the whole with a small typo allowance.
    """
    if not text or not text.strip():
        return None
    table = _table()
    key = fold(text)
    if key in table:
        return table[key]
    key = key.removeprefix("in ").removeprefix("the ")
    if key in table:
        return table[key]
    parts = [fold(part) for part in text.split(",") if part.strip()]
    for part in parts:
        if part in table:
            return table[part]
    for part in (key, *parts):
        if len(part) >= 5:
            found = process.extractOne(part, list(table), scorer=fuzz.ratio, score_cutoff=85)
            if found:
                return table[found[0]]
    return None


def clear_cache() -> None:
    _table.cache_clear()
