"""The default response deadlines: acknowledged in 1 day, assessed in 3, feedback to the referrer in 7."""

from django.db import migrations

DEFAULTS = {"acknowledge": 1, "assess": 3, "feedback": 7}


def seed(apps, schema_editor):
    ResponseDeadline = apps.get_model("leads", "ResponseDeadline")
    for kind, days in DEFAULTS.items():
        ResponseDeadline.objects.get_or_create(kind=kind, defaults={"days": days})


class Migration(migrations.Migration):
    dependencies = [("leads", "0002_channels_conflicts_transfers")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
