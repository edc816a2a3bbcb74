"""Edit forms: the base every kind's form builds on (each kind's form lives in `kinds/<kind>.py`)."""

from __future__ import annotations

from typing import Any

from django import forms

from twinning.core.dates import PartialDate
from twinning.core.errors import ValidationFailed


def form_partial_date(value: str) -> str | None:
    """A form value as an ISO partial date ("1986", "1986-05", "1986-05-23"), or a form error."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = PartialDate.parse(value)
    except ValidationFailed as error:
        raise forms.ValidationError(error.message) from error
    return parsed.iso() if parsed else None


def form_ref(name: str, geonameid: int | None) -> dict[str, Any] | None:
    """A place reference from a name and an optional GeoNames id."""
    name = (name or "").strip()
    if not name and not geonameid:
        return None
    return {"name": name, "geonameid": geonameid or None}


class SuggestionForm(forms.Form):
    """Base: `initial_for(data)` fills the form from a suggestion, `payload()` gives the corrected data."""

    @classmethod
    def initial_for(cls, data: dict[str, Any]) -> dict[str, Any]:
        return {name: data.get(name) for name in cls.base_fields if data.get(name) is not None}

    def payload(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
