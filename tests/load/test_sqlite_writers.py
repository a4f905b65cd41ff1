"""Ten concurrent writers on SQLite, with the product's own SQLite settings, and no "database is
locked": each writer reads then writes inside a transaction (the pattern that makes SQLite's
default, deferred, transactions fail at once when two writers meet, whatever the busy timeout).

The product's SQLite OPTIONS are read from the real settings in a subprocess with no
DATABASE_URL, so this test checks them whichever database the suite itself runs on; the writers
use a temporary file database of their own (the test database may be in memory or PostgreSQL).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connections, transaction

from consortia.core.models import ImportJob

WRITERS = 10
WRITES_EACH = 20
ALIAS = "sqlite_writers"
ROOT = Path(__file__).resolve().parent.parent.parent


def product_sqlite_settings(path: Path) -> dict[str, Any]:
    """The `default` database the product's settings give when no DATABASE_URL is set."""
    script = (
        "import json; from consortia.config import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"SQLITE_PATH": str(path), "SECRET_KEY": "x" * 50, "DEBUG": "false"}
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(found.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture
def sqlite_file(tmp_path: Path, django_db_blocker: Any) -> Any:
    """A second database alias on a new SQLite file with the product's settings and the table."""
    database = product_sqlite_settings(tmp_path / "writers.sqlite3")
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    connections.settings[ALIAS] = database
    connections.configure_settings(connections.settings)
    with django_db_blocker.unblock():
        with connections[ALIAS].schema_editor() as editor:
            editor.create_model(get_user_model())  # ImportJob.created_by's table must exist
            editor.create_model(ImportJob)
        yield database
        connections[ALIAS].close()
    del connections.settings[ALIAS]


def test_ten_concurrent_writers_lose_nothing_and_never_see_locked(sqlite_file: Any, django_db_blocker: Any) -> None:
    start = threading.Barrier(WRITERS)
    errors: list[str] = []

    def writer(number: int) -> None:
        try:
            start.wait()
            for n in range(WRITES_EACH):
                # Read, then write, in one transaction: a deferred transaction would hold a read
                # lock it cannot upgrade while another writer holds the write lock.
                with transaction.atomic(using=ALIAS):
                    done = ImportJob.objects.using(ALIAS).filter(importer=f"writer-{number}").count()
                    ImportJob.objects.using(ALIAS).create(
                        model_label="tests.load", importer=f"writer-{number}", filename=f"{number}-{done}-{n}.csv"
                    )
        except DatabaseError as error:  # "database is locked" above all; anything else fails the count
            errors.append(f"writer {number}: {type(error).__name__}: {error}")
        finally:
            # Every connection this thread opened, the test database's too (a signal may use it):
            # one left open would stop PostgreSQL's test database from being dropped at the end.
            connections.close_all()

    with django_db_blocker.unblock():
        threads = [threading.Thread(target=writer, args=(number,)) for number in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        rows = ImportJob.objects.using(ALIAS).filter(model_label="tests.load")
        assert rows.count() == WRITERS * WRITES_EACH
        # Each writer saw its own earlier writes: the count it read was right every time.
        for number in range(WRITERS):
            names = set(rows.filter(importer=f"writer-{number}").values_list("filename", flat=True))
            assert names == {f"{number}-{n}-{n}.csv" for n in range(WRITES_EACH)}
        assert connections[ALIAS].settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
