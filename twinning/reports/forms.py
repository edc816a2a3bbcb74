from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import programme_choices


class FundingForm(forms.Form):
    programme = forms.ChoiceField(label=_("funding programme"), required=False)
    reference = forms.CharField(label=_("grant reference"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("none")), *programme_choices()]
