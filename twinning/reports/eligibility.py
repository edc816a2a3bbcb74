"""An activity's eligibility for a funding programme, rule by rule.

`evaluate` is a pure function of the programme's rules and the participants as the rules see them
(`Attendee`: country, town, role, days); `eligibility_for_activity` gathers them from the
registrations of the `exchanges` app. "Invited from abroad" means a participant who is not a host
and whose country is not the host country (the country of the activity's place); without a place,
the invited guests.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .rules import Programme, Rule

# Member states of the European Union (ISO 3166-1 alpha-2), for rules on EU countries.
EU_MEMBERS = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
HOST = "host"
GUEST = "guest"


@dataclass(frozen=True)
class Attendee:
    """One registered participant, as the rules see them."""

    name: str
    country: str  # ISO code, "" when unknown
    town: str  # the home town's name ("" when unknown)
    town_key: str  # what identifies the town in a URL (a GeoNames id, or the slug of the name as entered)
    role: str
    days: tuple[date, ...] = ()  # the days registered for (empty: all days)
    attended: tuple[date, ...] = ()  # the days checked in
    consent_public: bool = False


@dataclass
class Figures:
    participants: int
    invited: int
    host_country: str
    countries: list[str]
    eu_countries: list[str]
    days: int | None  # the activity's length in days, None when its dates are not known to the day
    per_day: dict[date, int]  # participants expected (registered for the day) or, once checked in, present
    per_day_checked_in: dict[date, bool]
    by_country: dict[str, int]
    invited_by_town: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return {
            "participants": self.participants,
            "invited": self.invited,
            "host_country": self.host_country,
            "countries": self.countries,
            "eu_countries": self.eu_countries,
            "days": self.days,
            "per_day": [
                {"day": day.isoformat(), "participants": n, "checked_in": self.per_day_checked_in[day]}
                for day, n in self.per_day.items()
            ],
            "by_country": self.by_country,
            "invited_by_town": self.invited_by_town,
        }


@dataclass
class RuleResult:
    rule: Rule
    value: int | None
    met: bool

    @property
    def label(self) -> str:
        return str(self.rule.label)

    @property
    def message(self) -> str:
        if self.value is None:
            return _("%(rule)s: not known yet") % {"rule": self.label}
        return _("%(rule)s: %(value)d") % {"rule": self.label, "value": self.value}

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.rule.key,
            "measure": self.rule.measure,
            "min": self.rule.min,
            "max": self.rule.max,
            "label": self.label,
            "value": self.value,
            "met": self.met,
        }


@dataclass
class Eligibility:
    programme: Programme
    figures: Figures
    results: list[RuleResult] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return all(result.met for result in self.results)

    @property
    def unmet(self) -> list[RuleResult]:
        return [result for result in self.results if not result.met]

    def as_json(self) -> dict[str, Any]:
        return {
            "programme": self.programme.slug,
            "programme_name": str(self.programme.name),
            "eligible": self.eligible,
            "figures": self.figures.as_json(),
            "rules": [result.as_json() for result in self.results],
        }


def is_invited(attendee: Attendee, host_country: str) -> bool:
    if attendee.role == HOST:
        return False
    if host_country:
        return bool(attendee.country) and attendee.country != host_country
    return attendee.role == GUEST


def event_days(start: date | None, end: date | None) -> list[date]:
    """The days from start to end (both known to the day); empty when the start is not."""
    if start is None:
        return []
    end = end if end and end >= start else start
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def figures(attendees: list[Attendee], *, host_country: str, days: list[date], dated: bool) -> Figures:
    invited = [a for a in attendees if is_invited(a, host_country)]
    by_country = Counter(a.country for a in attendees)
    countries = sorted(c for c in by_country if c)
    per_day: dict[date, int] = {}
    checked: dict[date, bool] = {}
    for day in days:
        present = [a for a in attendees if day in a.attended]
        checked[day] = bool(present)
        per_day[day] = len(present) if present else sum(1 for a in attendees if not a.days or day in a.days)
    return Figures(
        participants=len(attendees),
        invited=len(invited),
        host_country=host_country,
        countries=countries,
        eu_countries=[c for c in countries if c in EU_MEMBERS],
        days=len(days) if dated else None,
        per_day=per_day,
        per_day_checked_in=checked,
        by_country=dict(sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))),
        invited_by_town=dict(sorted(Counter(a.town or a.country for a in invited).items())),
    )


def _value(rule: Rule, found: Figures) -> int | None:
    if rule.measure == "participants":
        return found.participants
    if rule.measure == "invited":
        return found.invited
    if rule.measure == "countries":
        return len(found.countries)
    if rule.measure == "eu_countries":
        return len(found.eu_countries)
    if rule.measure == "days":
        return found.days
    # participants_per_day: the smallest day decides
    return min(found.per_day.values()) if found.per_day else None


def evaluate(programme: Programme, found: Figures) -> Eligibility:
    """Each rule of the programme met or not (a measure not known yet is not met)."""
    results = []
    for rule in programme.rules:
        value = _value(rule, found)
        met = value is not None
        if value is not None and rule.min is not None:
            met = met and value >= rule.min
        if value is not None and rule.max is not None:
            met = met and value <= rule.max
        results.append(RuleResult(rule, value, met))
    return Eligibility(programme, found, results)


# -- selector (database) ------------------------------------------------------------------------

DEFAULT_PROGRAMME = "cerv-twinning"


def programme_for(activity: Any, slug: str | None = None) -> Programme:
    """The programme named, else the one chosen for the activity, else CERV town twinning."""
    from .models import Funding
    from .rules import programme_get

    if not slug:
        chosen = Funding.objects.filter(activity=activity).values_list("programme", flat=True).first()
        slug = chosen or DEFAULT_PROGRAMME
    return programme_get(slug)


def attendees(activity: Any) -> list[Attendee]:
    """The activity's registered participants (not the waiting list, not the cancelled)."""
    from twinning.exchanges.models import Attendance
    from twinning.exchanges.selectors import participants

    attended: dict[int, list[date]] = {}
    for registration_id, day in Attendance.objects.filter(registration__activity=activity).values_list(
        "registration_id", "day"
    ):
        attended.setdefault(registration_id, []).append(day)
    found = []
    for r in participants(activity):
        home = r.home_place
        town = home.display_name if home else r.home_place_text
        country = r.country_id or (home.country_id if home else "") or ""
        found.append(
            Attendee(
                name=r.name,
                country=country,
                town=town,
                town_key=str(home.geonameid or home.pk) if home else slugify(r.home_place_text),
                role=r.role,
                days=tuple(r.day_dates),
                attended=tuple(sorted(attended.get(r.pk, ()))),
                consent_public=r.consent_public,
            )
        )
    return found


def activity_days(activity: Any) -> tuple[list[date], bool]:
    """The activity's days and whether they are known to the day."""
    start = activity.start if activity.start and activity.start_precision == "day" else None
    end = activity.end if activity.end and activity.end_precision == "day" else None
    return event_days(start, end), start is not None


def eligibility_for_activity(activity: Any, *, programme: str | None = None) -> Eligibility:
    from twinning.exchanges.selectors import host_country

    days, dated = activity_days(activity)
    found = figures(attendees(activity), host_country=host_country(activity) or "", days=days, dated=dated)
    return evaluate(programme_for(activity, programme), found)
