"""Database functions the ORM lacks, written for both databases Consortia runs on."""

from __future__ import annotations

from typing import Any

from django.db.models import Func, IntegerField


class DaysBetween(Func):
    """Whole calendar days from the second date to the first (negative when it is earlier)."""

    arity = 2
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # date - date is a whole number of days in PostgreSQL
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)
