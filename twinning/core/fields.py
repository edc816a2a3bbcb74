"""Model field helpers shared by the domain apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import DatePrecision


def precision_field(verbose_name: str = "precision") -> models.CharField:
    return models.CharField(
        _(verbose_name),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        blank=True,
    )
