"""Names of administrative units GeoNames' populated places lack: "Landkreis Oder-Spree", "Baringo
County", "Oder-Spree (district)", "State of Mexico". Pure functions, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass

COUNTY = "county"
DISTRICT = "district"
REGION = "region"
MUNICIPALITY = "municipality"


@dataclass(frozen=True)
class AdminName:
    kind: str
    core: str  # the name without the kind word: "Oder-Spree"
    country: str | None  # a country the kind word implies ("Landkreis" → DE)
    display: str  # the name to create the place under


# (prefix, kind, implied country)
_PREFIXES: tuple[tuple[str, str, str | None], ...] = (
    ("Landkreis ", COUNTY, "DE"),
    ("Kreis ", COUNTY, None),
    ("Powiat ", COUNTY, "PL"),
    ("County ", COUNTY, None),
    ("Comté de ", COUNTY, None),
    ("Département ", COUNTY, "FR"),
    ("Departement ", COUNTY, "FR"),
    ("Bezirk ", DISTRICT, None),
    ("Distrikt ", DISTRICT, None),
    ("Rajon ", DISTRICT, None),
    ("District of ", DISTRICT, None),
    ("Regierungsbezirk ", REGION, "DE"),
    ("Provinz ", REGION, None),
    ("Province of ", REGION, None),
    ("Provincia di ", REGION, "IT"),
    ("Provincia de ", REGION, None),
    ("Präfektur ", REGION, "JP"),
    ("Oblast ", REGION, None),
    ("Region ", REGION, None),
    ("State of ", REGION, None),
)
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (" County", COUNTY),
    (" District", DISTRICT),
    (" Raion", DISTRICT),
    (" Rayon", DISTRICT),
    (" Region", REGION),
    (" Province", REGION),
    (" Prefecture", REGION),
    (" Oblast", REGION),
    (" Voivodeship", REGION),
    (" Governorate", REGION),
)
_QUALIFIED = re.compile(r"^(?P<core>.+?)\s*\((?P<qualifier>[^()]+)\)\s*$")
_QUALIFIER_KINDS = {
    "district": DISTRICT,
    "distrikt": DISTRICT,
    "landkreis": COUNTY,
    "kreis": COUNTY,
    "county": COUNTY,
    "microregion": REGION,
    "region": REGION,
    "province": REGION,
}


def split_qualifier(name: str) -> tuple[str, str]:
    """ "Frankfurt (Oder)" → ("Frankfurt", "Oder"); names without a bracket → (name, "")."""
    found = _QUALIFIED.match(name.strip())
    if not found:
        return name.strip(), ""
    return found["core"].strip(), found["qualifier"].strip()


def admin_name(name: str, country: str | None = None) -> AdminName | None:
    """The administrative unit a name denotes, or None for an ordinary (municipal) name.

    A German "district" is a Landkreis, which we keep as a county, as the English Wikipedia
    calls Landkreise "districts" and Wikidata's German labels call them "Landkreis".
    """
    name = " ".join(name.split())
    core, qualifier = split_qualifier(name)
    if qualifier and qualifier.casefold() in _QUALIFIER_KINDS:
        kind = _QUALIFIER_KINDS[qualifier.casefold()]
        return _admin(kind, core, country, None, name, english=True)
    for prefix, kind, implied in _PREFIXES:
        if name.casefold().startswith(prefix.casefold()) and len(name) > len(prefix) + 1:
            return _admin(kind, name[len(prefix) :].strip(), country, implied, name)
    for suffix, kind in _SUFFIXES:
        if name.casefold().endswith(suffix.casefold()) and len(name) > len(suffix) + 1:
            return _admin(kind, name[: -len(suffix)].strip(), country, None, name, english=True)
    return None


def _admin(
    kind: str, core: str, country: str | None, implied: str | None, original: str, *, english: bool = False
) -> AdminName:
    country = country or implied
    if english and kind == DISTRICT and country == "DE":
        kind = COUNTY  # a German (Land)kreis
    display = f"Landkreis {core}" if kind == COUNTY and country == "DE" else original
    return AdminName(kind=kind, core=core, country=country, display=display)
