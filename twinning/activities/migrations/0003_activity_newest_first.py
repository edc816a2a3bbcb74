"""An index in the lists' order of activities (newest first, undated last, then title): the home
page's latest activities and the activity list read its first rows instead of sorting them all.

Written per database: PostgreSQL needs NULLS LAST in the index to serve `start DESC NULLS LAST`;
SQLite refuses NULLS LAST in an index, and its DESC order puts NULL last already."""

from django.db import migrations

NAME = "activity_newest_first"


def create(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'CREATE INDEX {NAME} ON activities_activity ("start" DESC{nulls}, "title")')


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("activities", "0002_initial")]

    operations = [migrations.RunPython(create, drop)]
