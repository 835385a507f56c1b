from django.db import migrations

KINDS = [
    ("training", "szkolenie", "training"),
    ("expert_training", "szkolenie dla ekspertów", "expert training"),
    ("workshop", "warsztat", "workshop"),
    ("consultation_meeting", "spotkanie informacyjno-konsultacyjne", "information-consultation meeting"),
    ("transnational_meeting", "spotkanie ponadnarodowe", "transnational meeting"),
    ("debate", "debata", "debate"),
    ("conference", "konferencja", "conference"),
    ("webinar", "webinarium", "webinar"),
]


def create_kinds(apps, schema_editor):
    EventKind = apps.get_model("events", "EventKind")
    for order, (code, name, name_en) in enumerate(KINDS):
        EventKind.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en, "order": order})


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(create_kinds, migrations.RunPython.noop)]
