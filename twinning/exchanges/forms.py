"""Forms of the registration (public) and of the office's pages. They only parse input; the
services validate it again and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .models import Field, ParticipantRole, Registration, RegistrationSettings
from .selectors import country_choices
from .services import ParticipantInput

MAX_GROUP = 50


def _day_choices(days: list[dt.date]) -> list[tuple[str, str]]:
    return [
        (day.isoformat(), f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}") for day in days
    ]


def kern(form: forms.Form) -> None:
    """KERN UX classes on the widgets (templates render the markup around them)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            widget.attrs["class"] = "kern-form-check__checkbox"
        elif isinstance(widget, forms.Select):
            widget.attrs["class"] = "kern-form-input__select"
        else:
            widget.attrs["class"] = "kern-form-input__input"


class RegistrationForm(forms.Form):
    """The public form: the fields the office chose, and optionally the rest of a group."""

    given_name = forms.CharField(label=_("Given name"), max_length=150)
    family_name = forms.CharField(label=_("Family name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("We send the confirmation and the cancellation link here."))
    home_place = forms.CharField(label=_("Home town"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    organization = forms.CharField(label=_("Organization"), max_length=300, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.GUEST)
    days = forms.MultipleChoiceField(label=_("Days attending"), widget=forms.CheckboxSelectMultiple, required=False)
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility_needs = forms.CharField(label=_("Accessibility needs"), max_length=300, required=False)
    group = forms.CharField(
        label=_("Further people of your group (delegation leaders)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_('One person per line: "given name; family name; home town". You receive their cancellation links.'),
    )
    consent_list = forms.BooleanField(
        label=_(
            "I agree that my details are used for the participant list of this activity: organizing it, "
            "the signature lists and the report to the funding programme. They are deleted when the "
            "retention period ends."
        ),
        required=True,
    )
    consent_public = forms.BooleanField(
        label=_("My name may appear in the public report of this activity."), required=False
    )
    # A honeypot: hidden from people (off screen, aria-hidden, out of the tab order), filled in by
    # bots that fill every field. Filled in, the form is refused and nothing is written.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, settings: RegistrationSettings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = settings
        optional = {
            Field.HOME_PLACE: "home_place",
            Field.COUNTRY: "country",
            Field.ORGANIZATION: "organization",
            Field.ROLE: "role",
            Field.DAYS: "days",
            Field.DIETARY: "dietary_needs",
            Field.ACCESSIBILITY: "accessibility_needs",
            Field.PUBLIC_CONSENT: "consent_public",
        }
        for field, name in optional.items():
            if not settings.asks(field):
                del self.fields[name]
        days = settings.days
        if "days" in self.fields:
            if len(days) > 1:
                self.fields["days"].choices = _day_choices(days)  # type: ignore[attr-defined]
            else:
                del self.fields["days"]
        if "country" in self.fields:
            self.fields["country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]
        self.fields["given_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["family_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        kern(self)

    def clean_website(self) -> str:
        if self.cleaned_data.get("website", "").strip():
            raise forms.ValidationError(_("This field must stay empty."))
        return ""

    def clean_group(self) -> list[ParticipantInput]:
        members = []
        lines = [line for line in self.cleaned_data.get("group", "").splitlines() if line.strip()]
        if len(lines) > MAX_GROUP:
            raise forms.ValidationError(_("At most %(n)s people per group.") % {"n": MAX_GROUP})
        for number, line in enumerate(lines, start=1):
            parts = [part.strip() for part in line.split(";")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise forms.ValidationError(
                    _('Line %(n)s: write "given name; family name; home town".') % {"n": number}
                )
            members.append(
                ParticipantInput(
                    given_name=parts[0][:150],
                    family_name=parts[1][:150],
                    home_place_text=parts[2][:200] if len(parts) > 2 else "",
                    country_code=self.cleaned_data.get("country", ""),
                    role=self.cleaned_data.get("role") or ParticipantRole.GUEST,
                    days=[dt.date.fromisoformat(d) for d in self.cleaned_data.get("days", [])],
                )
            )
        return members

    def leader(self, *, language: str) -> ParticipantInput:
        data = self.cleaned_data
        return ParticipantInput(
            given_name=data["given_name"],
            family_name=data["family_name"],
            email=data["email"],
            home_place_text=data.get("home_place", ""),
            country_code=data.get("country", ""),
            organization=data.get("organization", ""),
            role=data.get("role") or ParticipantRole.GUEST,
            days=[dt.date.fromisoformat(day) for day in data.get("days", [])],
            dietary_needs=data.get("dietary_needs", ""),
            accessibility_needs=data.get("accessibility_needs", ""),
            consent_list=bool(data.get("consent_list")),
            consent_public=bool(data.get("consent_public")),
            language=language,
        )


class OfficeParticipantForm(RegistrationForm):
    """The office adds someone by hand: every field, e-mail optional, no group."""

    def __init__(self, *args: Any, settings: RegistrationSettings, **kwargs: Any) -> None:
        super().__init__(
            *args, settings=RegistrationSettings(activity=settings.activity, fields=list(Field.values)), **kwargs
        )
        self.settings = settings
        del self.fields["group"]
        del self.fields["website"]  # the office is logged in: no honeypot
        self.fields["email"].required = False
        self.fields["email"].help_text = _("Optional. Without it, no confirmation is sent.")
        self.fields["consent_list"].label = _(
            "The participant agreed to the participant list's purposes (organizing, signature lists, funder report)."
        )
        self.fields["consent_public"].label = _("The participant agreed to appear by name in the public report.")


def participant_initial(registration: Registration) -> dict[str, Any]:
    """The office's form filled with a registration's details (for correcting them)."""
    return {
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "email": registration.email,
        "home_place": registration.home_place_text or (registration.home_place.name if registration.home_place else ""),
        "country": registration.country_id or "",
        "organization": registration.organization,
        "role": registration.role,
        "days": list(registration.days),
        "dietary_needs": registration.dietary_needs,
        "accessibility_needs": registration.accessibility_needs,
        "consent_list": registration.consent_list,
        "consent_public": registration.consent_public,
    }


class SettingsForm(forms.Form):
    office = forms.ChoiceField(label=_("Organizing office"))
    is_open = forms.BooleanField(label=_("Registration open"), required=False)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, required=False, help_text=_("Empty: no limit."))
    asked = forms.MultipleChoiceField(
        label=_("Fields on the form"),
        choices=Field.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Name, e-mail and consent to the list's purposes are always asked."),
    )
    intro = forms.CharField(label=_("Text above the form"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    retention_years = forms.IntegerField(
        label=_("Keep participants' data for (years after the event)"), min_value=1, max_value=30, initial=5
    )

    def __init__(self, *args: Any, offices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offices = {str(o.pk): o for o in offices}
        self.fields["office"].choices = [(str(o.pk), o.name) for o in offices]  # type: ignore[attr-defined]
        kern(self)


class ImportForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kern(self)

    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "One row per participant. Columns: given name, family name, e-mail, home town, country, "
            "organization, role, days, dietary needs, accessibility needs, consent list, consent public "
            "(German column names work too)."
        ),
    )
