"""Queries that cost PostgreSQL more to plan than to run, planned once per connection.

The dashboard asks two such questions on every visit: the latest changes across about ninety
history tables, and a count of the rows of about a hundred record types. PostgreSQL planned the
first in about 10 ms and ran it in under 1; Django's cursors bind parameters in Python, so
psycopg never prepares a statement by itself. Here the query is prepared on the server the first
time a connection runs it (`PREPARE`, in the same round trip as its first `EXECUTE`) and only
executed after that: PostgreSQL keeps the plan and replans by itself when a table it reads
changes. Other databases (SQLite plans these in microseconds) run the query as it is.

A prepared statement belongs to its connection and outlives a rolled-back transaction, so the
names prepared are remembered per connection, and a new connection (after CONN_MAX_AGE, or a
dropped one) prepares them again. Each query's parameters are written into its text first, so one
statement is one question with its answers' values fixed (the dashboard's are the same for every
staff user with the same rights); a connection keeps at most PREPARED_PER_CONNECTION of them.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Sequence
from typing import Any

from django.db import connection

PREPARED_PER_CONNECTION = 200

# Per open psycopg connection, the statements prepared on it (by name).
_prepared: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
# Per connection, the statements whose first run failed: PREPARE is not undone by the error (nor
# by a rollback), so whether the server holds the statement is asked before preparing it again.
_doubtful: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()


def statement_name(text: str) -> str:
    """The prepared statement's name for this query text (the same in every process)."""
    return "consortia_" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:24]


def fetch_all(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Every row of `sql` (Django's placeholders, `params` its values): prepared on PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchall()
        text = connection.ops.compose_sql(sql, params)  # type: ignore[attr-defined]  # PostgreSQL's own
        name = statement_name(text)
        names = _prepared.setdefault(connection.connection, set())
        doubtful = _doubtful.setdefault(connection.connection, set())
        if name in doubtful:
            cursor.execute("SELECT 1 FROM pg_prepared_statements WHERE name = %s", [name])
            if cursor.fetchone():
                names.add(name)
            doubtful.discard(name)
        if name in names:
            cursor.execute(f"EXECUTE {name}")
            return cursor.fetchall()
        statements = [f"PREPARE {name} AS {text}", f"EXECUTE {name}"]
        if len(names) >= PREPARED_PER_CONNECTION:
            statements.insert(0, "DEALLOCATE ALL")
            names.clear()
        # One round trip: the statement is prepared and run; the rows are the last statement's.
        try:
            cursor.execute("; ".join(statements))
        except Exception:
            doubtful.add(name)
            raise
        for _ in statements[1:]:
            cursor.nextset()
        names.add(name)
        return cursor.fetchall()


def prepared_here() -> set[str]:
    """The names of the statements this process has prepared on its current connection."""
    if connection.vendor != "postgresql" or connection.connection is None:
        return set()
    return set(_prepared.get(connection.connection, ()))
