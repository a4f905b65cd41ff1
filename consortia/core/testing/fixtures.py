"""pytest fixtures shared by every app's tests (loaded from the root conftest.py)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connections, transaction
from django.test import Client, TransactionTestCase, override_settings

from consortia.users.testing import Personas, make_personas

# Tables a test never changes: emptying and refilling them after every transactional test (as
# Django's flush and its post_migrate signal do) was most of a browser test's time on PostgreSQL.
KEPT_TABLES = {"django_content_type", "auth_permission"}
CHECKED_AT_ONCE = 200  # SQLite allows 500 SELECTs in one compound query


def empty_written_tables(self: TransactionTestCase) -> None:
    """After a transactional test (the browser tests): delete the rows of every table that has
    any, in one transaction, instead of Django's flush, which truncates every table and then
    re-creates the content types, permissions and groups. `put_reference_data_back` follows."""
    for name in self._databases_names(include_mirrors=False):  # type: ignore[attr-defined]
        connection = connections[name]
        tables = sorted(
            set(connection.introspection.django_table_names(only_existing=True, include_views=False)) - KEPT_TABLES
        )
        written = tables_with_rows(connection, tables)
        # Foreign keys are checked at the commit (deferred), when every referring row has gone too.
        with transaction.atomic(using=name), connection.cursor() as cursor:
            for table in written:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def put_reference_data_back() -> None:
    """The reference data the migrations load (`core/reference.py`: every app's registered
    loaders), put back where a transactional test emptied it. Done after every transactional
    test, so that the next test finds what a new test database holds, whichever test it is: one
    query finds the empty tables, and only their loaders run."""
    from django.apps import apps

    from consortia.core.reference import loaders

    connection = connections["default"]
    registered = loaders()
    empty = set(empty_tables(connection, sorted({table for loader in registered for table in loader.own_tables()})))
    # As the migrations load it: with no change history of its own.
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for loader in registered:
            if empty.intersection(loader.own_tables()):
                loader.load(apps)


def tables_with_rows(connection: Any, tables: list[str]) -> list[str]:
    """Which of `tables` have rows, in as few queries as SQLite allows (a compound query each
    CHECKED_AT_ONCE tables)."""
    quote = connection.ops.quote_name
    found: list[str] = []
    with connection.cursor() as cursor:
        for start in range(0, len(tables), CHECKED_AT_ONCE):
            chunk = tables[start : start + CHECKED_AT_ONCE]
            cursor.execute(
                " UNION ALL ".join(f"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM {quote(table)})" for table in chunk)
            )
            found += [row[0] for row in cursor.fetchall()]
    return found


def empty_tables(connection: Any, tables: list[str]) -> list[str]:
    """Which of `tables` have no rows."""
    filled = set(tables_with_rows(connection, tables))
    return [table for table in tables if table not in filled]


def _fixture_teardown(self: Any) -> None:
    empty_written_tables(self)
    put_reference_data_back()


TransactionTestCase._fixture_teardown = _fixture_teardown  # type: ignore[method-assign]


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()


@pytest.fixture
def client_for(client: Client):  # type: ignore[no-untyped-def]
    """`client_for(user)` gives a test client signed in as `user` (a fresh one each call)."""

    def sign_in(user):  # type: ignore[no-untyped-def]
        signed_in = Client()
        signed_in.force_login(user)
        return signed_in

    return sign_in


@pytest.fixture(autouse=True)
def own_rate_limits(settings: Any) -> None:
    """Each test counts its own attempts: the rate limits' counters (consortia/core/ratelimit.py)
    live in the cache, which outlasts a test, so one test's posts would use up another's."""
    settings.RATE_LIMIT_KEY_PREFIX = uuid.uuid4().hex


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    """Uploaded files go to the test's own empty folder, never the real media root."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
