"""The starter list of policy areas (adds the missing ones; `manage.py load_policy_areas` does the same)."""

from django.db import migrations


def add_starter_areas(apps, schema_editor):  # type: ignore[no-untyped-def]
    from consortia.policies.reference import load_policy_areas

    load_policy_areas(apps)


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_policies_and_risks")]

    operations = [migrations.RunPython(add_starter_areas, migrations.RunPython.noop)]
