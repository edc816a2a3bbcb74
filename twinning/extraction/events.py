"""Events: activities reported or announced, found by trigger words and dated by the date grammar.

Each sentence with a trigger word ("Konferenz", "Besuch", "Delegation", "Empfang", "Jubiläum",
"Schüleraustausch", "Unterzeichnung", "Vernetzungstreffen", "visit", "reception"...) yields an
event; a date in the same sentence dates it. With several dates in one sentence, each date goes to
the nearest trigger. The tense of the sentence (announcement or report) helps to find the year of
an unyeared date. Undated mentions of an activity that is also dated elsewhere are merged into it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from twinning.extraction.dates import PUBLISHED_LABEL, parse_dates, resolve

_TRIGGERS: list[tuple[str, str]] = [
    ("school_exchange", r"\w*schüleraustausch\w*|\w*jugendaustausch\w*|schülergruppe\w*|austauschschüler\w*"),
    ("signing", r"unterzeichn\w*|unterschrieben|unterschreiben|partnerschaftsvertrag\w*|"
                r"partnerschaftsurkunde\w*|absichtserklärung\w*|signing|signed|signs"),
    ("anniversary", r"\w*jubiläum\w*|\w*jahrestag\w*|anniversary"),
    ("reception", r"\w*empfang\w*|empfangen|empfing|reception"),
    ("conference", r"\w*konferenz\w*|\w*-?konferenz|tagung(?:en)?|\w*kongress\w*|symposium|conference|summit"),
    ("meeting", r"\w*treffen|\w*treffens|sitzung(?:en)?|workshop\w*|meeting\w*|"
                r"experten\w*austausch|fachaustausch\w*|arbeitsgespräch\w*"),
    ("visit", r"\w*besuch(?:e|es|s|en)?|besuchte\w*|besucht|delegation\w*|delegationsreise\w*|"
              r"reist|reisen|reiste\w*|gereist|angereist|visit\w*|trip"),
    ("festival", r"[A-ZÄÖÜ]\w*fest(?:es|s|e)?|festival\w*|festakt\w*|weihnachtsmarkt\w*|\w*feier(?:n|lichkeit\w*)?|"
                 r"festabend\w*|gala\w*|celebrations?|ceremony|ceremonies"),
    ("other", r"ausstellung\w*|konzert\w*|veranstaltung\w*|[A-ZÄÖÜ][\w-]*-Jahr(?:es|s)?|themenjahr\w*|"
              r"exhibition|concert|\w*turnier\w*|tournament|wettbewerb\w*|competition|gedenk\w*|"
              r"commemorat\w*|\w*abend|beschlossen|beschluss\w*|performance|show"),
]  # fmt: skip
PRIORITY = {kind: len(_TRIGGERS) - i for i, (kind, _) in enumerate(_TRIGGERS)}
# Phrases of several words are searched in the sentence; single words are classified one by one.
_PHRASES: list[tuple[str, str]] = [
    ("school_exchange", r"school exchange|student exchange|exchange students"),
    ("anniversary", r"\d+-jährige[snm]?\s+(?:Bestehen|Jubiläum|Partnerschaft)"),
    ("conference", r"Tag der (?!offenen)[A-ZÄÖÜ]\w+"),
]
_TRIGGER_PHRASE = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PHRASES))
_TRIGGER_WORD = re.compile(
    "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _TRIGGERS),
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\W\d_][\w-]*")


@lru_cache(maxsize=65536)
def trigger_kind(word: str) -> str | None:
    """The event kind a single word announces ("Partnerschaftskonferenz" → "conference")."""
    match = _TRIGGER_WORD.fullmatch(word)
    if match is None:
        return None
    if match.lastgroup == "festival" and not word[0].isupper():
        return None
    return match.lastgroup


_FESTIVAL_CASE = re.compile(r"^[A-ZÄÖÜ]")
_FUTURE = re.compile(
    r"\b(?:wird|werden|soll|sollen|will|wollen|plant|planen|geplant|anstehend\w*|kommend\w*|"
    r"nächst\w*|bevorstehend\w*|künftig\w*|demnächst|steht|stehen|findet|finden|"
    r"will|shall|upcoming|planned|plans|next)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:war|waren|hatte|hatten|hat|haben|fand|fanden|feierte\w*|besuchte\w*|empfing|traf|trafen|"
    r"reiste\w*|kamen|kam|wurde|wurden|gefeiert|stattgefunden|teilnahmen|nahm|nahmen|begrüßte\w*|"
    r"did|was|were|had|held|visited|celebrated|met)\b",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(r"(?:\bin|\bnach|\bim|\bbei|\bto|\bat)\s+(?:der |dem |the )?$")


@dataclass(slots=True)
class Event:
    kind: str
    title: str
    start: date | None
    end: date | None
    precision: str | None
    place: dict | None
    spans: list[tuple[int, int]] = field(default_factory=list)


def tense(sentence: str) -> str | None:
    if _PAST.search(sentence):
        return "past"
    if _FUTURE.search(sentence):
        return "future"
    return None


def _triggers(sentence: str) -> list[tuple[str, tuple[int, int]]]:
    found = []
    for match in _WORDS.finditer(sentence):
        kind = trigger_kind(match.group(0))
        if kind is not None:
            found.append((kind, match.span()))
    for match in _TRIGGER_PHRASE.finditer(sentence):
        if match.lastgroup is not None:
            found.append((match.lastgroup, match.span()))
    return sorted(found, key=lambda item: item[1])


def find_events(
    text: str,
    sentences: list[tuple[int, int]],
    *,
    published: date | None = None,
    place_at: Callable[[int, int], list[tuple[int, dict]]] | None = None,
) -> list[Event]:
    """Events in text order. `place_at(start, end)` lists (offset, place) mentioned in a range."""
    events: list[Event] = []
    anchors = [] if published is not None else _year_anchors(text)
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        triggers = _triggers(sentence)
        if not triggers:
            continue
        # The page's own date ("date 2017-11-01 A town twinning visit …") is not the event's.
        raws = [raw for raw in parse_dates(sentence) if not PUBLISHED_LABEL.search(sentence[: raw.span[0]])]
        reference = published or _reference(anchors, s_start)
        sentence_tense = tense(sentence)
        place = _place(text, s_start, s_end, place_at)
        title = sentence if len(sentence) <= 160 else sentence[:157].rsplit(" ", 1)[0] + " …"
        best = max(triggers, key=lambda t: PRIORITY[t[0]])
        dated = False
        for raw in raws:
            # A year inherited from the text is the year; only a publication date needs the tense.
            raw_reference = reference
            if published is None and raw.weekday is not None and raw.year is None and reference is not None:
                raw_reference = _weekday_reference(raw, reference, anchors, s_start)
            resolved = resolve(raw, published=raw_reference, tense=sentence_tense if published else None)
            if resolved.start is None and resolved.end is None:
                continue
            if len(raws) == 1:
                kind, span = best
            else:
                kind, span = min(triggers, key=lambda t: (abs(t[1][0] - raw.span[0]), -PRIORITY[t[0]]))
            events.append(
                Event(kind, title, resolved.start, resolved.end, resolved.precision, place,
                      [(s_start + span[0], s_start + span[1]), (s_start + raw.span[0], s_start + raw.span[1])])
            )  # fmt: skip
            dated = True
        if not dated:
            kind, span = best
            events.append(Event(kind, title, None, None, None, place, [(s_start + span[0], s_start + span[1])]))
    return _merge(events)


def _year_anchors(text: str) -> list[tuple[int, date]]:
    """Where the text states a year ("im Oktober 2015", "date 2024-04", "10. Dezember 2015"): a date
    without one inherits the year of the latest statement before it (else of the first)."""
    anchors = []
    for raw in parse_dates(text):
        if raw.year is None or raw.precision == "season":
            continue
        month = raw.month or 7
        day = raw.day if raw.day and raw.precision == "day" else 15
        anchors.append((raw.span[0], date(raw.year, month, min(day, 28))))
    header = _HEADER_MONTH.search(text[:400])
    if header:
        anchors.append((header.start(), date(int(header.group(1)), int(header.group(2)), 15)))
    return sorted(anchors)


_HEADER_MONTH = re.compile(r"\b(?:date|Datum|Stand)\s*:?\s*(\d{4})-(0[1-9]|1[0-2])(?![-\d])", re.IGNORECASE)


def _weekday_reference(raw, reference: date, anchors: list[tuple[int, date]], offset: int) -> date:
    """The year a weekday fits among the years the text states: "Samstag, 2. Juni" after "Im Jahr 1992
    … unterzeichnet" and before "vom 24. bis 27. August 2012" is 2012, not the nearest fitting 1990."""
    by_distance = sorted(anchors, key=lambda anchor: abs(anchor[0] - offset))
    for candidate in [reference, *(anchor for _, anchor in by_distance)]:
        day = _safe_day(candidate.year, raw.month, raw.day)
        if day is not None and day.weekday() == raw.weekday:
            return candidate
    return reference


def _safe_day(year: int, month: int | None, day: int | None) -> date | None:
    if month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _reference(anchors: list[tuple[int, date]], offset: int) -> date | None:
    if not anchors:
        return None
    before = [anchor for position, anchor in anchors if position <= offset]
    return before[-1] if before else anchors[0][1]


def _place(text: str, start: int, end: int, place_at) -> dict | None:
    if place_at is None:
        return None
    mentions = place_at(start, end)
    if not mentions:
        return None
    for offset, place in mentions:
        if _LOCATIVE.search(text[max(start, offset - 12) : offset]):
            return place
    return mentions[0][1]


def _merge(events: list[Event]) -> list[Event]:
    """One event per (kind, dates); undated mentions join a dated event of the same kind and place."""
    merged: dict[tuple, Event] = {}
    for event in events:
        if event.start is None and event.end is None:
            continue
        key = (event.kind, event.start, event.end)
        if key in merged:
            merged[key].spans.extend(event.spans)
        else:
            merged[key] = event
    undated: dict[tuple, Event] = {}
    for event in events:
        if event.start is not None or event.end is not None:
            continue
        place_key = event.place["name"] if event.place else None
        home = next(
            (
                e
                for e in merged.values()
                if e.kind == event.kind and (e.place is None or event.place is None or e.place["name"] == place_key)
            ),
            None,
        )
        if home is not None:
            home.spans.extend(event.spans)
            continue
        undated_key = (event.kind, place_key)
        if undated_key in undated:
            undated[undated_key].spans.extend(event.spans)
        else:
            undated[undated_key] = event
    result = list(merged.values()) + list(undated.values())
    for event in result:
        event.spans = sorted(set(event.spans))
    result.sort(key=lambda e: e.spans[0])
    return result
