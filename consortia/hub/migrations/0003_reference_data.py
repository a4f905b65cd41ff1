"""Load the hub's delivery models, its ten functions and their suggested tasks."""

from django.db import migrations


def load(apps, schema_editor):
    from consortia.hub.reference import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0002_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
