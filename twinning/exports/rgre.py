"""The RGRE's four kinds of municipal partnership (Rat der Gemeinden und Regionen Europas, Deutsche
Sektion: Partnerschaft, Freundschaft, Kontakt, Projektpartnerschaft) and ours.

Ours has six kinds: a climate partnership is a project partnership in the RGRE's terms (a
partnership for a defined programme of work), a solidarity partnership a friendship (a declared
bond without a twinning charter)."""

from __future__ import annotations

from twinning.partnerships.models import Partnership

KIND_TO_RGRE = {
    Partnership.Kind.TWINNING: "Partnerschaft",
    Partnership.Kind.FRIENDSHIP: "Freundschaft",
    Partnership.Kind.CONTACT: "Kontakt",
    Partnership.Kind.PROJECT: "Projektpartnerschaft",
    Partnership.Kind.CLIMATE: "Projektpartnerschaft",
    Partnership.Kind.SOLIDARITY: "Freundschaft",
}

RGRE_TO_KIND = {
    "partnerschaft": Partnership.Kind.TWINNING,
    "städtepartnerschaft": Partnership.Kind.TWINNING,
    "freundschaft": Partnership.Kind.FRIENDSHIP,
    "kontakt": Partnership.Kind.CONTACT,
    "projektpartnerschaft": Partnership.Kind.PROJECT,
}
