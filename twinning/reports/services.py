"""Writes of the reports app: which funding programme an activity applies to."""

from __future__ import annotations

from django.db import transaction

from twinning.activities.models import Activity
from twinning.core.services import Actor, audit_log

from .models import Funding
from .rules import programme_get


@transaction.atomic
def funding_set(*, activity: Activity, programme: str, actor: Actor, reference: str = "") -> Funding | None:
    """Choose the activity's funding programme (a slug of `data/funders/`), or none with "".
    The participants' data is then kept at least as long as the programme requires."""
    current = Funding.objects.select_for_update().filter(activity=activity).first()
    programme, reference = programme.strip(), reference.strip()
    if not programme:
        if current is not None:
            audit_log(
                actor=actor,
                action="funding.delete",
                obj=current,
                changes={"programme": [current.programme, None], "reference": [current.reference, None]},
            )
            current.delete()
        return None
    rules = programme_get(programme)  # NotFound naming the known programmes
    if current is None:
        current = Funding.objects.create(activity=activity, programme=programme, reference=reference)
        audit_log(actor=actor, action="funding.create", obj=current)
    elif (current.programme, current.reference) != (programme, reference):
        changes = {
            name: [old, new]
            for name, old, new in (
                ("programme", current.programme, programme),
                ("reference", current.reference, reference),
            )
            if old != new
        }
        current.programme, current.reference = programme, reference
        current.save(update_fields=["programme", "reference", "updated_at"])
        audit_log(actor=actor, action="funding.update", obj=current, changes=changes)
    _keep_long_enough(activity=activity, years=rules.retention_years, actor=actor)
    return current


def _keep_long_enough(*, activity: Activity, years: int, actor: Actor) -> None:
    """Raise the retention period of the activity's registrations to the programme's (never lower it)."""
    from twinning.exchanges.selectors import registration_settings
    from twinning.exchanges.services import registration_settings_set

    settings = registration_settings(activity)
    if settings is not None and settings.retention_years < years:
        registration_settings_set(
            activity=activity,
            office=settings.office,
            actor=actor,
            is_open=settings.is_open,
            capacity=settings.capacity,
            fields=settings.fields,
            intro=settings.intro,
            retention_years=years,
        )
