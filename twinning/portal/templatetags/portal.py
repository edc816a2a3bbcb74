"""Template helpers: dates with their precision, date ranges, and the sources box."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinning.core.dates import PartialDate

register = template.Library()


def _as_partial(value: Any, precision: str | None = None) -> PartialDate | None:
    if value is None or value == "":
        return None
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value, precision or "day")
    return None


@register.filter
def pdate(value: Any, precision: str | None = None) -> str:
    """A date shown with its precision: "1986", "Mai 1986" or "23. Mai 1986"."""
    partial = _as_partial(value, precision)
    return partial.display() if partial else ""


@register.filter
def iso(value: Any) -> str:
    partial = _as_partial(value)
    return partial.iso() if partial else ""


@register.simple_tag
def daterange(start: Any, end: Any = None) -> str:
    """ "18.–20. Oktober 2022"-style ranges, kept simple: "start – end", or just the start."""
    first, last = _as_partial(start), _as_partial(end)
    if first is None:
        return _("date unknown")
    if last is None or last == first:
        return first.display()
    same_month = (first.value.year, first.value.month) == (last.value.year, last.value.month)
    if same_month and first.precision == last.precision == "day" and (get_language() or "").startswith("de"):
        return f"{first.value.day}.–{last.display()}"  # "18.–20. Oktober 2022"
    return f"{first.display()} – {last.display()}"


@register.filter
def number(value: Any) -> str:
    return formats.number_format(value, force_grouping=True) if value is not None else ""


@register.inclusion_tag("portal/_sources.html")
def sources_box(sources: list[Any]) -> dict[str, Any]:
    return {"sources": sources}


@register.inclusion_tag("portal/_place_link.html")
def place_link(place: Any) -> dict[str, Any]:
    return {"place": place}


@register.simple_tag
def partnership_title(partnership: Any, first: Any = None) -> str:
    """ "Krefeld – Dünkirchen": the partnership named from `first`'s side (a place), in the interface language."""
    from twinning.partnerships.selectors import partnership_title as title

    return title(partnership, first=first)


@register.inclusion_tag("portal/_fact_sources.html")
def fact_sources(by_record: dict[Any, Any], record: Any) -> dict[str, Any]:
    """The disclosure "3 Quellen" under one fact, from a {record: [SourceUse]} map (selectors.sources_by_record)."""
    return {"sources": by_record.get(record, []) if by_record else []}


@register.filter
def country_name(code: Any) -> str:
    """A country code ("FR") as its name in the interface language ("Frankreich"), from CLDR; the code otherwise."""
    from twinning.places.names import country_name as cldr_name

    return cldr_name(str(code or ""), get_language()) or str(code or "")


@register.simple_tag
def partnership_places(partnership: Any, first: Any = None) -> list[Any]:
    """The member places in title order (`{% partnership_places p as sides %}`)."""
    from twinning.partnerships.selectors import partnership_sides

    return partnership_sides(partnership, first=first)


@register.filter
def jsonld(value: Any) -> str:
    """A page's schema.org data as the text of its `application/ld+json` block, escaped like json_script."""
    from twinning.exports.linked_data import script_body

    return script_body(value)
