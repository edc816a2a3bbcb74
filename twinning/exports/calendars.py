"""The dated activities of a place, a partnership, a programme or an office as iCalendar events.

An activity known only to the month or the year becomes an all-day event on the first day of that
month or year spanning the whole month or year, and its summary says "(month only)" / "(year only)"
(as the anniversaries do), so nobody takes 1 January for the real date. Undated activities are left
out: a calendar cannot place them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from twinning.activities.models import Activity
from twinning.core.dates import PartialDate
from twinning.network.ical import Event, calendar

MAX_EVENTS = 2000  # a feed is for a calendar app, not a dump: the newest 2000


def activity_event(activity: Activity, *, absolute: Callable[[str], str], domain: str) -> Event | None:
    start = PartialDate.from_fields(activity.start, activity.start_precision)
    if start is None:
        return None
    end = PartialDate.from_fields(activity.end, activity.end_precision)
    last = max(start.last_day(), end.last_day()) if end else start.last_day()
    summary = activity.title
    if start.precision == "year":
        summary += " " + _("(year only)")
    elif start.precision == "month":
        summary += " " + _("(month only)")
    where = [activity.venue] if activity.venue else []
    if activity.place is not None:
        where.append(activity.place.display_name)
    return Event(
        uid=f"activity-{activity.pk}@{domain}",
        start=start.value,
        end=last + timedelta(days=1),
        summary=summary,
        description=(activity.description or "")[:2000],
        url=absolute(activity.get_absolute_url()),
        location=", ".join(where),
    )


def activities_calendar(
    activities: QuerySet[Activity] | Iterable[Activity], *, name: str, absolute: Callable[[str], str], domain: str
) -> str:
    """The feed as text: the dated ones of `activities` (newest first, at most MAX_EVENTS)."""
    if isinstance(activities, QuerySet):
        activities = activities.filter(start__isnull=False).select_related("place")[:MAX_EVENTS]
    events = [e for a in activities if (e := activity_event(a, absolute=absolute, domain=domain)) is not None]
    return calendar(events[:MAX_EVENTS], name=name)
