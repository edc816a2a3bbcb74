"""The installation's branding for every template: the municipality's name, logo and colours (settings)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

# A colour goes into a stylesheet: only plain CSS colour values are taken ("#00529f", "rgb(0 82 159)", "teal").
CSS_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgba?\([0-9., %/]+\)|[a-zA-Z]{3,30})$")


def _colour(value: str) -> str:
    return value if CSS_COLOUR.fullmatch(value.strip()) else ""


@dataclass(frozen=True)
class Branding:
    site_name: str  # the municipality ("Stadt Krefeld"), "" for the open register
    logo: str  # URL of the logo, "" for the built-in mark
    colour: str  # CSS colour of links, buttons and the header bar, "" for KERN's
    colour_dark: str

    @property
    def name(self) -> str:
        return self.site_name or "Twinning"

    @property
    def has_colours(self) -> bool:
        return bool(self.colour)


def branding_from_settings() -> Branding:
    logo = settings.TWINNING_BRAND_LOGO
    if logo and not logo.startswith(("/", "http://", "https://")):
        logo = static(logo)
    return Branding(
        site_name=settings.TWINNING_SITE_NAME,
        logo=logo,
        colour=_colour(settings.TWINNING_BRAND_COLOUR),
        colour_dark=_colour(settings.TWINNING_BRAND_COLOUR_DARK) or _colour(settings.TWINNING_BRAND_COLOUR),
    )


def branding(request: HttpRequest) -> dict[str, Any]:
    return {"branding": branding_from_settings()}
