from django.db.models import QuerySet

from .models import Topic


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.prefetch_related("sdgs").select_related("parent")
