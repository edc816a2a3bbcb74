"""Edit forms: one per kind of suggestion, mapping between the suggestion's data and form fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from twinning.activities.models import Activity
from twinning.core.dates import PartialDate
from twinning.core.errors import ValidationFailed
from twinning.core.models import Visibility
from twinning.directory.models import Organization
from twinning.partnerships.models import Partnership

from .models import Suggestion


def _partial_date(value: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = PartialDate.parse(value)
    except ValidationFailed as error:
        raise forms.ValidationError(error.message) from error
    return parsed.iso() if parsed else None


def _ref(name: str, geonameid: int | None) -> dict[str, Any] | None:
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


class PlaceForm(SuggestionForm):
    name = forms.CharField(label=_("name"), max_length=200)
    geonameid = forms.IntegerField(label=_("GeoNames id"), required=False, min_value=1)
    country = forms.CharField(label=_("country code"), max_length=2, required=False)

    def payload(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["country"] = (data.get("country") or "").upper() or None
        return data


class PartnershipForm(SuggestionForm):
    a_name = forms.CharField(label=_("first place"), max_length=200)
    a_geonameid = forms.IntegerField(label=_("its GeoNames id"), required=False, min_value=1)
    b_name = forms.CharField(label=_("second place"), max_length=200)
    b_geonameid = forms.IntegerField(label=_("its GeoNames id"), required=False, min_value=1)
    kind = forms.ChoiceField(label=_("kind"), choices=Partnership.Kind.choices)
    established = forms.CharField(
        label=_("established"), required=False, help_text=_("1986, 1986-05 or 1986-05-23"), max_length=10
    )

    @classmethod
    def initial_for(cls, data: dict[str, Any]) -> dict[str, Any]:
        a, b = data.get("a") or {}, data.get("b") or {}
        return {
            "a_name": a.get("name"),
            "a_geonameid": a.get("geonameid"),
            "b_name": b.get("name"),
            "b_geonameid": b.get("geonameid"),
            "kind": data.get("kind"),
            "established": data.get("established") or "",
        }

    def clean_established(self) -> str | None:
        return _partial_date(self.cleaned_data.get("established", ""))

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "a": _ref(data["a_name"], data.get("a_geonameid")),
            "b": _ref(data["b_name"], data.get("b_geonameid")),
            "kind": data["kind"],
            "established": data.get("established"),
        }


class PersonForm(SuggestionForm):
    name = forms.CharField(label=_("name"), max_length=200)
    role = forms.CharField(label=_("function"), max_length=300, required=False)
    affiliation = forms.CharField(label=_("organization or place"), max_length=300, required=False)
    visibility = forms.ChoiceField(
        label=_("visibility"),
        choices=Visibility.choices,
        help_text=_("Public only for office holders named in the press."),
    )


class OrganizationForm(SuggestionForm):
    name = forms.CharField(label=_("name"), max_length=300)
    kind = forms.ChoiceField(label=_("kind"), choices=Organization.Kind.choices)


class ActivityForm(SuggestionForm):
    title = forms.CharField(label=_("title"), max_length=300)
    kind = forms.ChoiceField(label=_("kind"), choices=Activity.Kind.choices)
    start = forms.CharField(label=_("start"), required=False, max_length=10, help_text=_("2022, 2022-10 or 2022-10-19"))
    end = forms.CharField(label=_("end"), required=False, max_length=10)
    place_name = forms.CharField(label=_("place"), max_length=200, required=False)
    place_geonameid = forms.IntegerField(label=_("its GeoNames id"), required=False, min_value=1)

    @classmethod
    def initial_for(cls, data: dict[str, Any]) -> dict[str, Any]:
        place = data.get("place") or {}
        precision = data.get("precision") or "day"
        cut = {"year": 4, "month": 7}.get(precision, 10)
        return {
            "title": data.get("title"),
            "kind": data.get("kind"),
            "start": (data.get("start") or "")[:cut],
            "end": (data.get("end") or "")[:cut],
            "place_name": place.get("name"),
            "place_geonameid": place.get("geonameid"),
        }

    def clean_start(self) -> str | None:
        return _partial_date(self.cleaned_data.get("start", ""))

    def clean_end(self) -> str | None:
        return _partial_date(self.cleaned_data.get("end", ""))

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        start = data.get("start")
        precision = "year" if start and len(start) == 4 else "month" if start and len(start) == 7 else "day"
        return {
            "title": data["title"],
            "kind": data["kind"],
            "start": PartialDate.parse(start).value.isoformat() if start else None,  # type: ignore[union-attr]
            "end": PartialDate.parse(data["end"]).value.isoformat() if data.get("end") else None,  # type: ignore[union-attr]
            "precision": precision,
            "place": _ref(data.get("place_name", ""), data.get("place_geonameid")),
        }


class ContactForm(SuggestionForm):
    name = forms.CharField(label=_("person"), max_length=200, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=60, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Give an e-mail address or a phone number."))
        return data


FORMS: dict[str, type[SuggestionForm]] = {
    Suggestion.Kind.PLACE: PlaceForm,
    Suggestion.Kind.PARTNERSHIP: PartnershipForm,
    Suggestion.Kind.PERSON: PersonForm,
    Suggestion.Kind.ORGANIZATION: OrganizationForm,
    Suggestion.Kind.ACTIVITY: ActivityForm,
    Suggestion.Kind.CONTACT: ContactForm,
}
