"""Which stored addresses may become links. A stored URL is never trusted: input is validated
(`validate_web_url`, used by the models' `clean()` and the services), and output goes through
`safe_href` (template filter `safe_href` in `{% load links %}`), so a `javascript:` or `data:`
value saved by any route (admin, import, raw SQL) never becomes a clickable link."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")
LINK_SCHEMES = (*WEB_SCHEMES, "mailto", "tel")

_web_url = URLValidator(schemes=list(WEB_SCHEMES), message=_("Enter a web address starting with http:// or https://."))


def validate_web_url(value: str) -> None:
    """Raise ValidationError unless `value` is an absolute http(s) address."""
    _web_url(value)


def safe_href(value: object, *, schemes: tuple[str, ...] = LINK_SCHEMES) -> str:
    """`value` if it may be used as a link target, else "": absolute addresses with one of
    `schemes`, or paths on this site ("/…", not "//host"). Control characters and whitespace
    inside the scheme (which browsers strip, "java\\tscript:") make a value unsafe."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if not url or any(ord(c) < 32 or c == "\x7f" for c in url):
        return ""
    if url.startswith("/") and not url.startswith("//") and not url.startswith("/\\"):
        return url
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in schemes else ""


def is_web_url(value: str) -> bool:
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True
