"""The starter list of policy areas (adds the missing ones; `manage.py load_policy_areas` does the same)."""

from django.db import migrations

from consortia.policies.starter import STARTER_AREAS


def add_starter_areas(apps, schema_editor):  # type: ignore[no-untyped-def]
    PolicyArea = apps.get_model("policies", "PolicyArea")
    for name, description in STARTER_AREAS:
        PolicyArea.objects.get_or_create(name=name, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_policies_and_risks")]

    operations = [migrations.RunPython(add_starter_areas, migrations.RunPython.noop)]
