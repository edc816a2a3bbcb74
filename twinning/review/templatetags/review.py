from django import template
from django.urls import NoReverseMatch

register = template.Library()


@register.filter
def record_url(record: object) -> str:
    """The record's page, or "" when it has none (or the portal is not installed)."""
    get_url = getattr(record, "get_absolute_url", None)
    if get_url is None:
        return ""
    try:
        return get_url()
    except NoReverseMatch:
        return ""
