"""The search documents: one row per searchable record, its title and its text as shown to readers.

The full-text index over them depends on the database (see `backends`): a GIN index on the german
tsvector of title and text on PostgreSQL, an FTS5 table of German stems on SQLite."""

from django.db import models


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article"
        ACTIVITY = "activity"
        PROGRAMME = "programme"
        ORGANIZATION = "organization"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    day = models.DateField(null=True, blank=True)  # the record's date, to show and to break ties

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
