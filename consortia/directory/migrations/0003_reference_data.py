"""Load the organisation roles and the UK areas (ONS codes) the directory ships with."""

from django.db import migrations


def load(apps, schema_editor):
    from consortia.directory.reference import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_record_authors_and_links")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
