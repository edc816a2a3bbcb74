from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from twinning.imports.files import FORMATS


def _check_size(upload: UploadedFile | None) -> None:
    limit = settings.TWINNING_MAX_INPUT_BYTES
    if upload is not None and (upload.size or 0) > limit:
        raise ValidationError(
            _("%(name)s is %(size)s bytes, more than the limit of %(limit)s bytes"),
            params={"name": upload.name, "size": upload.size, "limit": limit},
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented pattern for an <input type=file multiple>."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> list[object]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Twin-town file"), help_text=_("CSV (Wikipedia lists), relations TSV (Wikidata) or SPARQL JSON")
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("from the file extension"))] + [(f, f) for f in FORMATS],
        required=False,
    )
    names = forms.FileField(label=_("Names file (Wikidata TSV pair only)"), required=False)
    source = forms.CharField(label=_("Name of the dataset"), max_length=200, required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        _check_size(upload)
        return upload

    def clean_names(self) -> object:
        upload = self.cleaned_data.get("names")
        _check_size(upload)
        return upload


class IngestForm(forms.Form):
    releases = MultipleFileField(label=_("Press releases"), help_text=_("text or HTML files, several at once"))

    def clean_releases(self) -> list[object]:
        uploads = self.cleaned_data["releases"]
        for upload in uploads:
            _check_size(upload)
        return list(uploads)
