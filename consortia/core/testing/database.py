"""The test database: its tables made straight from the models, then completed with what the
migrations put in besides tables.

Migrating an empty database re-renders every model once per operation, and every model is
joined to every other through the user who created it: about 75 s of CPU for each test process
and each database. Django's `TEST["MIGRATE"] = False` (set in `settings_test`) makes the tables
from the models instead, in about 5 s. What the migrations do besides making tables is then done
here, in migration order: the `RunPython` and `RunSQL` operations of the product's own migrations
(the reference data, the full-text index), run with today's models. Other packages' data
migrations only convert rows of their own that an empty database does not have, and are written
for their historical models, so they are left out. Every migration is recorded as applied, as
on a migrated database.

`tests/test_migrations.py` migrates a fresh database from nothing, as a deployment does, and
checks that it has the same tables, columns, indexes, constraints and rows as this one.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.db import connections, migrations
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings


class StaleTestDatabase(Exception):
    pass


def complete(alias: str = "default") -> None:
    """Run the migrations' data operations and record the migrations as applied, once: a
    database kept from an earlier run (`--reuse-db`) with every migration recorded is left alone,
    and one that lacks a newer migration must be made again."""
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    applied = set(recorder.applied_migrations())
    wanted = {(migration.app_label, migration.name) for migration, _backwards in plan}
    if applied >= wanted:
        return
    if applied:
        missing = ", ".join(sorted(f"{app}.{name}" for app, name in wanted - applied))
        raise StaleTestDatabase(
            f"The kept test database was made before these migrations: {missing}. Run pytest with --create-db."
        )
    # As in a migration, whose historical models have no change history.
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for migration, _backwards in plan:
            own = global_apps.get_app_config(migration.app_label).name.startswith("consortia.")
            for operation in migration.operations if own else ():
                run_data_operation(connection, migration.app_label, operation)
            recorder.record_applied(migration.app_label, migration.name)


def run_data_operation(connection, app_label: str, operation) -> None:  # type: ignore[no-untyped-def]
    """A migration's operation that changes rows rather than tables, with today's models."""
    if isinstance(operation, migrations.RunPython):
        with connection.schema_editor() as editor:  # in a transaction of its own, as a migration
            operation.code(global_apps, editor)
    elif isinstance(operation, migrations.RunSQL):
        with connection.schema_editor() as editor:  # in a transaction of its own, as a migration
            operation._run_sql(editor, operation.sql)
    elif isinstance(operation, migrations.SeparateDatabaseAndState):
        for inner in operation.database_operations:
            run_data_operation(connection, app_label, inner)
