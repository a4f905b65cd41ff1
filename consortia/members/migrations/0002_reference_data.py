from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from consortia.members.reference_capabilities import load_capability_reference
    from consortia.members.reference_diligence import load_diligence_reference

    load_capability_reference(apps)
    load_diligence_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
