"""The permission to see internal personal data and the group "Personendaten intern" holding it."""

from django.db import migrations

from twinning.core.groups import ensure_group, remove_group

GROUP = "Personendaten intern"


def forwards(apps, schema_editor):
    ensure_group(
        apps,
        group=GROUP,
        permissions=[
            (
                "directory",
                "person",
                "view_internal_personal_data",
                "Can see internal personal data (internal people, e-mails, phones)",
            )
        ],
    )


def backwards(apps, schema_editor):
    remove_group(apps, group=GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["name"],
                "permissions": [
                    (
                        "view_internal_personal_data",
                        "Can see internal personal data (internal people, e-mails, phones)",
                    )
                ],
                "verbose_name": "person",
                "verbose_name_plural": "people",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
