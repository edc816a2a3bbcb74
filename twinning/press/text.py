"""Pure text helpers for archiving a release: content hash and title.

No database here; everything is a plain function of its arguments. Dates, the publication date
included, have one grammar: `twinning.extraction.dates`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from html.parser import HTMLParser

from twinning.extraction.dates import stated_date

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
        and stated_date(line) is None
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
