"""The topic taxonomy and the 17 Sustainable Development Goals it maps to.

Plain data, no database: the `topics` app loads it into tables (so editors can extend it), and
extraction, matching and the demo world refer to topics by these slugs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SDG:
    number: int
    name_de: str
    name_en: str


# Official short names (UN / Bundesregierung).
SDGS: tuple[SDG, ...] = (
    SDG(1, "Keine Armut", "No poverty"),
    SDG(2, "Kein Hunger", "Zero hunger"),
    SDG(3, "Gesundheit und Wohlergehen", "Good health and well-being"),
    SDG(4, "Hochwertige Bildung", "Quality education"),
    SDG(5, "Geschlechtergleichheit", "Gender equality"),
    SDG(6, "Sauberes Wasser und Sanitäreinrichtungen", "Clean water and sanitation"),
    SDG(7, "Bezahlbare und saubere Energie", "Affordable and clean energy"),
    SDG(8, "Menschenwürdige Arbeit und Wirtschaftswachstum", "Decent work and economic growth"),
    SDG(9, "Industrie, Innovation und Infrastruktur", "Industry, innovation and infrastructure"),
    SDG(10, "Weniger Ungleichheiten", "Reduced inequalities"),
    SDG(11, "Nachhaltige Städte und Gemeinden", "Sustainable cities and communities"),
    SDG(12, "Nachhaltige/r Konsum und Produktion", "Responsible consumption and production"),
    SDG(13, "Maßnahmen zum Klimaschutz", "Climate action"),
    SDG(14, "Leben unter Wasser", "Life below water"),
    SDG(15, "Leben an Land", "Life on land"),
    SDG(
        16,
        "Frieden, Gerechtigkeit und starke Institutionen",
        "Peace, justice and strong institutions",
    ),
    SDG(17, "Partnerschaften zur Erreichung der Ziele", "Partnerships for the goals"),
)


@dataclass(frozen=True)
class TopicDef:
    slug: str
    name_de: str
    name_en: str
    sdgs: tuple[int, ...]
    sector: str  # administration, schools, universities, culture, economy, sport, civil_society
    parent: str | None = None


TOPICS: tuple[TopicDef, ...] = (
    TopicDef("sustainability", "Nachhaltigkeit", "Sustainability", (11, 12, 17), "administration"),
    TopicDef(
        "climate-protection",
        "Klimaschutz",
        "Climate protection",
        (7, 13),
        "administration",
        "sustainability",
    ),
    TopicDef(
        "climate-adaptation",
        "Klimaanpassung",
        "Climate adaptation",
        (11, 13),
        "administration",
        "sustainability",
    ),
    TopicDef("energy", "Energie", "Energy", (7,), "economy", "sustainability"),
    TopicDef(
        "environment",
        "Umweltschutz",
        "Environmental protection",
        (14, 15),
        "administration",
        "sustainability",
    ),
    TopicDef("mobility", "Neue Mobilität", "New mobility", (9, 11), "administration"),
    TopicDef(
        "smart-city",
        "Smart City und Digitalisierung",
        "Smart city and digitalization",
        (9, 11),
        "administration",
    ),
    TopicDef("water", "Wasserwirtschaft", "Water management", (6,), "administration"),
    TopicDef("urban-development", "Stadtentwicklung", "Urban development", (11,), "administration"),
    TopicDef("schools", "Schulen und Schüleraustausch", "Schools and school exchange", (4,), "schools"),
    TopicDef(
        "universities-research",
        "Hochschulen und Forschung",
        "Universities and research",
        (4, 9),
        "universities",
    ),
    TopicDef("culture", "Kultur und Museen", "Culture and museums", (11,), "culture"),
    TopicDef("economy", "Wirtschaft", "Economy", (8, 9), "economy"),
    TopicDef("tourism", "Tourismus", "Tourism", (8,), "economy", "economy"),
    TopicDef("sport", "Sport", "Sport", (3,), "sport"),
    TopicDef("youth", "Jugend", "Youth", (4, 10), "civil_society"),
    TopicDef(
        "integration-migration",
        "Integration und Migration",
        "Integration and migration",
        (10, 16),
        "civil_society",
    ),
    TopicDef(
        "administration-politics",
        "Verwaltung und Politik",
        "Administration and politics",
        (16, 17),
        "administration",
    ),
    TopicDef(
        "peace-reconciliation",
        "Frieden und Versöhnung",
        "Peace and reconciliation",
        (16,),
        "civil_society",
    ),
    TopicDef("health", "Gesundheit", "Health", (3,), "administration"),
    TopicDef("social", "Soziales", "Social affairs", (1, 10), "administration"),
    TopicDef(
        "development-cooperation",
        "Kommunale Entwicklungspolitik",
        "Municipal development cooperation",
        (1, 17),
        "administration",
    ),
    TopicDef(
        "civil-society",
        "Bürgerschaftliches Engagement",
        "Civic engagement",
        (16, 17),
        "civil_society",
    ),
)

TOPIC_SLUGS: frozenset[str] = frozenset(topic.slug for topic in TOPICS)
SECTORS: tuple[str, ...] = (
    "administration",
    "schools",
    "universities",
    "culture",
    "economy",
    "sport",
    "civil_society",
)
