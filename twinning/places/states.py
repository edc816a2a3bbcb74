"""The German states (Länder): their ISO 3166-2 codes (without "DE-"), GeoNames admin1 codes and names."""

from __future__ import annotations

from typing import NamedTuple


class State(NamedTuple):
    code: str  # ISO 3166-2 subdivision code without the country: "NW" for DE-NW
    admin1: str  # GeoNames admin1 code of Germany
    name: str


GERMAN_STATES: tuple[State, ...] = (
    State("BW", "01", "Baden-Württemberg"),
    State("BY", "02", "Bayern"),
    State("HB", "03", "Bremen"),
    State("HH", "04", "Hamburg"),
    State("HE", "05", "Hessen"),
    State("NI", "06", "Niedersachsen"),
    State("NW", "07", "Nordrhein-Westfalen"),
    State("RP", "08", "Rheinland-Pfalz"),
    State("SL", "09", "Saarland"),
    State("SH", "10", "Schleswig-Holstein"),
    State("BB", "11", "Brandenburg"),
    State("MV", "12", "Mecklenburg-Vorpommern"),
    State("SN", "13", "Sachsen"),
    State("ST", "14", "Sachsen-Anhalt"),
    State("TH", "15", "Thüringen"),
    State("BE", "16", "Berlin"),
)
BY_CODE = {s.code: s for s in GERMAN_STATES}
BY_ADMIN1 = {s.admin1: s for s in GERMAN_STATES}
