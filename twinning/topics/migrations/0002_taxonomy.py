from django.db import migrations


def load(apps, schema_editor):
    from twinning.topics.services import taxonomy_sync

    taxonomy_sync(sdg_model=apps.get_model("topics", "SDG"), topic_model=apps.get_model("topics", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
