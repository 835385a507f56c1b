from django.db import migrations


def seed(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    Category.objects.get_or_create(
        slug="training-projects", defaults={"name_pl": "Projekty szkoleniowe", "name_en": "Training projects"}
    )


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
