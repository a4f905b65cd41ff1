from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from consortia.opportunities.reference import load_bid_criteria

    load_bid_criteria(apps)


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0002_notice_fulltext_index")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
