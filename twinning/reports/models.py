"""The funding programme an activity applies to (the programmes themselves are data files, see `rules`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.core.models import TimeStampedModel


class Funding(TimeStampedModel):
    """An activity funded (or to be funded) under a programme of `data/funders/` (by its slug)."""

    activity = models.OneToOneField("activities.Activity", on_delete=models.CASCADE, related_name="funding")
    programme = models.CharField(_("funding programme"), max_length=60)
    reference = models.CharField(_("grant reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")

    def __str__(self) -> str:
        return f"{self.activity} ({self.programme})"
