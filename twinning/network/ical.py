"""iCalendar (RFC 5545) by hand: VCALENDAR with all-day VEVENTs, CRLF line ends, text escaping and
line folding at 75 octets (never inside a UTF-8 character).

Anniversaries whose established date is known only to the month or the year become all-day events
on the first day of that month or year, and their summary says "(month only)" / "(year only)" so
nobody takes 1 January for the real date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .anniversaries import Anniversary

CRLF = "\r\n"
PRODID = "-//Twinning//Partnership anniversaries//EN"


def escape_text(value: str) -> str:
    """TEXT escaping of RFC 5545 section 3.3.11: backslash, semicolon, comma, newline."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line into chunks of at most `limit` octets; continuation lines start with a
    space (which counts towards their limit)."""
    parts: list[str] = []
    current: list[str] = []
    size, first = 0, True
    for char in line:
        width = len(char.encode("utf-8"))
        room = limit if first else limit - 1
        if size + width > room:
            parts.append("".join(current))
            current, size, first = [], 0, False
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


@dataclass(frozen=True)
class Event:
    uid: str
    start: date
    summary: str
    description: str = ""
    url: str = ""


def calendar(events: Iterable[Event], *, name: str, stamp: datetime | None = None) -> str:
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def anniversary_event(anniversary: Anniversary, *, domain: str = "twinning") -> Event:
    facts = anniversary.partnership
    names = " – ".join(p["name"] for p in facts.places)
    summary = ngettext(
        "%(years)d year of partnership %(names)s", "%(years)d years of partnership %(names)s", anniversary.years
    ) % {"years": anniversary.years, "names": names}
    if anniversary.date.precision == "year":
        summary += " " + _("(year only)")
    elif anniversary.date.precision == "month":
        summary += " " + _("(month only)")
    description = _("Established %(date)s") % {"date": facts.established.iso()}
    return Event(
        uid=f"anniversary-{facts.id}-{anniversary.date.value.year}@{domain}",
        start=anniversary.date.value,
        summary=summary,
        description=description,
    )
