"""`{% load links %}`: `{{ url|safe_href }}` is the URL when it may be a link target (http(s),
mailto, tel, or a path on this site), else "". Use it wherever a stored URL becomes an href or src:

    {% with href=organization.website|safe_href %}{% if href %}<a href="{{ href }}">…</a>{% endif %}{% endwith %}
"""

from django import template

from twinning.core import links

register = template.Library()


@register.filter
def safe_href(value: object) -> str:
    return links.safe_href(value)


@register.filter
def web_href(value: object) -> str:
    """Like safe_href, but http(s) only (for pages and images)."""
    return links.safe_href(value, schemes=links.WEB_SCHEMES)
