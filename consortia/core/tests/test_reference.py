"""Reference data (`core/reference.py`): every table a new database has rows in is filled by a
registered loader, so the tests can put it all back after a transactional test emptied it
(`core/testing/fixtures.py`). Reference data added by a migration without a loader fails here."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import TransactionTestCase

from consortia.core.reference import loaders
from consortia.core.testing.fixtures import KEPT_TABLES, empty_tables, empty_written_tables, put_reference_data_back


def model_tables() -> list[str]:
    """The tables a transactional test's end empties: every model's, less those kept."""
    found = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return sorted(set(found) - KEPT_TABLES)


def row_counts(tables: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts


def test_every_table_a_new_database_has_rows_in_is_filled_by_a_loader(db: None) -> None:
    tables = model_tables()
    filled = set(tables) - set(empty_tables(connection, tables))
    assert filled  # the roles, the areas, the groups…
    covered = {table for loader in loaders() for table in loader.tables()}
    assert sorted(filled - covered) == [], (
        "These tables hold rows in a new database but no reference-data loader fills them: register "
        "the loader the migration calls with @reference_data in the app's reference.py (core/reference.py)."
    )


def test_every_loader_names_tables_a_new_database_has_rows_in(db: None) -> None:
    for loader in loaders():
        assert loader.own_tables(), loader.name
        assert empty_tables(connection, loader.own_tables()) == [], loader.name


class _Emptied(TransactionTestCase):
    """What a transactional test's end does, run from a test."""

    databases = {"default"}


@pytest.mark.django_db(transaction=True)
def test_what_a_transactional_test_empties_is_put_back_as_a_new_database_has_it(transactional_db: Any) -> None:
    tables = model_tables()
    new_database = {table: count for table, count in row_counts(tables).items() if count}
    empty_written_tables(_Emptied())
    assert set(row_counts(list(new_database)).values()) == {0}
    put_reference_data_back()
    assert row_counts(list(new_database)) == new_database
    assert {table: count for table, count in row_counts(tables).items() if count} == new_database
