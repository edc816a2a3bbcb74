from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("places", "0002_ascii_slugs")]
    operations = [
        migrations.AddField(
            model_name="place",
            name="local_names",
            field=models.JSONField(blank=True, default=dict, verbose_name="names in other languages"),
        ),
    ]
