"""A small German and English date grammar for press releases.

Two steps, both pure functions:

* `parse_dates(text)` finds date expressions and returns `RawDate`s: what the text says, with the
  year possibly missing ("Montag, 17. Oktober", "vom 18.-20. Oktober", "im Frühjahr 2023",
  "Oct 26, 2013", "6–18 July", "20.03.2023", "heute").
* `resolve(raw, published=..., tense=...)` turns one into concrete dates. An unyeared date is in the
  year of publication; an announcement (future tense) of a date more than about two months before
  publication is in the following year, a report (past tense) of a date well after publication in
  the previous one; a weekday that does not fit the year picks the nearest year where it does.

Every resolved date keeps its precision: "day", "month", "season" or "year".
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    # German
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    # English
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6, "mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
SEASONS: dict[str, str] = {
    "frühjahr": "spring", "frühling": "spring", "sommer": "summer", "herbst": "autumn",
    "winter": "winter", "spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
}  # fmt: skip
# Meteorological seasons: (first month, number of months).
_SEASON_MONTHS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "winter": (12, 3)}
_RELATIVE = {"heute": 0, "today": 0, "morgen": 1, "tomorrow": 1, "übermorgen": 2, "gestern": -1,
             "yesterday": -1, "vorgestern": -2}  # fmt: skip


def _alternation(words: list[str]) -> str:
    """Capitalised alternatives, longest first (month and weekday names are always capitalised)."""
    forms = sorted({w[0].upper() + w[1:] for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in forms)


_M = rf"(?:{_alternation(list(MONTHS))})\.?"
_WD = rf"(?:{_alternation(list(WEEKDAYS))})\.?"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_Y = r"(?:1[6-9]\d\d|20\d\d)"
_DASH = r"\s*(?:-|–|—|bis(?:\s+(?:zum|einschließlich))?|to|until|through|and|und)\s*"
_ORD = r"(?:st|nd|rd|th)?"
_WDP = rf"(?:(?P<wd>{_WD}),?\s+(?:(?:den|dem|the)\s+)?)?"

_PATTERNS: list[tuple[str, str]] = [
    # 9. Mai bis 12. Juni 2024 / 28. Dezember 2023 bis 3. Januar 2024
    ("de_range2", rf"{_WDP}(?P<d1>{_D})\.\s*(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?{_DASH}"
                  rf"(?:{_WD},?\s+)?(?P<d2>{_D})\.\s*(?P<m2>{_M})(?:\s+(?P<y2>{_Y}))?"),
    # 20.03.-22.03.2023, 20.-22.03.2023
    ("num_range", rf"{_WDP}(?P<d1>{_D})\.(?:(?P<m1>0?[1-9]|1[0-2])\.)?\s*(?:-|–|—|bis)\s*"
                  rf"(?P<d2>{_D})\.(?P<m2>0?[1-9]|1[0-2])\.(?P<y2>{_Y}|\d\d)(?!\d)"),
    # 18.-20. Oktober, 9. bis 12. Mai 2024, 5. und 6. Mai
    ("de_range1", rf"{_WDP}(?P<d1>{_D})\.?{_DASH}(?P<d2>{_D})\.\s*(?P<m2>{_M})(?:\s+(?P<y2>{_Y}))?"),
    # 20.03.2023, Freitag, 21.10.2022
    ("num", rf"{_WDP}(?P<d1>{_D})\.\s?(?P<m1>0?[1-9]|1[0-2])\.\s?(?P<y1>{_Y}|\d\d)(?!\d)"),
    # 2023-03-20
    ("iso", rf"(?P<y1>{_Y})-(?P<m1>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01])(?!\d)"),
    # Montag, 17. Oktober / 10. Dezember 2015
    ("de", rf"{_WDP}(?P<d1>{_D})\.\s*(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?"),
    # October 26-28, 2013 / Oct 26, 2013 / July 6
    ("en_mdy", rf"{_WDP}(?P<m1>{_M})\s+(?P<d1>{_D}){_ORD}(?:\s*(?:-|–|—|to|until)\s*"
               rf"(?P<d2>{_D}){_ORD})?(?:,?\s+(?P<y1>{_Y}))?(?!\d)"),
    # 6–18 July 2024 / 26 October 2013 / 6th of July
    ("en_dmy", rf"{_WDP}(?P<d1>{_D}){_ORD}(?:\s*(?:-|–|—|to|until)\s*(?P<d2>{_D}){_ORD})?"
               rf"\s+(?:of\s+)?(?P<m1>{_M})(?:,?\s+(?P<y1>{_Y}))?"),
    # im Frühjahr 2023, summer 2024
    ("season", rf"(?P<season>Frühjahr|Frühling|Sommer|Herbst|Winter|[Ss]pring|[Ss]ummer|"
               rf"[Aa]utumn|[Ff]all|[Ww]inter)\s+(?P<y1>{_Y})"),
    # im Oktober 2022, Ende Mai 2024, October 2022
    ("month_year", rf"(?:(?:im|Im|Anfang|Mitte|Ende|early|mid|late)\s+)?(?P<m1>{_M})\s+(?P<y1>{_Y})"),
    # im September, Anfang Mai, in May
    ("month", rf"(?<![\w.])(?:im|Im|ab|Ab|seit|Seit|bis|Bis|Anfang|Mitte|Ende|in|In|since|until|"
              rf"early|Early|mid|late|Late)\s+(?:(?:Anfang|Mitte|Ende)\s+)?(?P<m1>{_M})(?![\w])(?!\s*\d)"),
    # im Jahr 2024, in 2024
    ("year", rf"(?:im|Im)\s+Jahr(?:e)?\s+(?P<y1>{_Y})|(?<![\w.])(?:in|In)\s+(?P<y2>{_Y})(?![\w.])"),
    ("relative", r"(?<![\w-])(?P<rel>heute|Heute|morgen|übermorgen|gestern|vorgestern|today|"
                 r"Today|tomorrow|yesterday)(?![\w-])"),
]  # fmt: skip
_WORD_ONLY = ("month", "relative")  # the only expressions without a digit


def _compile(names: list[str]) -> re.Pattern[str]:
    return re.compile(
        "|".join(
            rf"(?P<{name}>{pattern.replace('(?P<', f'(?P<{name}_')})" for name, pattern in _PATTERNS if name in names
        )
    )


_GRAMMAR = _compile([name for name, _ in _PATTERNS])
_GRAMMAR_DIGITS = _compile([name for name, _ in _PATTERNS if name not in _WORD_ONLY])
_GRAMMAR_WORDS = _compile(list(_WORD_ONLY))
_DIGITS = re.compile(r"\d+")
_WINDOW = 40  # characters around a number that a date expression can reach
_UNTIL = re.compile(r"(?:\bbis(?:\s+(?:zum|einschließlich))?|\buntil|\btill)\s*$", re.IGNORECASE)
_FROM = re.compile(r"(?:\bab|\bseit|\bsince|\bstarting)(?:\s+(?:dem|the))?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RawDate:
    """A date expression as written: missing parts are None."""

    span: tuple[int, int]
    precision: str  # "day", "month", "season", "year"
    day: int | None = None
    month: int | None = None
    year: int | None = None
    end_day: int | None = None
    end_month: int | None = None
    end_year: int | None = None
    weekday: int | None = None
    season: str | None = None
    relative: int | None = None  # days from publication ("heute" = 0)
    open_start: bool = False  # "bis 9. Mai": only the end is known
    open_end: bool = False  # "ab 9. Mai": only the start is known


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    start: date | None
    end: date | None
    precision: str
    span: tuple[int, int]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def _month(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return MONTHS.get(text.rstrip(".").lower())


def parse_dates(text: str) -> list[RawDate]:
    """Every date expression in `text`, left to right, not overlapping.

    The full grammar runs only in windows around numbers (every date but "im September" and
    "heute" has one); the two word-only expressions are searched in the whole text.
    """
    matches: list[re.Match[str]] = []
    window_start = window_end = -1
    windows: list[tuple[int, int]] = []
    for number in _DIGITS.finditer(text):
        start, end = max(0, number.start() - _WINDOW), min(len(text), number.end() + _WINDOW)
        if start <= window_end:
            window_end = end
        else:
            if window_end >= 0:
                windows.append((window_start, window_end))
            window_start, window_end = start, end
    if window_end >= 0:
        windows.append((window_start, window_end))
    for start, end in windows:
        matches.extend(_GRAMMAR_DIGITS.finditer(text, start, end))
    taken = [m.span() for m in matches]
    for match in _GRAMMAR_WORDS.finditer(text):
        if not any(a < match.end() and match.start() < b for a, b in taken):
            matches.append(match)
    matches.sort(key=lambda m: m.start())
    found: list[RawDate] = []
    for match in matches:
        kind = match.lastgroup
        if kind is None:
            continue
        groups = {
            key[len(kind) + 1 :]: value
            for key, value in match.groupdict().items()
            if value is not None and key.startswith(kind + "_")
        }
        raw = _build(kind, groups, match.span())
        if raw is None:
            continue
        before = text[max(0, match.start() - 25) : match.start()]
        if _UNTIL.search(before) and raw.precision == "day" and raw.end_day is None:
            raw = RawDate(**{**_asdict(raw), "open_start": True})
        elif _FROM.search(before):
            raw = RawDate(**{**_asdict(raw), "open_end": True})
        found.append(raw)
    return found


def _asdict(raw: RawDate) -> dict:
    return {slot: getattr(raw, slot) for slot in RawDate.__slots__}


def _build(kind: str, g: dict[str, str], span: tuple[int, int]) -> RawDate | None:
    weekday = WEEKDAYS.get(g["wd"].rstrip(".").lower()) if "wd" in g else None
    if kind == "relative":
        return RawDate(span=span, precision="day", relative=_RELATIVE[g["rel"].lower()])
    if kind == "season":
        return RawDate(span=span, precision="season", season=SEASONS[g["season"].lower()],
                       year=_year(g.get("y1")))  # fmt: skip
    if kind == "year":
        return RawDate(span=span, precision="year", year=_year(g.get("y1") or g.get("y2")))
    if kind in ("month_year", "month"):
        return RawDate(span=span, precision="month", month=_month(g["m1"]), year=_year(g.get("y1")))
    day, end_day = int(g["d1"]), int(g["d2"]) if "d2" in g else None
    month, end_month = _month(g.get("m1")), _month(g.get("m2"))
    year, end_year = _year(g.get("y1")), _year(g.get("y2"))
    if month is None:
        month = end_month
    if end_day is not None and end_month is None:
        end_month = month
    if year is None:
        year = end_year
    if end_day is not None and end_year is None:
        end_year = year
    if month is None or not _valid(day, month) or (end_day and not _valid(end_day, end_month)):
        return None
    return RawDate(span=span, precision="day", day=day, month=month, year=year, end_day=end_day,
                   end_month=end_month, end_year=end_year, weekday=weekday)  # fmt: skip


def _valid(day: int, month: int | None) -> bool:
    return month is not None and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: date, tense: str | None, weekday: int | None) -> int:
    year = published.year
    candidate = _safe_date(year, month, day) or date(year, month, 28)
    if tense == "future" and candidate < published - timedelta(days=60):
        year += 1
    elif tense == "past" and candidate > published + timedelta(days=60):
        year -= 1
    if weekday is not None:
        for offset in (0, 1, -1, 2, -2):
            found = _safe_date(year + offset, month, day)
            if found and found.weekday() == weekday:
                return year + offset
    return year


def resolve(raw: RawDate, *, published: date | None = None, tense: str | None = None) -> ResolvedDate:
    """Concrete start/end dates of a raw expression; None where the text and date do not tell."""
    none = ResolvedDate(None, None, raw.precision, raw.span)
    if raw.relative is not None:
        if published is None:
            return none
        day = published + timedelta(days=raw.relative)
        return ResolvedDate(day, day, "day", raw.span)
    if raw.precision == "year":
        if raw.year is None:
            return none
        return ResolvedDate(date(raw.year, 1, 1), date(raw.year, 12, 31), "year", raw.span)
    if raw.precision == "season":
        year = raw.year if raw.year is not None else (published.year if published else None)
        if year is None or raw.season is None:
            return none
        first, length = _SEASON_MONTHS[raw.season]
        season_start = date(year, first, 1)
        last_month = (first + length - 2) % 12 + 1
        last_year = year + (1 if first + length - 1 > 12 else 0)
        season_end = date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
        return ResolvedDate(season_start, season_end, "season", raw.span)
    if raw.month is None:
        return none
    if raw.precision == "month":
        year = raw.year
        if year is None:
            if published is None:
                return none
            year = published.year
            first_day = date(year, raw.month, 1)
            last_day = date(year, raw.month, calendar.monthrange(year, raw.month)[1])
            if tense == "future" and last_day < published:
                year += 1
            elif tense == "past" and first_day > published:
                year -= 1
        end = date(year, raw.month, calendar.monthrange(year, raw.month)[1])
        return ResolvedDate(date(year, raw.month, 1), end, "month", raw.span)
    assert raw.day is not None
    year = raw.year
    if year is None:
        if published is None:
            return none
        year = _infer_year(raw.month, raw.day, published, tense, raw.weekday)
    start = _safe_date(year, raw.month, raw.day)
    if start is None:
        return none
    end = start
    if raw.end_day is not None and raw.end_month is not None:
        end_year = raw.end_year if raw.end_year is not None else year
        end = _safe_date(end_year, raw.end_month, raw.end_day) or start
        if end < start and raw.end_year is None:
            end = _safe_date(end_year + 1, raw.end_month, raw.end_day) or start
        if end < start:
            # "28. Dezember bis 3. Januar 2024": the year written belongs to the end.
            start = _safe_date(year - 1, raw.month, raw.day) or start
    if raw.open_start:
        return ResolvedDate(None, start, "day", raw.span)
    return ResolvedDate(start, end, "day", raw.span)


def find_dates(text: str, *, published: date | None = None, tense: str | None = None) -> list[ResolvedDate]:
    """Parse and resolve in one go (one tense for the whole text)."""
    return [resolve(raw, published=published, tense=tense) for raw in parse_dates(text)]


# --- the publication date a page states ----------------------------------------------------------

PUBLISHED_LABEL = re.compile(
    r"(?:Veröffentlicht(?:\s+am)?|Erschienen(?:\s+am)?|Datum|Stand|Pressemitteilung vom|"
    r"Published(?:\s+on)?|Posted(?:\s+on)?|Date)\s*:?\s*$",
    re.IGNORECASE,
)
# A dateline before the date: "Bonn, 12.05.2024", "Krefeld, den 3. Mai 2024".
DATELINE = re.compile(r"^[A-ZÄÖÜ][\w.-]*(?: [\w.-]+){0,3},\s*(?:den\s+)?$")


def stated_date(line: str) -> date | None:
    """The full date one line states as its own: after a label ("Veröffentlicht am: 20.03.2023"),
    or alone on the line ("Freitag, 21.10.2022", "10. Dezember 2015", "March 20, 2023",
    "2023-03-20", "Bonn, 12.05.2024"). A date inside a sentence is not one."""
    for raw in parse_dates(line):
        if raw.year is None or raw.precision != "day":
            continue
        prefix = line[: raw.span[0]]
        labelled = PUBLISHED_LABEL.search(prefix)
        alone = (not prefix.strip() or bool(DATELINE.match(prefix))) and not line[raw.span[1] :].strip(" .")
        if labelled or alone:
            resolved = resolve(raw)
            if resolved.start is not None:
                return resolved.start
    return None


def find_published(text: str, *, lines: int = 15, head: int = 1500) -> date | None:
    """The publication date a page states on one of its first `lines` lines (within `head` characters)."""
    for line in text[:head].split("\n")[:lines]:
        found = stated_date(line)
        if found is not None:
            return found
    return None
