from decimal import Decimal

from django.db import migrations

CALL = "Erasmus+ 2014–2020, KA2 transnational project meetings"
NOTE = (
    "The figures commonly cited for the 2014–2020 programme; to verify against the programme guide of the call "
    "before they are reported."
)


def seed(apps, schema_editor):
    CostCall = apps.get_model("partnerships", "CostCall")
    UnitCost = apps.get_model("partnerships", "UnitCost")
    call, created = CostCall.objects.get_or_create(name=CALL, defaults={"to_verify": True, "note": NOTE})
    if created:
        UnitCost.objects.create(call=call, band="100_1999", amount=Decimal("575.00"))
        UnitCost.objects.create(call=call, band="2000_plus", amount=Decimal("760.00"))


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
