"""Default tiers, drop reasons, scoring and health rules: data the city admin edits afterwards."""

from django.db import migrations


def seed(apps, schema_editor):
    from zhaoshang.projects.services.scoring import project_rules_ensure_defaults

    project_rules_ensure_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_dropreason_healthrule_scorerule_tierthreshold_and_more")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
