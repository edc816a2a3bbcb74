"""Reads shared by every app."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import Citation


def citations_for(record: models.Model) -> models.QuerySet[Citation]:
    return Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("source")
