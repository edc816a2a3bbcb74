"""Pure text helpers for ingestion and review: content hash, title, publication date, highlighting.

No database here; everything is a plain function of its arguments.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_SPACE = re.compile(r"\s+")


def normalize_content(text: str) -> str:
    """The content that identifies a release: NFC, whitespace collapsed, no surrounding space.
    Re-saving the same page with other line endings or indentation yields the same content."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize_content(text).encode("utf-8")).hexdigest()


# --- title -----------------------------------------------------------------------------------------


class _HeadingParser(HTMLParser):
    """Collects the text of the first <h1> (else <h2>) and of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: dict[str, list[str]] = {}
        self._open: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "title") and self._open is None and tag not in self.headings:
            self._open, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self.headings[tag] = self._buffer
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._buffer.append(data)


# Contact and page labels that start a line but never a headline.
_LABEL = re.compile(
    r"^(?:tel(?:efon)?|fax|e-?mail|mail|web|internet|zimmer|raum|anschrift|adresse|kontakt|phone|room|address"
    r"|foto|bild|photo|quelle|source)\b\.?\s*:",
    re.IGNORECASE,
)


def _is_substantial(line: str) -> bool:
    words = line.split()
    return (
        len(line) >= 15
        and len(words) >= 3
        and "@" not in line
        and "://" not in line
        and not _LABEL.match(line)
        and published_from_line(line) is None
        and sum(ch.isalpha() for ch in line) >= len(line) / 2
    )


def title_from(text: str, *, raw: str = "", limit: int = 300) -> str:
    """The title of a release: the first <h1>/<h2>/<title> of HTML, else the first substantial line
    (three words or more, not a date, a contact line or a URL), else the first line."""
    if raw and "<" in raw:
        parser = _HeadingParser()
        parser.feed(raw)
        for tag in ("h1", "h2", "title"):
            heading = normalize_content("".join(parser.headings.get(tag, [])))
            if heading:
                return heading[:limit]
    lines = [normalize_content(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    for line in lines[:40]:
        if _is_substantial(line):
            return line[:limit]
    return lines[0][:limit] if lines else ""


# --- publication date --------------------------------------------------------------------------

_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "january": 1,
    "februar": 2,
    "february": 2,
    "märz": 3,
    "maerz": 3,
    "march": 3,
    "april": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "juli": 7,
    "july": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "october": 10,
    "november": 11,
    "dezember": 12,
    "december": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PREFIX = (
    r"(?:(?:veröffentlicht(?:\s+am)?|erschienen(?:\s+am)?|datum|stand|published(?:\s+on)?|date)\s*:?\s*)?"
    r"(?:[A-Za-zÄÖÜäöü]+,\s*)?"  # a weekday: "Freitag, "
)
_NUMERIC = re.compile(rf"^{_PREFIX}(\d{{1,2}})\.\s?(\d{{1,2}})\.\s?(\d{{4}})\.?$", re.IGNORECASE)
_WORDED = re.compile(rf"^{_PREFIX}(\d{{1,2}})\.?\s+({_MONTH_NAMES})\s+(\d{{4}})\.?$", re.IGNORECASE)
_ENGLISH = re.compile(rf"^{_PREFIX}({_MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})\.?$", re.IGNORECASE)
_ISO = re.compile(rf"^{_PREFIX}(\d{{4}})-(\d{{2}})-(\d{{2}})$", re.IGNORECASE)


def _date(year: str, month: int | str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def published_from_line(line: str) -> date | None:
    """A line that states a date and nothing else: "Veröffentlicht am: 20.03.2023",
    "Freitag, 21.10.2022", "10. Dezember 2015", "March 20, 2023", "2023-03-20"."""
    line = normalize_content(line)
    if len(line) > 60:
        return None
    if match := _NUMERIC.match(line):
        day, month, year = match.groups()
        return _date(year, month, day)
    if match := _WORDED.match(line):
        day, month, year = match.groups()
        return _date(year, _MONTHS[month.lower()], day)
    if match := _ENGLISH.match(line):
        month, day, year = match.groups()
        return _date(year, _MONTHS[month.lower()], day)
    if match := _ISO.match(line):
        year, month, day = match.groups()
        return _date(year, month, day)
    return None


def published_from(text: str, *, lines: int = 30) -> date | None:
    """The publication date stated near the top of a release, if any."""
    for line in [line for line in text.splitlines() if line.strip()][:lines]:
        if found := published_from_line(line):
            return found
    return None


# --- highlighting ------------------------------------------------------------------------------

_BOUNDARY = re.compile(r"\n|(?<=[.!?…])\s+(?=[\"„“«»A-ZÄÖÜ0-9])")


def sentence_bounds(text: str, start: int, end: int, *, reach: int = 300) -> tuple[int, int]:
    """The sentence (or line) around text[start:end], at most `reach` characters either side."""
    left = max(0, start - reach)
    right = min(len(text), end + reach)
    sentence_start = left
    for match in _BOUNDARY.finditer(text, left, start):
        sentence_start = match.end()
    sentence_end = right
    following = _BOUNDARY.search(text, end, right)
    if following:
        sentence_end = following.start()
    return sentence_start, sentence_end


def highlight(text: str, start: int, end: int, *, reach: int = 300) -> SafeString:
    """The sentence around the span, HTML-escaped, with the span in <mark>."""
    if not (0 <= start < end <= len(text)):
        return mark_safe("")
    left, right = sentence_bounds(text, start, end, reach=reach)
    cut_left = left == max(0, start - reach) and left > 0 and text[left - 1] != "\n"
    cut_right = right == min(len(text), end + reach) and right < len(text) and text[right] != "\n"
    before = ("… " if cut_left else "") + text[left:start].lstrip()
    after = text[end:right].rstrip() + (" …" if cut_right else "")
    # Every piece of the article text is escaped; only our own <mark> is markup.
    return mark_safe(f"{escape(before)}<mark>{escape(text[start:end])}</mark>{escape(after)}")
