"""iCalendar (RFC 5545) feeds through the `icalendar` library (escaping, CRLF line ends and line
folding at 75 octets are its job): a VCALENDAR of all-day VEVENTs.

Anniversaries whose established date is known only to the month or the year become all-day events
on the first day of that month or year, and their summary says "(month only)" / "(year only)" so
nobody takes 1 January for the real date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import icalendar
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .anniversaries import Anniversary

PRODID = "-//Twinning//Partnership anniversaries//EN"


@dataclass(frozen=True)
class Event:
    uid: str
    start: date
    summary: str
    description: str = ""
    url: str = ""
    end: date | None = None  # exclusive (RFC 5545 all-day events): the day after the last day
    location: str = ""


def calendar(events: Iterable[Event], *, name: str, stamp: datetime | None = None) -> str:
    """The feed as text (CRLF line ends, folded lines)."""
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    feed = icalendar.Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", PRODID)
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", icalendar.vText(name))  # an extension property: TEXT, escaped like SUMMARY
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start)
        entry.add("summary", event.summary)
        if event.description:
            entry.add("description", event.description)
        if event.url:
            entry.add("url", event.url)
        if event.end:
            entry.add("dtend", event.end)
        if event.location:
            entry.add("location", event.location)
        feed.add_component(entry)
    return feed.to_ical().decode("utf-8")


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
