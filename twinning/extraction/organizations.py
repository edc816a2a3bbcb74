"""Named organisations: associations, agencies, ministries, municipal offices, schools, embassies...

Recognised by their head noun, as a German or English reader would:

* adjective + head: "Deutscher Städtetag", "Auswärtiges Amt", "Technische Universität Darmstadt";
* head + complement: "Amt für Vielfalt und Internationale Beziehungen", "Staatskanzlei des Landes
  NRW", "Ministerium für Bundes- und Europaangelegenheiten sowie Internationales";
* head + proper name: "Universität Hamburg", "Abteilung Rat und Ehrenamt";
* legal forms: "Auslandsgesellschaft Deutschland e. V.", "… GmbH", "… Inc.";
* English: "Charlotte Sister Cities Association", "University of Texas at San Antonio";
* a quoted name after a club-like head: "des Vereins „Charlotte Sister Cities“";
* a short list of bodies of municipal international work known by name ("Engagement Global").

Inflected forms are normalised to the nominative ("vom Deutschen Städtetag" → "Deutscher
Städtetag"). Municipalities ("Stadt Krefeld") and venues ("…-Stadion") are not organisations.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from twinning.core.text import fold
from twinning.extraction.lexicon import nationality_adjectives

# Head nouns with their grammatical gender (m, f, n; p for plural), matched as whole words or
# as the last part of a compound ("Auslandsgesellschaft", "Partnerschaftsverein").
_HEADS_DE: dict[str, str] = {
    "amt": "n", "ministerium": "n", "staatskanzlei": "f", "senatskanzlei": "f", "botschaft": "f",
    "generalkonsulat": "n", "konsulat": "n", "universität": "f", "hochschule": "f",
    "fachhochschule": "f", "schule": "f", "gymnasium": "n", "gesamtschule": "f",
    "berufskolleg": "n", "akademie": "f", "institut": "n", "stiftung": "f", "verein": "m",
    "verband": "m", "gesellschaft": "f", "kammer": "f", "agentur": "f", "behörde": "f",
    "servicestelle": "f", "zentrum": "n", "museum": "n", "theater": "n", "orchester": "n",
    "bibliothek": "f", "archiv": "n", "partei": "f", "fraktion": "f", "städtetag": "m",
    "landkreistag": "m", "gemeindebund": "m", "bundestag": "m", "landtag": "m", "kommission": "f",
    "parlament": "n", "regierung": "f", "club": "m", "klub": "m", "chor": "m", "sparkasse": "f",
    "stadtwerke": "p", "jugendwerk": "n", "komitee": "n", "freundeskreis": "m", "ausschuss": "m",
    "freundschaftskreis": "m", "partnerschaftskomitee": "n",
    "fanclub": "m", "abteilung": "f", "fachbereich": "m", "referat": "n", "büro": "n",
    "dezernat": "n", "bank": "f", "nationen": "p", "union": "f", "rat": "m", "netzwerk": "n",
    "kirchengemeinde": "f", "landschaftsverband": "m", "bezirksregierung": "f", "zentrale": "f",
}  # fmt: skip
# Heads that take a proper name right after them ("Universität Hamburg", "Abteilung Rat und …").
_NAME_AFTER = frozenset(
    [
        "universität",
        "hochschule",
        "fachhochschule",
        "schule",
        "gymnasium",
        "gesamtschule",
        "berufskolleg",
        "akademie",
        "institut",
        "stiftung",
        "museum",
        "abteilung",
        "fachbereich",
        "referat",
        "servicestelle",
        "büro",
        "dezernat",
        "verein",
        "chor",
        "club",
        "zentrale",
        "freundeskreis",
        "freundschaftskreis",
    ]
)
# Heads too generic to stand with a complement alone ("Rat der Stadt", "Bank der …").
_NEEDS_ADJECTIVE = frozenset({"rat", "bank", "union", "nationen", "regierung", "kommission"})
_HEADS_EN = (
    "Association", "Agency", "University", "College", "School", "Institute", "Foundation",
    "Society", "Council", "Committee", "Authority", "Department", "Ministry", "Embassy",
    "Consulate", "Chamber", "Company", "Corporation", "Trust", "Network", "Club", "Federation",
    "Commission", "Office", "Museum", "Orchestra", "Alliance", "Partnership", "Coalition", "Board",
    "Choir", "Band", "Church", "Circle",
)  # fmt: skip
_LEGAL = r"(?:e\.\s?V\.|gGmbH|GmbH(?:\s&\sCo\.\sKG)?|mbH|AG|KG|eG|Inc\.?|Ltd\.?|LLC|plc|S\.A\.|B\.V\.)"
KNOWN_ORGANIZATIONS = (
    "Engagement Global", "Servicestelle Kommunen in der Einen Welt", "Deutscher Städtetag",
    "Deutscher Städte- und Gemeindebund", "Deutscher Landkreistag", "Auswärtiges Amt",
    "Rat der Gemeinden und Regionen Europas", "Council of European Municipalities and Regions",
    "Sister Cities International", "Eurocities", "ICLEI", "Klima-Bündnis", "Mayors for Peace",
    "Deutsch-Französisches Jugendwerk", "Deutsch-Polnisches Jugendwerk", "Goethe-Institut",
    "Deutscher Akademischer Austauschdienst", "DAAD", "GIZ", "UNESCO", "UNICEF",
    "Europäische Union", "Europäische Kommission", "Europäisches Parlament", "Vereinte Nationen",
    "United Nations", "European Union", "European Commission", "Bertelsmann Stiftung",
    "Robert Bosch Stiftung", "Körber-Stiftung", "Städtetag NRW",
)  # fmt: skip
_KNOWN = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(n) for n in sorted(KNOWN_ORGANIZATIONS, key=len, reverse=True))
    + r")(?![\w-])"
)

_CAPWORD = r"[A-ZÄÖÜ][\w'’]*(?:-[\w'’]+)*"
# Capitalised adjectives: derived ones by their suffix, and a few plain ones that open names.
_INFLECTED_ADJ = (
    r"(?:[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*(?:isch|lich|ig|al|iv|är|ell|eint|ant|ent)"
    r"|Deutsch|Frei|Neu|Alt|Groß|Vereinigt|Evangelisch|Katholisch)(?:e|er|es|en|em)"
)
# A town's adjective does not inflect: "Leopoldshöher Ortsverein", "Landsberger Wirthausmusikanten".
_PLACE_ADJ = (
    r"(?!(?:Der|Aber|Oder|Über|Unter|Hinter|Wieder|Weiter|Später|Jeder|Dieser|Jener|Mehrer)\s)[A-ZÄÖÜ][a-zäöüß]{3,}er"
)
_ADJ = rf"(?:{_INFLECTED_ADJ}|{_PLACE_ADJ})"
# A coordinator never joins a new noun phrase with its own article ("… sowie der Universität").
_COORDINATOR = r"(?:und|sowie|&|and)\s+(?!(?:der|die|das|dem|den|des|the|ein|eine|einer|einem|einen)\s)"
_CONNECT = rf"(?:{_COORDINATOR}|(?:für|der|des|in der|im|am|an der|of|the|for|at|de|du|la|le)\s+)"
_COMPLEMENT = rf"(?:(?:{_CAPWORD}-?|[A-ZÄÖÜ]{{2,}})(?:\s+(?:{_CONNECT})*(?:{_CAPWORD}-?|[A-ZÄÖÜ]{{2,}}))*)"
# Cheap tests that spare the costlier patterns most texts do not need.
_HAS_LEGAL = re.compile(rf"(?<![\w]){_LEGAL}(?![\w])")
_HAS_EN_HEAD = re.compile(rf"\b(?:{'|'.join(_HEADS_EN)})\b")
_HAS_EMBASSY = re.compile(r"Botschaft|[Kk]onsulat")
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w-]*(?<!-)")
_HEAD_WORD = re.compile(
    r"(?<![\w-])(?=[A-ZÄÖÜ])[\w-]*?(?:"
    + "|".join(sorted(_HEADS_DE, key=len, reverse=True))
    + r")(?:s|es|en|n|e)?(?![\w-])",
    re.IGNORECASE,
)
_ADJ_HEAD = re.compile(rf"(?P<adj>(?:{_ADJ}\s+)+)(?P<head>{_CAPWORD})")
# "Amt für Wirtschaft, Kultur, Presse- und Öffentlichkeitsarbeit": an enumeration ended by "und".
_HEAD_COMPLEMENT = re.compile(
    rf"\s+(?:(?P<list>für\s+{_CAPWORD}(?:,\s+{_CAPWORD}-?)+(?:\s+(?:und|sowie)\s+{_CAPWORD}))(?![\w-])"
    rf"|(?P<prep>für|der|des|von der|vom)\s+(?P<comp>{_COMPLEMENT}))"
)
_NAME_CONNECT = rf"(?:{_COORDINATOR}|(?:of|for|at|in der|de|du|la|le)\s+)"
_NAME_COMPLEMENT = rf"(?:(?:{_CAPWORD}-?|[A-ZÄÖÜ]{{2,}})(?:\s+(?:{_NAME_CONNECT})*(?:{_CAPWORD}-?|[A-ZÄÖÜ]{{2,}}))*)"
_HEAD_NAME = re.compile(rf"\s+(?P<comp>{_NAME_COMPLEMENT})")
_COMPOUND_NAME = re.compile(
    r"(?<![\w-])(?:[A-ZÄÖÜ][\w]*-)+(?:Museum|Schule|Gymnasium|Institut|Stiftung|Universität|"
    r"Hochschule|Akademie|Zentrum|Theater|Bibliothek|Kolleg|Berufskolleg|Realschule|Gesamtschule|"
    r"Grundschule|Verein|Werk|Jugendwerk)(?:s|es)?(?![\w-])"
)
_LEGAL_NAME = re.compile(rf"(?P<name>(?:{_CAPWORD}\s+(?:{_CONNECT})*){{1,5}}){_LEGAL}(?![\w])")
# "Kenilworth Tennis and Croquet Club", "Drumshanbo Town Twinning committee" (a lower-case head after
# a name of two words or more), "Warminster Board of Supervisors".
_EN_HEAD = re.compile(
    rf"(?P<name>(?:{_CAPWORD}\s+(?:(?:and|&)\s+(?!The\s)(?={_CAPWORD}\s))?){{1,5}})"
    rf"(?:(?:{'|'.join(_HEADS_EN)})(?:\s+of\s+{_CAPWORD}(?:\s+{_CAPWORD})?)?"
    rf"|(?<=[a-z] )(?:committee|association|society))"
    rf"(?![\w])"
)
_GENERIC_EN = frozenset({"town", "city", "county", "parish", "borough", "district", "the", "our", "local"})
_EN_OF = re.compile(
    rf"(?:{'|'.join(_HEADS_EN)}|Bank|Friends)\s+of\s+(?:the\s+)?{_CAPWORD}(?:\s+{_CAPWORD})*(?:\s+at\s+{_CAPWORD}(?:\s+{_CAPWORD})*)?"
)
_QUOTED = re.compile(
    r"(?:[Vv]erein|Vereins|[Ff]anclub|Club|Klub|Chor|Verband|Verbands|Firma|Unternehmen|Band|"
    r"Partnerschaftsverein|Freundeskreis|[Aa]ssociation|[Cc]lub)\s+[„\"“‚']\s*(?P<name>[^\"“”„‚'\n]{2,60}?)\s*[“\"”‘']"
)
_NATIONAL_EMBASSY = re.compile(
    r"(?P<adj>[A-Za-zäöüÄÖÜ-]+?)(?:e|en|er|es)\s+(?P<head>Botschaft|Generalkonsulat|Konsulat)\b"
)
_ABBREVIATION = re.compile(r"\s*\((?P<abbr>[A-ZÄÖÜ][A-Za-zÄÖÜ]{1,9})\)")
_MUNICIPALITY = re.compile(
    r"^(?:Stadt|Gemeinde|Landeshauptstadt|Hansestadt|Wissenschaftsstadt|Kreisstadt|Stadtverwaltung|City|Town)\b"
)
_VENUE_AFTER = re.compile(r"^[“\"”]?-?\s?(?:Stadion|Arena|Halle|Stadium|Saal|Platz|Center|Centre)")
_GENDER_ENDING = {"m": "er", "f": "e", "n": "es", "p": "e"}
_STOP_LEAD = frozenset(
    fold(w)
    for w in [
        "Der",
        "Die",
        "Das",
        "Den",
        "Dem",
        "Des",
        "Ein",
        "Eine",
        "Einer",
        "Eines",
        "Im",
        "Am",
        "Vom",
        "Zum",
        "Zur",
        "Beim",
        "Mit",
        "Bei",
        "Auch",
        "The",
        "A",
        "An",
        "Neben",
    ]
)


@dataclass(slots=True)
class Organization:
    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)


@lru_cache(maxsize=65536)
def _head_of(word: str) -> tuple[str, str] | None:
    """(head key, gender) if the word ends in a head noun, allowing genitive/plural endings."""
    lowered = word.lower()
    for ending in ("", "s", "es", "en", "n", "e"):
        stem = lowered[: len(lowered) - len(ending)] if ending else lowered
        if ending and not lowered.endswith(ending):
            continue
        for head, gender in _HEADS_DE.items():
            if stem.endswith(head):
                return head, gender
    return None


def _nominative_head(word: str, head: str) -> str:
    lowered = word.lower()
    if lowered.endswith(head):
        return word
    cut = len(lowered) - lowered.rfind(head) - len(head)
    return word[:-cut] if cut else word


def _nominative_adjectives(adjectives: list[str], gender: str) -> list[str]:
    ending = _GENDER_ENDING[gender]
    result = []
    for adjective in adjectives:
        if not re.fullmatch(_INFLECTED_ADJ, adjective):
            result.append(adjective)  # "Landsberger": a town's adjective, the same in every case
            continue
        stem = re.sub(r"(?:er|es|en|em|e)$", "", adjective)
        result.append(stem + ending)
    return result


def find_organizations(text: str, *, masks: list[tuple[int, int]] | None = None) -> list[Organization]:
    found: list[tuple[str, tuple[int, int]]] = []
    claimed: list[tuple[int, int]] = list(masks or [])

    def taken(span: tuple[int, int]) -> bool:
        return any(a < span[1] and span[0] < b for a, b in claimed)

    def add(name: str, span: tuple[int, int]) -> None:
        name = re.sub(r"\s+", " ", name).strip(" ,-")
        if not name or taken(span) or _MUNICIPALITY.match(name) or _VENUE_AFTER.match(text[span[1] : span[1] + 10]):
            return
        words = name.split()
        if len(words) == 1 and _head_of(name) and len(name) < 25 and not name.isupper():
            return  # a bare head noun ("Verein") names nothing
        found.append((name, span))
        claimed.append(span)

    for match in _KNOWN.finditer(text):
        add(match.group(0), match.span())
    for match in _COMPOUND_NAME.finditer(text) if "-" in text else ():
        # The genitive "des Beethoven-Gymnasiums" names the "Beethoven-Gymnasium".
        found.append((re.sub(r"(?<=[mtkn])e?s$", "", match.group(0)), match.span()))
        claimed.append(match.span())
    for match in _QUOTED.finditer(text):
        add(match.group("name"), match.span("name"))
    for match in _LEGAL_NAME.finditer(text) if _HAS_LEGAL.search(text) else ():
        name = match.group(0)
        words = name.split()
        while words and fold(words[0]) in _STOP_LEAD:
            words.pop(0)
        name = " ".join(words)
        add(name, (match.end() - len(name), match.end()))
    for match in _EN_OF.finditer(text) if " of " in text else ():
        start = match.start()
        before = re.search(rf"(?<![\w-])({_CAPWORD}) $", text[max(0, start - 30) : start])
        if before and fold(before.group(1)) not in _STOP_LEAD and not before.group(1).isupper():
            start -= len(before.group(0))  # "Warminster Board of Supervisors"
        add(text[start : match.end()], (start, match.end()))
    for match in _EN_HEAD.finditer(text) if _HAS_EN_HEAD.search(text) or "ommittee" in text else ():
        words = match.group(0).split()
        while words and (fold(words[0]) in _STOP_LEAD or not words[0][:1].isupper()):
            words.pop(0)
        joined = [i for i, word in enumerate(words) if word in ("and", "&") and words[i - 1] in _HEADS_EN]
        if joined:  # "Calderdale Council and Halifax Aachen Society": two bodies
            words = words[joined[-1] + 1 :]
        capitals = [i for i, word in enumerate(words) if word.isupper() and len(word) > 3]
        if capitals:  # "WITH WARMINSTER USA WARMINSTER Town Council": a headline runs into the name
            words = words[capitals[-1] + 1 :]
        name = " ".join(words)
        if words and words[-1].islower() and len(words) < 3:
            continue  # "the Kenilworth association": a lower-case head only after a longer name
        if len(words) >= 2 and not all(fold(word) in _GENERIC_EN for word in words[:-1]):
            add(name, (match.end() - len(name), match.end()))
    for match in _NATIONAL_EMBASSY.finditer(text) if _HAS_EMBASSY.search(text) else ():
        adjective = fold(match.group("adj") + "e")
        if adjective in nationality_adjectives():
            adj = match.group("adj")
            add(f"{adj[0].upper()}{adj[1:]}e {match.group('head')}", match.span())
    for match in _ADJ_HEAD.finditer(text):
        head_word = match.group("head")
        head = _head_of(head_word)
        if head is None:
            continue
        adjectives = match.group("adj").split()
        while adjectives and fold(adjectives[0]) in _STOP_LEAD:
            adjectives.pop(0)
        if not adjectives:
            continue
        start = match.end() - len(" ".join(adjectives)) - 1 - len(head_word)
        end = match.end()
        name_words = [*_nominative_adjectives(adjectives, head[1]), _nominative_head(head_word, head[0])]
        tail = _HEAD_COMPLEMENT.match(text, end) or (
            _HEAD_NAME.match(text, end) if head[0] in _NAME_AFTER or head[1] == "f" else None
        )
        if tail is not None:
            complement = _trim_complement(tail.group(0))
            if complement and taken((end, end + tail.group(0).find(complement.split()[0]) + len(complement))):
                complement = ""  # "der Bautzener Wohnungsbaugesellschaft Kristen Schönherr": a person follows
            if complement:
                name_words.append(complement)
                end = (
                    end + len(tail.group(0).rstrip()) - (len(tail.group(0).rstrip()) - len(" " + complement))
                    if False
                    else end + tail.group(0).find(complement.split()[0]) + len(complement)
                )
        add(" ".join(name_words), (start, end))
    for match in _CAPITALISED.finditer(text):
        head = _head_of(match.group(0))
        if head is None or head[0] in _NEEDS_ADJECTIVE or taken(match.span()):
            continue
        tail = _HEAD_COMPLEMENT.match(text, match.end())
        if tail is None and head[0] in _NAME_AFTER:
            tail = _HEAD_NAME.match(text, match.end())
        if tail is None:
            continue
        complement = _trim_complement(tail.group(0))
        if not complement:
            continue
        name = f"{_nominative_head(match.group(0), head[0])} {complement}"
        end = match.end() + tail.group(0).find(complement.split()[0]) + len(complement)
        add(name, (match.start(), end))

    organizations: dict[str, Organization] = {}
    for name, span in sorted(found, key=lambda item: item[1]):
        key = fold(name)
        org = organizations.setdefault(key, Organization(name))
        org.spans.append(span)
        abbreviation = _ABBREVIATION.match(text, span[1])
        if abbreviation:
            org.spans.append(abbreviation.span("abbr"))
            for other in re.finditer(rf"(?<![\w-]){re.escape(abbreviation.group('abbr'))}(?![\w-])", text):
                if other.span() not in org.spans:
                    org.spans.append(other.span())
    for org in organizations.values():
        org.spans.sort()
    return list(organizations.values())


_COMPLEMENT_STOP = re.compile(r"\s+(?:und|sowie|and|of|the|for|at|der|des|für|in der|im|am|an der|&|de|du|la|le)$")


def _trim_complement(tail: str) -> str:
    """The complement without a trailing connector or a dangling word."""
    complement = tail.strip()
    previous = None
    while previous != complement:
        previous = complement
        complement = _COMPLEMENT_STOP.sub("", complement)
    return complement
