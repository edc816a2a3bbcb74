"""Partnerships: pairs of places the text states or clearly implies are partners.

* "Partnerstadt Charlotte", "Krefelds/Krefelder Partnerstadt Charlotte", "twin town", "sister city"
  → the place named before the trigger (a genitive or adjective form), else the home city;
* "Städtepartnerschaft mit San Antonio", "Partnerschaft zu Dünkirchen", "Klimapartnerschaft mit …";
* "Städtepartnerschaft Krefeld-Leicester", "Partnerschaft zwischen A und B";
* "A und B … ihrer Städtepartnerschaft" (two places, one possessive partnership word);
* "Partnerland/Partnerregion von NRW" → the other region or place of the sentence.

The home city is the publisher (`--publisher`) or, failing that, the municipality the text
speaks for ("Stadt Krefeld", "Krefelds Partnerstädte", the most mentioned place).
"""

import re
from dataclasses import dataclass, field
from itertools import pairwise

_KINDS = (
    (re.compile(r"klima|climate", re.I), "climate"),
    (re.compile(r"freundschaft|friendship", re.I), "friendship"),
    (re.compile(r"projekt|project", re.I), "project"),
    (re.compile(r"solidarit", re.I), "solidarity"),
    (re.compile(r"partnerland|partnerregion|partnerstaat|partnerbundesland", re.I), "other"),
)
_PARTNER_NOUN = (
    r"(?:Partnerst(?:a|ä)dt\w*|Partnergemeinde\w*|Partnerkommune\w*|Partnerregion\w*|Partnerkreis\w*|"
    r"Partnerlandkreis\w*|Schwesterst(?:a|ä)dt\w*|Freundschaftsst(?:a|ä)dt\w*|Klimapartnerst(?:a|ä)dt\w*|"
    r"[Tt]win [Tt]owns?|[Tt]win [Cc]ity|[Tt]win [Cc]ities|[Ss]ister [Cc]it(?:y|ies)|partner cit(?:y|ies)|"
    r"partner towns?)"
)
# Trigger directly before the partner: "(Krefelder) (amerikanische) Partnerstadt Charlotte",
# "seinen drei Partnerregionen: der Mayenne".
_BEFORE_PARTNER = re.compile(
    rf"(?:(?:gemeinsame[nrs]?|common|shared)\s+(?:[a-zäöü]\w*\s+){{0,2}})?{_PARTNER_NOUN}\s*:?\s+(?:von\s+|of\s+)?"
    rf"(?:[a-zäöü]\w*\s+){{0,2}}$"
)
# A partner that is a county or region: its owner is one too ("Partnerlandkreis", "Partnerregion").
_UNIT_PARTNER = re.compile(r"(?:kreis|region|county|district|bezirk)", re.IGNORECASE)
# A possessive before the trigger: the owner is the subject named earlier in the sentence.
_POSSESSIVE_OWNER = re.compile(r"\b(?:seine[nmrs]?|ihre[nmrs]?|unsere[nmrs]?|its|their|our)\s+(?:\w+\s+){0,2}$")
# "Harpenden's twin towns", "one of Eppstein's other twin towns", "Sierra Vista's sister cities".
_GENITIVE_TRIGGER = re.compile(rf"^['’]s\s+(?:other\s+|two\s+|three\s+|four\s+|new\s+)?{_PARTNER_NOUN}")
_OWNER_ADJ = re.compile(rf"(?:[a-zäöü]\w*\s+){{0,2}}{_PARTNER_NOUN}\s+(?:[a-zäöü]\w*\s+){{0,2}}$")
# "Städtepartnerschaft mit der niederländischen Gemeinde Landgraaf", "twinned with", "twinning visit to".
_WITH = re.compile(
    r"(?:\w*[Pp]artnerschaft\w*|\w*[Ff]reundschaft|partnership|twinning(?:\s+(?:visit|trip|exchange|links?))?|"
    r"twinned|verschwistert|partnered|(?:celebrated|strengthened|its|their|our|the|\w+['’]s)\s+(?:twinning\s+)?(?:links|ties)|"
    r"(?:twinning|sister[- ]city)\s+relationship)\s+(?:mit|zu|with|to)\s+(?:der\s+|dem\s+|den\s+|the\s+)?"
    r"(?:[a-zäöü][\w-]*\s+){0,2}(?:(?:Stadt|Gemeinde|Kommune|Partnerstadt|Partnergemeinde|city of|town of|"
    r"(?:our\s+)?twin town(?:\s+of)?)\s+)?$"
)
# "zwischen Wertheim und Salon", "between Aachen and Halifax" in a sentence about the relation.
_BETWEEN_ANY = re.compile(
    r"\b(?:zwischen|between)\s+(?:den\s+(?:Städten|Gemeinden|Kommunen)\s+|dem\s+|der\s+|the\s+)?$"
)
# Any word for the relation itself: Städtepartnerschaft, Partnerschaftsvertrag, Städtefreundschaft,
# Jumelage, twinning, friendship, sister-city link.
_RELATION = r"(?:\w*[Pp]artnerschaft\w*|\w*[Ff]reundschaft\w*|[Jj]umelage|partnership|twinning|friendship|link)"
_BETWEEN = re.compile(
    rf"(?:{_RELATION}|\b\d+\s+(?:years|Jahre[n]?))\s+(?:zwischen|between|von|of)\s+(?:den\s+(?:Städten|Gemeinden|Kommunen)\s+|dem\s+|der\s+|the\s+)?$"
)
_HYPHEN_PAIR = re.compile(rf"{_RELATION}\s+$")
_POSSESSIVE = re.compile(
    r"\b(?:ihre[rnms]?|their|beide[rn]?)\s+(?:\w+\s+)?(?:\w*[Pp]artnerschaft\w*|partnership|twinning)|"
    r"(?:Partnerst(?:ä|a)dte|sister cities|twin towns)\b"
)
# A partnership itself (not "Partnerschaftskonferenz"): "eine Klimapartnerschaft", "Städtepartnerschaft".
_PARTNERSHIP_NOUN = re.compile(
    r"\b(?:Städte|Klima|Projekt|Solidaritäts|Freundschafts|Kreis|Gemeinde|Regional)?[Pp]artnerschaft(?:en|s(?:vertrag|"
    r"urkunde|vereinbarung|abkommen|jubiläum|feier)\w*)?\b(?!-)|\btwinning (?:charter|agreement)\b|"
    r"\bpartnerschaftliche[nr]?\s+(?:Verbindung|Beziehung)\w*|\w*[Ss]tädtefreundschaft\b|"
    r"\b[Jj]umelage\b|\btwinn(?:ing|ed)\b|\bsister cit(?:y|ies)\b|\btwin towns?\b"
)
_OF_REGION = re.compile(
    r"(?:Partnerland|Partnerregion|Partnerstaat|Partnerbundesland|partner state|partner region)"
    r"\s+(?:von|des|der|of)\s+$"
)


# Between two partners of a list: "der Mayenne (Frankreich), dem Kreis Suceava (Rumänien) und der Region …".
_LIST_GAP = re.compile(
    r"\s*(?:\([^()]{0,40}\)|\s(?:in|im|in der)\s+[A-ZÄÖÜ]\w+)?\s*(?:,|und|and|sowie|&|;)\s*"
    r"(?:(?:der|dem|den|die|das|the)\s+)?"
    r"(?:(?:Stadt|Gemeinde|town of|city of)\s+)?"
)


# "mit den Vertretern der beiden französischen Gemeinden A und B", "with the towns of A and B": a group
# of partners of the one named before, not a pair of its own.
_GROUP_WITH = re.compile(
    r"\b(?:mit|with)\s+(?:[\w-]+\s+){0,6}(?:Gemeinden|Städte[n]?|Kommunen|Orte[n]?|Partnerstädte[n]?|"
    r"Partnergemeinden|towns|cities|communes)(?:\s+of)?\s+$"
)


_COMMON = re.compile(r"gemeinsame[nrs]?\s|common\s|shared\s")
# "Bingen maintains active partnerships with six towns:" followed by one line per partner.
_LIST_INTRO = re.compile(r"(?:mit|with)\b[^:]{0,60}:$")
_BULLET = re.compile(r"^\s*(?:[•▪◦·*–-]|\d+[.)])\s*")


@dataclass(slots=True)
class Partnership:
    a: dict
    b: dict
    kind: str
    spans: list[tuple[int, int]] = field(default_factory=list)


def _kind(trigger: str) -> str:
    for pattern, kind in _KINDS:
        if pattern.search(trigger):
            return kind
    return "twinning"


def find_partnerships(
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[tuple[tuple[int, int], dict]],
    home: dict | None,
) -> list[Partnership]:
    """`mentions`: (span, place) of each place mention in text order; `home` the home place."""
    found: dict[frozenset, Partnership] = {}

    partnered: set[tuple] = set()  # places already given a partner by a trigger in this sentence
    unit_mentions: dict[tuple, list] = {}
    for _span, unit_place in mentions:
        if unit_place.get("kind") in ("district", "county", "region"):
            unit_mentions.setdefault(_ident(unit_place), []).append(unit_place)

    def unit_home(partner: dict) -> dict | None:
        """The county or region the text speaks for: its most mentioned one other than the partner."""
        if home is not None and home.get("kind") in ("district", "county", "region"):
            return home
        others = [found for key, found in unit_mentions.items() if key != _ident(partner)]
        return max(others, key=len)[0] if others else None

    def add(a: dict | None, b: dict | None, kind: str, span: tuple[int, int]) -> None:
        if a is None or b is None or _ident(a) == _ident(b):
            return
        partnered.add(_ident(b))
        key = frozenset((_ident(a), _ident(b)))
        partnership = found.get(key)
        if partnership is None:
            partnership = found[key] = Partnership(_ref(a), _ref(b), kind, [])
        if span not in partnership.spans:
            partnership.spans.append(span)

    list_owner: dict | None = None  # the owner of a bulleted list of partners after "… partnerships with six towns:"
    for s_start, s_end in sentences:
        partnered.clear()
        sentence_text = text[s_start:s_end]
        if list_owner is not None and _BULLET.match(sentence_text):
            item = [(span, place) for span, place in mentions if s_start <= span[0] and span[1] <= s_end]
            if item:
                add(list_owner, item[0][1], "twinning", (item[0][0][0], item[0][0][1]))
            continue
        if list_owner is not None and "\n\n" not in text[max(0, s_start - 3) : s_start]:
            continue  # "Hitchin has a population of …": a line of the item, the list goes on
        list_owner = None
        if _LIST_INTRO.search(sentence_text.rstrip()) and re.search(_RELATION, sentence_text):
            in_intro = [place for span, place in mentions if s_start <= span[0] and span[1] <= s_end]
            list_owner = in_intro[0] if in_intro else home
        in_sentence = [(span, place) for span, place in mentions if s_start <= span[0] and span[1] <= s_end]
        if not in_sentence:
            continue
        sentence = text[s_start:s_end]
        listing: tuple[dict | None, int, str] | None = None  # owner, end of last partner, kind
        for i, (span, place) in enumerate(in_sentence):
            before = text[max(s_start, span[0] - 80) : span[0]]
            if listing is not None and _LIST_GAP.fullmatch(text[listing[1] : span[0]]):
                add(listing[0] or home, place, listing[2], span)
                listing = (listing[0], span[1], listing[2])
                continue
            listing = None
            earlier = [m for m in in_sentence[:i] if m[0][1] <= span[0]]
            trigger = _BEFORE_PARTNER.search(before)
            if trigger:
                owner = None
                owner_zone = span[0] - len(before) + trigger.start()
                near = [m for m in earlier if owner_zone - 40 <= m[0][1] <= owner_zone + 1]
                if near:
                    owner = near[-1][1]
                elif earlier and _POSSESSIVE_OWNER.search(text[max(s_start, owner_zone - 40) : owner_zone]):
                    owner = earlier[-1][1]  # "der Bezirk Schwaben … mit seinen Partnerregionen: …"
                elif earlier and _adjective(text, *earlier[0]) and earlier[0][0][0] - s_start < 30:
                    owner = earlier[0][1]  # "Der Unterallgäuer Landrat … hatte die Partnerlandkreise … eingeladen"
                start = near[-1][0][0] if near else span[0] - len(before) + trigger.start()
                if _COMMON.search(trigger.group(0)) and len(earlier) >= 2:
                    # "Verbunden sind Ingelheim und Kolomyia über die gemeinsame Partnerstadt Nysa"
                    (a_span, a), (b_span, b) = earlier[-2], earlier[-1]
                    if re.fullmatch(r"\s*(?:und|and|&)\s*", text[a_span[1] : b_span[0]]):
                        add(a, place, _kind(trigger.group(0)), (a_span[0], span[1]))
                        add(b, place, _kind(trigger.group(0)), (b_span[0], span[1]))
                        add(a, b, "twinning", (a_span[0], b_span[1]))
                        continue
                if owner is None and _UNIT_PARTNER.search(trigger.group(0)):
                    owner = unit_home(place)  # "Partnerlandkreis Newala": the partner of the home county
                add(owner or home, place, _kind(trigger.group(0)), (start, span[1]))
                listing = (owner, span[1], _kind(trigger.group(0)))
                continue
            trigger = _WITH.search(before)
            if trigger:
                add(home, place, _kind(trigger.group(0)), (span[0] - len(before) + trigger.start(), span[1]))
                listing = (None, span[1], _kind(trigger.group(0)))  # "… mit Hainburg an der Donau und Puiseaux"
                continue
            trigger = _OF_REGION.search(before)
            if trigger:
                others = [m for m in in_sentence if m[1] is not place and _ident(m[1]) != _ident(place)]
                if others:
                    add(others[0][1], place, "other", (min(others[0][0][0], span[0]), span[1]))
                continue
            pair = _BETWEEN.search(before) or _HYPHEN_PAIR.search(before)
            if pair is None and _PARTNERSHIP_NOUN.search(sentence):
                pair = _BETWEEN_ANY.search(before)
            if pair and i + 1 < len(in_sentence):
                nxt_span, nxt = in_sentence[i + 1]
                gap = text[span[1] : nxt_span[0]]
                if re.fullmatch(r"\s*(?:und|and|-|–|—|/|&)\s*", gap):
                    add(place, nxt, _kind(pair.group(0)), (span[0] - len(before) + pair.start(), nxt_span[1]))
        # "Cananea and Radebeul are Sierra Vista's sister cities", "Langeais …, one of Eppstein's other twin towns"
        genitive = False
        for span, place in in_sentence:
            tail = text[span[1] : span[1] + 40]
            if text[span[0] : span[1]].endswith(("'s", "’s")):
                tail = "'s" + tail
            if _GENITIVE_TRIGGER.match(tail):
                genitive = True
                for other_span, other in in_sentence:
                    if other.get("kind") == "municipality" and _ident(other) != _ident(place):
                        add(place, other, "twinning", (min(span[0], other_span[0]), max(span[1], other_span[1])))
        # "verbindet Mannheim und El Viejo … eine Städtefreundschaft": two coordinated places and the relation
        if not genitive and _PARTNERSHIP_NOUN.search(sentence):
            for index, ((span, place), (nxt_span, nxt)) in enumerate(pairwise(in_sentence)):
                gap = text[span[1] : nxt_span[0]]
                lead = text[in_sentence[index - 1][0][1] if index else s_start : span[0]]
                if re.fullmatch(r"\s*(?:und|and)\s*", gap) and _GROUP_WITH.search(lead):
                    # "unterzeichnete für Gundelfingen den Vertrag mit den Vertretern der beiden Gemeinden A und B"
                    owner = in_sentence[index - 1][1] if index else home
                    for partner_span, partner in ((span, place), (nxt_span, nxt)):
                        add(owner, partner, _kind(sentence), (partner_span[0], partner_span[1]))
                    continue
                if (
                    re.fullmatch(r"\s*(?:und|and|–|—|/)\s*", gap)
                    and not _in_longer_list(text, in_sentence, span)
                    and not {_ident(place), _ident(nxt)} & partnered  # "mit A und B": both partners of the home
                ):
                    add(place, nxt, _kind(sentence), (span[0], nxt_span[1]))
        # "Krefeld und Charlotte … ihrer Städtepartnerschaft"
        distinct = {_ident(p): p for _, p in in_sentence if p.get("kind") != "region"}
        if len(distinct) == 2 and (_POSSESSIVE.search(sentence) or _PARTNERSHIP_NOUN.search(sentence)):
            first, second = list(distinct.values())
            add(first, second, _kind(sentence), (s_start, s_end))
    if not found and _PARTNERSHIP_NOUN.search(text):
        # A story about one partnership that never names the pair in one sentence with the word:
        # "… den Austausch in eine offizielle Partnerschaft zu gießen. … Ludwigshafen und Swjahel stehen
        # gemeinsam für …": two towns of different countries coordinated are the pair.
        for (span, place), (nxt_span, nxt) in pairwise(mentions):
            if (
                place.get("kind") == nxt.get("kind") == "municipality"
                and place.get("country") != nxt.get("country")
                and re.fullmatch(r"\s*(?:und|and)\s*", text[span[1] : nxt_span[0]])
            ):
                add(place, nxt, "twinning", (span[0], nxt_span[1]))
                break
    return list(found.values())


def _in_longer_list(text: str, in_sentence: list, span: tuple[int, int]) -> bool:
    """Whether the place at `span` is the second-to-last of a list "A, B und C" (not a pair)."""
    before = [s for s, _ in in_sentence if s[1] <= span[0]]
    return bool(before) and re.fullmatch(r"\s*,\s*", text[before[-1][1] : span[0]]) is not None


def _adjective(text: str, span: tuple[int, int], place: dict) -> bool:
    """Whether the place is named by its adjective ("Unterallgäuer", "Krefelder"), as the owner is."""
    surface = text[span[0] : span[1]]
    return surface.endswith("er") and not place["name"].endswith("er")


def _ident(place: dict) -> tuple:
    return ("g", place["geonameid"]) if place.get("geonameid") else ("n", place["name"])


def _ref(place: dict) -> dict:
    return {"name": place["name"], "geonameid": place.get("geonameid")}
