"""The upload form of the background jobs is labelled in German for a German office editor."""

from django.utils import translation

from twinning.jobs.forms import ImportForm


def test_import_form_labels_are_german() -> None:
    with translation.override("de"):
        form = ImportForm()
        labels = [str(field.label) for field in form.fields.values()]
    assert "Partnerstadt-Datei" in labels
    assert "Twin-town file" not in labels
