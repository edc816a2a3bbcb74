"""The funder's documents for one activity: signature lists per invited town, the programme, and
the participant figures as CSV. Personal data of the organizing office: callers check access
(`exchanges.access.require_participants`) first.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from twinning.activities.models import Activity
from twinning.core.files import SafeDictWriter

from .eligibility import Attendee, Eligibility, activity_days, attendees, is_invited
from .pdf import ReportPDF
from .rules import Programme


@dataclass(frozen=True)
class Town:
    key: str  # GeoNames id, or the name as entered
    name: str
    country: str
    people: tuple[Attendee, ...]


def invited_towns(found: list[Attendee], *, host_country: str) -> list[Town]:
    """The towns participants were invited from, each with its invited participants by name."""
    groups: dict[str, list[Attendee]] = {}
    for attendee in found:
        if is_invited(attendee, host_country):
            groups.setdefault(attendee.town_key or attendee.country, []).append(attendee)
    towns = [
        Town(key, people[0].town or people[0].country, people[0].country, tuple(sorted(people, key=_by_name)))
        for key, people in groups.items()
    ]
    return sorted(towns, key=lambda t: (-len(t.people), t.name))


def _by_name(attendee: Attendee) -> tuple[str, str]:
    return (attendee.name.split(" ")[-1].casefold(), attendee.name.casefold())


def dates_line(activity: Activity) -> str:
    starts, ends = activity.starts, activity.ends
    if starts is None:
        return _("date not known")
    if ends is None or ends == starts:
        return starts.display()
    return f"{starts.display()} – {ends.display()}"


def places_line(activity: Activity) -> str:
    parts = [activity.venue, activity.place.display_name if activity.place_id and activity.place else ""]
    return ", ".join(part for part in parts if part)


def _header(activity: Activity, programme: Programme) -> list[str]:
    return [
        f"{programme.name} — {programme.funder}",
        _("Activity: %(title)s") % {"title": activity.title},
        _("Dates: %(dates)s") % {"dates": dates_line(activity)},
        _("Place: %(place)s") % {"place": places_line(activity) or "–"},
    ]


def signature_list_pdf(activity: Activity, programme: Programme, town: Town) -> bytes:
    """One page (or more) per invited town: the programme header, one row per person, a column to sign."""
    pdf = ReportPDF(
        title=_("Participant list – invited from %(town)s") % {"town": town.name},
        header_lines=_header(activity, programme),
        orientation="L",
    )
    pdf.paragraph(
        _("By signing, participants confirm that they took part in the activity named above (%(n)d invited).")
        % {"n": len(town.people)}
    )
    pdf.ln(2)
    pdf.grid(
        [_("No."), _("Name"), _("Home town"), _("Country"), _("Role"), _("Signature")],
        [
            [str(n), person.name, person.town, person.country, _role_label(person.role), ""]
            for n, person in enumerate(town.people, start=1)
        ],
        widths=(8, 55, 40, 14, 30, 70),
        min_row_height=11,
    )
    return pdf.bytes()


def _role_label(role: str) -> str:
    from twinning.exchanges.models import ParticipantRole

    return str(dict(ParticipantRole.choices).get(role, role))


def programme_pdf(activity: Activity, programme: Programme) -> bytes:
    """The activity's programme: its days, with what happens where (parts and itinerary stops)."""
    pdf = ReportPDF(
        title=_("Programme: %(title)s") % {"title": activity.title}, header_lines=_header(activity, programme)
    )
    if activity.description:
        pdf.paragraph(activity.description)
    days, _dated = activity_days(activity)
    parts = list(activity.parts.select_related("place").order_by("start", "title"))
    legs = list(activity.legs.select_related("place").order_by("order"))
    rows: list[list[Any]] = []
    for part in parts:
        rows.append([part.starts.display() if part.starts else "", part.title, places_line(part)])
    for leg in legs:
        when = leg.start.isoformat() if leg.start else ""
        rows.append([when, leg.note or _("stop"), leg.place.display_name])
    pdf.heading(_("Days"))
    if days:
        pdf.paragraph(", ".join(day.strftime("%d.%m.%Y") for day in days))
    else:
        pdf.paragraph(dates_line(activity))
    pdf.heading(_("Programme items"))
    if rows:
        pdf.grid([_("When"), _("What"), _("Where")], rows, widths=(25, 70, 50))
    else:
        pdf.paragraph(_("No programme items recorded yet: add them as parts of the activity."))
    return pdf.bytes()


FUNDER_FIELDS = ["name", "home_town", "country", "role", "invited", "days_registered", "days_attended"]


def funder_csv(activity: Activity, result: Eligibility) -> str:
    """One row per registered participant (the funder's list), then the rules with their figures."""
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=FUNDER_FIELDS, quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    host = result.figures.host_country
    for person in sorted(attendees(activity), key=_by_name):
        writer.writerow(
            {
                "name": person.name,
                "home_town": person.town,
                "country": person.country,
                "role": person.role,
                "invited": "yes" if is_invited(person, host) else "no",
                "days_registered": " ".join(day.isoformat() for day in person.days),
                "days_attended": " ".join(day.isoformat() for day in person.attended),
            }
        )
    out.write("\n")
    rules = csv.writer(out)
    rules.writerow(["rule", "measure", "min", "max", "value", "met"])
    for rule in result.results:
        rules.writerow(
            [rule.rule.key, rule.rule.measure, rule.rule.min, rule.rule.max, rule.value, "yes" if rule.met else "no"]
        )
    return out.getvalue()
