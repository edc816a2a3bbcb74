"""Reads the reports start from: the place a name means, an activity by slug or id."""

from __future__ import annotations

from django.utils.translation import gettext as _

from twinning.activities.models import Activity
from twinning.core.errors import NotFound
from twinning.network.selectors import place_in_network
from twinning.places.models import Place
from twinning.places.selectors import place_resolve

from .models import Funding


def place_for_report(name: str, *, country: str | None = None) -> Place:
    """The place a name or GeoNames id means. Only an exact name counts: a report about the wrong
    town is worse than none, so a near miss is refused with the names it might have meant."""
    name = name.strip()
    if not name:
        raise NotFound(_("no place given"))
    if name.isdigit():
        return place_in_network(name)
    matches = place_resolve(name, country=country, limit=5, fuzzy=True)
    if any(m.how == "exact" for m in matches):
        return place_in_network(name, country=country)
    if matches:
        near = ", ".join(dict.fromkeys(f"{m.place.name} ({m.place.country})" for m in matches[:3]))
        raise NotFound(_("no place called %(name)r; did you mean: %(near)s?") % {"name": name, "near": near})
    raise NotFound(_("no place called %(name)r") % {"name": name})


def activity_for_report(key: str) -> Activity:
    """An activity by slug or numeric id."""
    key = key.strip()
    found = Activity.objects.filter(pk=int(key)).first() if key.isdigit() else None
    found = found or Activity.objects.filter(slug=key).select_related("place__country", "programme").first()
    if found is None:
        raise NotFound(_("no activity %(key)r (give its slug or id)") % {"key": key})
    return found


def funding_of(activity: Activity) -> Funding | None:
    """The activity's funding (one per activity), or None."""
    return Funding.objects.filter(activity=activity).first()
