"""`{% registration_box activity %}`: on an activity's public page, the way to its registration form
(when the organizing office opened one) and the public figures: counts, never names."""

from __future__ import annotations

from typing import Any

from django import template

from twinning.activities.models import Activity
from twinning.exchanges import selectors

register = template.Library()


@register.inclusion_tag("exchanges/_registration_box.html")
def registration_box(activity: Activity) -> dict[str, Any]:
    settings = selectors.registration_settings(activity)
    if settings is None:
        return {"settings": None}
    return {"settings": settings, "activity": activity, "registered": selectors.registered_count(activity)}
