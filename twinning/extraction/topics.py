"""Topics: a keyword lexicon (German and English word stems) mapped to the slugs of the taxonomy."""

import re

from twinning.topics.taxonomy import TOPIC_SLUGS

# slug → word stems; a stem matches at the start of a word or inside a German compound.
LEXICON: dict[str, tuple[str, ...]] = {
    "sustainability": ("nachhaltig", "sustainab", "agenda 2030", "sdg"),
    "climate-protection": ("klimaschutz", "klimapartnerschaft", "klimaneutral", "climate protection",
                           "climate action", "co2", "klimakrise"),
    "climate-adaptation": ("klimaanpassung", "anpassungsmaßnahmen", "climate adaptation", "hitzeschutz"),
    "energy": ("energie", "energy", "solar", "windkraft"),
    "environment": ("umweltschutz", "umwelt", "environment", "naturschutz", "biodiversität"),
    "mobility": ("mobilität", "mobility", "verkehr", "fahrrad", "radverkehr", "transport"),
    "smart-city": ("smart city", "digitalisierung", "digitalstadt", "digital", "smart-city"),
    "water": ("wasserwirtschaft", "wassermanagement", "wasserbewirtschaftung", "hydrologie",
              "trinkwasser", "water management", "abwasser"),
    "urban-development": ("stadtentwicklung", "stadtplanung", "urban development", "städtebau"),
    "schools": ("schüler", "schule", "lehrkräfte", "lehrer", "schüleraustausch", "school", "pupils"),
    "universities-research": ("hochschule", "universität", "forschung", "university", "research",
                              "wissenschaft", "studierende"),
    "culture": ("kultur", "museum", "museen", "konzert", "theater", "kunst", "culture", "ausstellung"),
    "economy": ("wirtschaft", "unternehmen", "economy", "business", "handel"),
    "tourism": ("tourismus", "tourism", "touristen"),
    "sport": ("sport", "fußball", "fanclub", "stadion", "football", "soccer"),
    "youth": ("jugend", "youth", "jugendliche"),
    "integration-migration": ("integration", "flüchtling", "geflüchtete", "migration",
                              "willkommenskultur", "refugee"),
    "administration-politics": ("verwaltung", "politik", "administration", "städtediplomatie",
                                "city diplomacy", "urban diplomacy"),
    "peace-reconciliation": ("frieden", "versöhnung", "nachkriegszeit", "peace", "reconciliation"),
    "health": ("gesundheit", "health", "krankenhaus", "pflege"),
    "social": ("soziales", "sozial", "armut", "social"),
    "development-cooperation": ("entwicklungspolitik", "entwicklungspolitisch", "eine welt", "einen welt",
                                "entwicklungszusammenarbeit", "development cooperation"),
    "civil-society": ("ehrenamt", "ehrenamtlich", "zivilgesellschaft", "bürgerschaftlich",
                      "civil society", "volunteer"),
}  # fmt: skip
assert set(LEXICON) <= TOPIC_SLUGS, set(LEXICON) - TOPIC_SLUGS

# Short stems must start a word ("sport", not "Transport"); longer ones may sit inside a compound.
_STEM_PATTERNS: dict[str, re.Pattern[str]] = {
    stem: re.compile(("" if len(stem) >= 7 else r"(?<![a-zäöüß])") + re.escape(stem))
    for stems in LEXICON.values()
    for stem in stems
}


def find_topics(text: str, *, minimum: int = 1) -> list[str]:
    """Topic slugs the text is about, most mentioned first."""
    lowered = text.lower()
    counts: dict[str, int] = {}
    for slug, stems in LEXICON.items():
        for stem in stems:
            if stem in lowered:
                found = len(_STEM_PATTERNS[stem].findall(lowered))
                if found:
                    counts[slug] = counts.get(slug, 0) + found
    return [slug for slug, count in sorted(counts.items(), key=lambda kv: -kv[1]) if count >= minimum]
