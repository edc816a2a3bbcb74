"""Writes for topics: keeping the tables in step with the taxonomy in code."""

from typing import Any

from django.db import transaction

from .taxonomy import SDGS, TOPICS


@transaction.atomic
def taxonomy_sync(*, sdg_model: Any = None, topic_model: Any = None) -> int:
    """Create or update the SDGs and topics of `taxonomy.py`. Also used by the data migration,
    which passes its historical models."""
    from .models import SDG, Topic

    sdg_model = sdg_model or SDG
    topic_model = topic_model or Topic
    for sdg in SDGS:
        sdg_model.objects.update_or_create(number=sdg.number, defaults={"name_de": sdg.name_de, "name_en": sdg.name_en})
    by_slug = {}
    for topic in TOPICS:
        obj, _ = topic_model.objects.update_or_create(
            slug=topic.slug,
            defaults={"name_de": topic.name_de, "name_en": topic.name_en, "sector": topic.sector},
        )
        obj.sdgs.set(topic.sdgs)
        by_slug[topic.slug] = obj
    for topic in TOPICS:
        parent = by_slug[topic.parent] if topic.parent else None
        topic_model.objects.filter(slug=topic.slug).update(parent=parent)
    return len(TOPICS)
