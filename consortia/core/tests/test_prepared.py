"""Queries planned once per connection (core/prepared.py): the same rows as running them plainly,
prepared on PostgreSQL the first time a connection asks and only executed after that, prepared
again on a new connection, and never more than the limit kept on one connection."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from consortia.core import prepared
from consortia.core.views import home
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db

COUNT = 'SELECT COUNT(*) FROM "directory_organisation" WHERE "name" LIKE %s'


def _on_server() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


def _plain(sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_the_rows_are_the_plain_query_s_and_follow_the_data() -> None:
    OrganisationFactory(name="Burnley Community Centre")
    OrganisationFactory(name="Wyre Food Bank")
    params = ["%Centre%"]
    first = prepared.fetch_all(COUNT, params)
    assert first == _plain(COUNT, params) == [(1,)]
    OrganisationFactory(name="Pendle Youth Centre")
    # A prepared statement is a plan, not an answer: the second run sees the new row.
    assert prepared.fetch_all(COUNT, params) == [(2,)]


def test_a_percent_sign_in_the_query_means_what_it_means_to_django() -> None:
    OrganisationFactory(name="50% Club")
    sql = 'SELECT COUNT(*) FROM "directory_organisation" WHERE "name" LIKE \'50%%\''
    assert prepared.fetch_all(sql) == _plain(sql) == [(1,)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
@pytest.mark.django_db(transaction=True)  # it closes the connection, which a test transaction cannot survive
def test_postgresql_prepares_once_per_connection_in_one_round_trip() -> None:
    params = ["%Hall%"]  # a question no other test asks on this connection
    name = prepared.statement_name(connection.ops.compose_sql(COUNT, params))
    with CaptureQueriesContext(connection) as first:
        prepared.fetch_all(COUNT, params)
    assert len(first) == 1
    assert first[0]["sql"].startswith(f"PREPARE {name} AS ")
    assert name in _on_server()
    assert name in prepared.prepared_here()
    with CaptureQueriesContext(connection) as second:
        prepared.fetch_all(COUNT, params)
    assert [query["sql"] for query in second] == [f"EXECUTE {name}"]
    # A statement prepared in a transaction that rolls back stays prepared, as PostgreSQL keeps it.
    other = ["%Bank%"]
    with transaction.atomic():
        prepared.fetch_all(COUNT, other)
        transaction.set_rollback(True)
    assert prepared.fetch_all(COUNT, other) == _plain(COUNT, other)
    # A new connection has none: it prepares again rather than executing what is not there.
    connection.close()
    assert name not in prepared.prepared_here()
    assert prepared.fetch_all(COUNT, params) == _plain(COUNT, params)
    assert name in _on_server()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_a_first_run_that_failed_after_preparing_does_not_fail_every_later_one() -> None:
    # Planned fine, fails when run (no organisation to divide by): the PREPARE stays on the server.
    sql = 'SELECT 1 / (SELECT COUNT(*) FROM "directory_organisation" WHERE "name" LIKE %s)'
    params = ["%Almshouse%"]
    name = prepared.statement_name(connection.ops.compose_sql(sql, params))
    with pytest.raises(DatabaseError), transaction.atomic():
        prepared.fetch_all(sql, params)
    assert name in _on_server()
    OrganisationFactory(name="Almshouse Trust")
    # Without care this would try PREPARE again and fail with "already exists" on every visit.
    assert prepared.fetch_all(sql, params) == [(1,)]
    assert name in prepared.prepared_here()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_connection_keeps_no_more_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepared, "PREPARED_PER_CONNECTION", 2)
    connection.close()  # start from a connection with nothing prepared
    names = []
    for word in ("Centre", "Bank", "Trust"):
        params = [f"%{word}%"]
        names.append(prepared.statement_name(connection.ops.compose_sql(COUNT, params)))
        assert prepared.fetch_all(COUNT, params) == _plain(COUNT, params)
    on_server = {name for name in _on_server() if name.startswith("consortia_")}
    assert on_server == prepared.prepared_here() == {names[2]}


def test_the_dashboard_s_counts_and_latest_changes_are_the_same_asked_twice(personas: Personas) -> None:
    OrganisationFactory(name="Burnley Community Centre")
    models = [Organisation]
    assert home.count_visible(personas.manager, models) == [Organisation.objects.count()]
    changes = home.recent_changes(personas.manager)
    assert changes
    assert changes[0]["name"] == "Burnley Community Centre"
    OrganisationFactory(name="Wyre Food Bank")
    assert home.count_visible(personas.manager, models) == [Organisation.objects.count()]
    assert home.recent_changes(personas.manager)[0]["name"] == "Wyre Food Bank"
