"""Who may see an activity's participants: the members of the organizing office (and superusers).

Participants are personal data of that office. Everyone else — other offices, staff without an
office, the public — is told the list does not exist (404), so its existence does not leak.
Ticking attendance and changing registrations needs an editor (or reviewer, manager).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from twinning.activities.models import Activity
from twinning.offices import access as office_access
from twinning.offices.models import ROLE_RANK
from twinning.offices.models import Role as OfficeRole

from .models import RegistrationSettings


def settings_of(activity: Activity) -> RegistrationSettings | None:
    return RegistrationSettings.objects.select_related("office", "activity").filter(activity=activity).first()


def can_see_participants(
    user: Any, settings: RegistrationSettings | None, *, min_role: str = OfficeRole.VIEWER
) -> bool:
    if settings is None:
        return office_access.is_superuser(user)
    if office_access.is_superuser(user):
        return True
    rank = ROLE_RANK[OfficeRole(min_role)]
    return any(
        m.office_id == settings.office_id and ROLE_RANK[OfficeRole(m.role)] >= rank
        for m in office_access.memberships(user)
    )


def require_participants(user: Any, activity: Activity, *, min_role: str = OfficeRole.VIEWER) -> RegistrationSettings:
    """The activity's registration settings if the user belongs to the organizing office with at least
    `min_role`; 404 for everyone else (and for an activity without registration)."""
    settings = settings_of(activity)
    if settings is None or not can_see_participants(user, settings):
        raise Http404
    office_access.require_office_role(user, settings.office, min_role)  # 403 for a member with a smaller role
    return settings


def offices_organizing(user: Any) -> list[Any]:
    """The offices whose registrations the user may manage (editor or more)."""
    return [m.office for m in office_access.memberships(user, min_role=OfficeRole.EDITOR)]
