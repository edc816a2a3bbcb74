"""Workbench forms: they parse and validate input (naming the field); writes go through services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from twinning.activities.models import Activity, OrganizationRole
from twinning.core.dates import PartialDate
from twinning.core.errors import ValidationFailed
from twinning.core.models import Visibility
from twinning.directory.models import ContactDetail, Organization, Person
from twinning.offices.models import Role
from twinning.partnerships.models import Partnership
from twinning.places.models import Place
from twinning.topics.models import Topic


class PartialDateField(forms.CharField):
    """A date of known precision: "1986", "1986-05" or "1986-05-23"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("1986, 1986-05 or 1986-05-23"))
        super().__init__(max_length=10, **kwargs)

    def clean(self, value: Any) -> PartialDate | None:  # type: ignore[override]
        text = super().clean(value)
        try:
            return PartialDate.parse(text or None)
        except ValidationFailed as error:
            raise forms.ValidationError(error.message) from error


def check_range(form: forms.Form, data: dict[str, Any], message: Any = None) -> None:
    """The end (field "end") must not lie before the start (field "start")."""
    start, end = data.get("start"), data.get("end")
    if start and end and end.last_day() < start.value:
        form.add_error("end", message or _("The end lies before the start."))


class PlacesField(forms.ModelMultipleChoiceField):
    """Places chosen with the search picker (their primary keys come from the picker's checkboxes)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Place.objects.select_related("country"), widget=forms.MultipleHiddenInput, **kwargs)


class PartnershipForm(forms.Form):
    places = PlacesField(label=_("partner places"), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=Partnership.Kind.choices)
    status = forms.ChoiceField(label=_("status"), choices=Partnership.Status.choices)
    established = PartialDateField(label=_("established"))
    ended = PartialDateField(label=_("ended"))
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    supporting_organizations = forms.ModelMultipleChoiceField(
        label=_("supporting organizations"), queryset=Organization.objects.none(), required=False
    )
    contacts = forms.ModelMultipleChoiceField(
        label=_("contact persons"), queryset=Person.objects.none(), required=False
    )
    source_url = forms.URLField(label=_("source (web address)"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        established, ended = data.get("established"), data.get("ended")
        if established and ended and ended.last_day() < established.value:
            self.add_error("ended", _("The end lies before the establishment."))
        if data.get("status") == Partnership.Status.ENDED and not ended and "ended" not in self.errors:
            self.add_error("ended", _("An ended partnership needs the date it ended (a year is enough)."))
        return data


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    kind = forms.ChoiceField(label=_("kind"), choices=Activity.Kind.choices)
    direction = forms.ChoiceField(label=_("direction"), choices=Activity.Direction.choices, required=False)
    format = forms.ChoiceField(label=_("format"), choices=Activity.Format.choices)
    start = PartialDateField(label=_("start"), required=True)
    end = PartialDateField(label=_("end"))
    venue = forms.CharField(label=_("venue"), max_length=300, required=False)
    place = forms.ModelChoiceField(
        label=_("place"), queryset=Place.objects.all(), required=False, widget=forms.HiddenInput
    )
    partnerships = forms.ModelMultipleChoiceField(
        label=_("partnerships"),
        queryset=Partnership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hosts = forms.ModelMultipleChoiceField(label=_("hosts"), queryset=Organization.objects.none(), required=False)
    organizers = forms.ModelMultipleChoiceField(
        label=_("organizers"), queryset=Organization.objects.none(), required=False
    )
    funders = forms.ModelMultipleChoiceField(label=_("funders"), queryset=Organization.objects.none(), required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("topics"), queryset=Topic.objects.order_by("slug"), required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    follow_up_of = forms.ModelChoiceField(label=_("follow-up of"), queryset=Activity.objects.none(), required=False)
    outcomes = forms.CharField(
        label=_("outcomes and agreements"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    participant_count = forms.IntegerField(label=_("participants"), min_value=0, required=False)
    participant_count_text = forms.CharField(label=_("participants as stated"), max_length=100, required=False)

    ORG_ROLES = {
        "hosts": OrganizationRole.HOSTS,
        "organizers": OrganizationRole.ORGANIZES,
        "funders": OrganizationRole.FUNDS,
    }

    def __init__(
        self, *args: Any, partnerships: Any = None, organizations: Any = None, activities: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if activities is not None:
            self.fields["follow_up_of"].queryset = activities  # type: ignore[attr-defined]
        if partnerships is not None:
            self.fields["partnerships"].queryset = partnerships  # type: ignore[attr-defined]
        organizations = organizations if organizations is not None else Organization.objects.all()
        for name in self.ORG_ROLES:
            self.fields[name].queryset = organizations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_range(self, data)
        return data

    def service_args(self) -> dict[str, Any]:
        """The valid form as keyword arguments of `activity_create`/`activity_update` (the workbench's
        form and the API's writes both go through it)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "direction": data["direction"] or "",
            "format": data["format"],
            "start": data["start"],
            "end": data["end"],
            "venue": data["venue"],
            "place": data["place"],
            "partnerships": list(data["partnerships"]),
            "topics": list(data["topics"]),
            "organizations": [(o, role) for name, role in self.ORG_ROLES.items() for o in data[name]],
            "description": data["description"],
            "outcomes": data["outcomes"],
            "follow_up_of": data["follow_up_of"],
            "participant_count": data["participant_count"],
            "participant_count_text": data["participant_count_text"],
        }


class LegForm(forms.Form):
    """One stop of a trip (Krefeld → Washington → Charlotte): the place is chosen with the search picker."""

    place = forms.ModelChoiceField(
        label=_("place"), queryset=Place.objects.all(), required=False, widget=forms.HiddenInput
    )
    start = PartialDateField(label=_("from"))
    end = PartialDateField(label=_("until"))
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.cleaned_data.get("DELETE"):
            return data
        filled = any(data.get(name) for name in ("start", "end", "note"))
        if filled and not data.get("place") and "place" not in self.errors:
            self.add_error("place", _("Choose the place of this leg with the search."))
        check_range(self, data)
        return data


# Three empty rows below the existing legs: enough for a trip Krefeld → Washington → Charlotte at
# once, and more after saving. ORDER renumbers the legs, DELETE removes one.
LegFormSet = forms.formset_factory(LegForm, extra=3, can_order=True, can_delete=True)


def legs_from(formset: Any) -> list[tuple[Place, PartialDate | None, PartialDate | None, str]]:
    """The valid formset's legs in their order (as the activity services take them)."""
    return [
        (form.cleaned_data["place"], form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data["note"])
        for form in formset.ordered_forms
        if form.cleaned_data.get("place")
    ]


class ParticipationForm(forms.Form):
    person: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("person"), queryset=Person.objects.none(), widget=forms.HiddenInput
    )
    role = forms.CharField(label=_("role"), max_length=300, required=False)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["person"].error_messages["required"] = _("Choose a person with the search above.")


class PersonForm(forms.Form):
    honorific = forms.CharField(label=_("title"), max_length=40, required=False)
    name = forms.CharField(label=_("name"), max_length=200)
    visibility = forms.ChoiceField(label=_("visibility"), choices=Visibility.choices, initial=Visibility.INTERNAL)
    function = forms.CharField(label=_("function"), max_length=300, required=False)
    organization = forms.ModelChoiceField(
        label=_("at organization"), queryset=Organization.objects.none(), required=False
    )
    is_contact = forms.BooleanField(label=_("contact person (shown in the contact box)"), required=False)

    def __init__(self, *args: Any, organizations: Any = None, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        if creating:
            self.fields["function"].required = True
        else:
            for name in ("function", "organization", "is_contact"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("visibility") == Visibility.PUBLIC and not self.initial.get("has_consent"):
            self.add_error("visibility", _("Record the person's consent first (below) before showing them in public."))
        return data


class ContactDetailForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ContactDetail.Kind.choices)
    value = forms.CharField(label=_("value"), max_length=500)
    visibility = forms.ChoiceField(label=_("visibility"), choices=Visibility.choices, initial=Visibility.INTERNAL)


class RoleForm(forms.Form):
    """A person's function at one of the office's organizations (or for the office's place)."""

    function = forms.CharField(label=_("function"), max_length=300)
    organization = forms.ModelChoiceField(
        label=_("at organization"), queryset=Organization.objects.none(), required=False
    )
    start = PartialDateField(label=_("since"))
    end = PartialDateField(label=_("until"))
    is_contact = forms.BooleanField(label=_("contact person (shown in the contact box)"), required=False)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_range(self, data)
        return data


class ConsentForm(forms.Form):
    given = forms.BooleanField(label=_("consent to public display given"), required=False)
    on = forms.DateField(label=_("date of consent"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("how it was given"), max_length=300, required=False)
    make_public = forms.BooleanField(label=_("show in public now"), required=False)


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=300)
    short_name = forms.CharField(label=_("short name"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=Organization.Kind.choices)
    seat = forms.ModelChoiceField(label=_("seat"), queryset=Place.objects.none())
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, seats: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = seats  # type: ignore[attr-defined]


class ContactBoxForm(forms.Form):
    contact_heading = forms.CharField(label=_("heading"), max_length=200, required=False)
    contact_text = forms.CharField(
        label=_("unit, address, opening hours"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    contact_email = forms.EmailField(label=_("e-mail"), required=False)
    contact_phone = forms.RegexField(
        label=_("phone"),
        regex=r"^\+?[0-9][0-9 ()/.\-]{4,40}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number such as 02151 86-2010.")},
    )
    contact_room = forms.CharField(label=_("room"), max_length=60, required=False)
    contact_web = forms.URLField(label=_("web page"), required=False, assume_scheme="https")


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("e-mail"))
    role = forms.ChoiceField(label=_("role"), choices=Role.choices, initial=Role.EDITOR)


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(label=_("user name"), max_length=150, required=False)
    password1 = forms.CharField(label=_("password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("password again"), widget=forms.PasswordInput, strip=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class ArticleForm(forms.Form):
    text = forms.CharField(label=_("press release text"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
    file = forms.FileField(label=_("or a file (text or HTML)"), required=False)
    published = forms.DateField(label=_("published on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("file"):
            self.add_error("text", _("Paste the text or choose a file."))
        return data
