"""The default exclusion categories (什么不计入): data the city admin edits afterwards."""

from django.db import migrations

from zhaoshang.assessment.policy import DEFAULT_CATEGORIES as CATEGORIES


def seed(apps, schema_editor):
    category = apps.get_model("assessment", "ExclusionCategory")
    for i, (code, label, description) in enumerate(CATEGORIES):
        category.objects.get_or_create(code=code, defaults={"label": label, "description": description,
                                                            "sort_order": i})


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
