"""The permission to decide review suggestions and the editors' group "Redaktion" holding it."""

from django.db import migrations

from twinning.core.groups import ensure_group, remove_group

GROUP = "Redaktion"


def forwards(apps, schema_editor):
    ensure_group(
        apps,
        group=GROUP,
        permissions=[
            ("review", "suggestion", "decide_suggestion", "Can accept, merge, edit or reject suggestions"),
            ("review", "suggestion", "view_suggestion", "Can view suggestion"),
        ],
    )


def backwards(apps, schema_editor):
    remove_group(apps, group=GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("review", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="suggestion",
            options={
                "ordering": ["article", "span_start", "pk"],
                "permissions": [("decide_suggestion", "Can accept, merge, edit or reject suggestions")],
                "verbose_name": "suggestion",
                "verbose_name_plural": "suggestions",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
