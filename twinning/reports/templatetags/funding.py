"""`{% funding_box activity %}`: the funding programme's rules, met or not, on the activity's
workbench page (counts only), with a link to the funder's documents for the organizing office."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from twinning.core.errors import TwinningError
from twinning.exchanges.access import can_see_participants, settings_of
from twinning.reports.eligibility import eligibility_for_activity
from twinning.reports.selectors import funding_of

register = template.Library()


@register.inclusion_tag("reports/_funding_box.html", takes_context=True)
def funding_box(context: dict[str, Any], activity: Any) -> dict[str, Any]:
    user = context["request"].user
    settings = settings_of(activity)
    funded = funding_of(activity) is not None
    result, problem = None, ""
    if funded:
        try:
            result = eligibility_for_activity(activity)
        except TwinningError as error:  # a programme whose file has gone
            problem = error.message
    last = activity.end or activity.start
    return {
        "activity": activity,
        "result": result,
        "problem": problem,
        "upcoming": last is None or last >= timezone.localdate(),
        "organizer": settings is not None and can_see_participants(user, settings),
    }
