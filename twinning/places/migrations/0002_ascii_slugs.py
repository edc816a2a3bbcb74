"""Slugs must be ASCII for the <slug:> URL converter; early loads kept letters like ħ."""

from django.db import migrations


def ascii_slugs(apps, schema_editor):
    from twinning.core.text import slugify_name

    Place = apps.get_model("places", "Place")
    changed = []
    for place in Place.objects.only("id", "name", "slug").iterator(chunk_size=20_000):
        if not place.slug.isascii():
            place.slug = slugify_name(place.name)[:200]
            changed.append(place)
    Place.objects.bulk_update(changed, ["slug"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(ascii_slugs, migrations.RunPython.noop)]
