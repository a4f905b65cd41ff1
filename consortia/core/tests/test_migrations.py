"""The test suite's database is made from the models (consortia/core/testing/database.py); a
deployment's is made by migrating. This test makes one of each, on the database the suite runs
on, and checks that they are the same: tables, columns, indexes, constraints, rows per table
(the reference data, the roles) and the migrations recorded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
# Django's own: the groups' permissions table, made by auth's first migration, has a 64-bit id
# on PostgreSQL when migrated and a 32-bit one when made from the model. Nothing refers to it.
ID_TYPE_DIFFERS = {"auth_group_permissions"}


def without_known_differences(tables: dict[str, Any]) -> dict[str, Any]:
    for table in ID_TYPE_DIFFERS & set(tables):
        tables[table]["columns"] = [
            [name, "" if name == "id" else kind, null] for name, kind, null in tables[table]["columns"]
        ]
    return tables


@contextmanager
def scratch_database(tmp_path: Path, label: str) -> Iterator[str]:
    """The URL of a new, empty database of the suite's kind, removed afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / label}.sqlite3"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"consortia_{label}_{uuid.uuid4().hex[:8]}"
    params = {"host": settings["HOST"] or "127.0.0.1", "port": settings["PORT"] or 5432, "user": settings["USER"]}
    if settings["PASSWORD"]:
        params["password"] = settings["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    try:
        yield f"postgres://{params['user']}{password}@{params['host']}:{params['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def made(how: str, url: str) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "consortia.config.settings_test"}
    done = subprocess.run(
        [sys.executable, "-m", "consortia.core.testing.schema", how],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_migrating_from_nothing_gives_the_database_the_tests_run_on(tmp_path: Path) -> None:
    with scratch_database(tmp_path, "migrated") as migrated_url, scratch_database(tmp_path, "modelled") as models_url:
        migrated = made("migrate", migrated_url)
        modelled = made("models", models_url)
    assert len(migrated["tables"]) > 200
    assert sorted(migrated["tables"]) == sorted(modelled["tables"])
    migrated_tables = without_known_differences(migrated["tables"])
    modelled_tables = without_known_differences(modelled["tables"])
    differing = [table for table, shape in migrated_tables.items() if modelled_tables[table] != shape]
    assert not differing, {table: (migrated_tables[table], modelled_tables[table]) for table in differing[:3]}
    assert migrated["migrations"] == modelled["migrations"]
    # The reference data is there, so the comparison of rows compares something.
    assert migrated["tables"]["directory_area"]["rows"] > 300
    assert migrated["tables"]["auth_group"]["rows"] > 5
