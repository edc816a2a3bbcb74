"""Suggestions: facts proposed by extraction from an archived article, waiting for an editor's decision."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.core.models import TimeStampedModel


class Suggestion(TimeStampedModel):
    """One proposed record (a place link, a partnership, a person with role, an organization, an
    activity, a contact) with the spans of the article text it was read from."""

    class Kind(models.TextChoices):
        PLACE = "place", _("place")
        PARTNERSHIP = "partnership", _("partnership")
        PERSON = "person", _("person")
        ORGANIZATION = "organization", _("organization")
        ACTIVITY = "activity", _("activity")
        CONTACT = "contact", _("contact")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        MERGED = "merged", _("merged")
        REJECTED = "rejected", _("rejected")

    article = models.ForeignKey("press.Article", on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    # The identity of the proposal within its article ("partnership:twinning:2884509-4460243"):
    # the same fact mentioned twice is one suggestion with two spans.
    key = models.CharField(max_length=300)
    label = models.CharField(_("suggestion"), max_length=500)
    data = models.JSONField(_("proposed fields"), default=dict, help_text=_("As extracted, or as corrected."))
    extracted = models.JSONField(default=dict, help_text=_("The extraction result item, unchanged."))
    spans = models.JSONField(default=list, help_text=_("[[start, end], …] into the article text."))
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    record_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["article", "span_start", "pk"]
        # Checked through twinning.directory.access.can_decide_review, never directly.
        permissions = [("decide_suggestion", _("Can accept, merge, edit or reject suggestions"))]
        constraints = [models.UniqueConstraint(fields=["article", "kind", "key"], name="suggestion_unique_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def span(self) -> tuple[int, int] | None:
        if self.span_start is None or self.span_end is None:
            return None
        return (self.span_start, self.span_end)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
