"""A database's fingerprint: its tables, their columns, indexes and constraints, its rows per
table and the migrations it records, to compare a migrated database with the test database.

Run as a program on the database named by DATABASE_URL, it prints the fingerprint as JSON:

    python -m consortia.core.testing.schema migrate      # migrate it from nothing, as a deployment does
    python -m consortia.core.testing.schema models       # make it as the test suite does (database.py)
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any

# SQLite numbers its unnamed checks and its foreign keys in the order they were written.
NUMBERED = re.compile(r"__unnamed_constraint_\d+__|fk_\d+")


def fingerprint(connection: Any) -> dict[str, Any]:
    introspection = connection.introspection
    tables: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for table in sorted(introspection.table_names(cursor)):
            if table == "django_migrations":
                continue
            columns = sorted(
                [column.name, str(column.type_code), bool(column.null_ok)]
                for column in introspection.get_table_description(cursor, table)
            )
            constraints = sorted(
                [
                    "" if NUMBERED.fullmatch(name) else name,
                    list(details["columns"] or []),
                    bool(details["primary_key"]),
                    bool(details["unique"]),
                    bool(details["index"]),
                    bool(details["check"]),
                    list(details["foreign_key"] or []),
                ]
                for name, details in introspection.get_constraints(cursor, table).items()
            )
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            tables[table] = {"columns": columns, "constraints": constraints, "rows": cursor.fetchone()[0]}
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        recorded = [list(row) for row in cursor.fetchall()]
    return {"tables": tables, "migrations": recorded}


def main(how: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortia.config.settings_test")
    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if how == "migrate":
        call_command("migrate", interactive=False, verbosity=0)
    elif how == "models":
        # As Django's test database creation with TEST["MIGRATE"] = False, then as conftest.py.
        from consortia.core.testing.database import complete

        kept = settings.MIGRATION_MODULES
        settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
        try:
            call_command("migrate", interactive=False, verbosity=0, run_syncdb=True)
        finally:
            settings.MIGRATION_MODULES = kept
        complete()
    else:
        raise SystemExit(f"Say how to make the database: migrate or models, not {how!r}.")
    json.dump(fingerprint(connection), sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
