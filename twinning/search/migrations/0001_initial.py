from django.db import migrations, models

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2')"
)
PG_VECTOR = (
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('german'::regconfig, title), 'A') || "
    "setweight(to_tsvector('german'::regconfig, text), 'B')) STORED"
)
PG_GIN = "CREATE INDEX search_document_german ON search_searchdocument USING gin (vector)"


def create_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_FTS)
    elif vendor == "postgresql":
        schema_editor.execute(PG_VECTOR)
        schema_editor.execute(PG_GIN)


def drop_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_german")
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector")


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("article", "Article"),
                            ("activity", "Activity"),
                            ("programme", "Programme"),
                            ("organization", "Organization"),
                        ],
                        max_length=20,
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.CharField(max_length=500)),
                ("text", models.TextField(blank=True)),
                ("day", models.DateField(blank=True, null=True)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_unique")]
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]
