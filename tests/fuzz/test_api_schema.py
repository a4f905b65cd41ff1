"""Fuzzing the REST API from its own OpenAPI schema (schemathesis, in-process through WSGI).

Every operation the schema lists is called a few times with requests that schemathesis draws
from the schema, signed in with the hub manager's API token (the role that reaches every
endpoint). No answer may be a server error, and every answer must match what the schema
promises for it. The examples are few and derandomised, so CI sees the same requests every run;
each operation runs in a savepoint that is rolled back, so what one creates is gone before the
next, and the whole test's transaction is rolled back at its end.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from consortia.core.testing.api import served_schema
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db

# Examples per operation: the API has over 600 operations, and CI runs this on both databases.
# FUZZ_EXAMPLES raises it for a longer run by hand (e.g. FUZZ_EXAMPLES=50).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
CHECKS = [not_a_server_error, response_schema_conformance]
PER_OPERATION = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the report names the request as sent
    suppress_health_check=list(HealthCheck),
)


@contextmanager
def database_kept_open() -> Iterator[None]:
    """Requests through the WSGI handler close the database connection when they finish, which
    would end the test's transaction; Django's test client turns that off in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def failure_text(error: BaseException) -> str:
    text = str(error).strip() or repr(error)
    return text if len(text) < 3000 else text[:3000] + " …"


def test_every_operation_answers_without_server_errors_as_the_schema_says(personas: Personas) -> None:
    schema = schemathesis.openapi.from_dict(served_schema(personas))
    schema.app = get_wsgi_application()
    headers = {"Authorization": f"Token {Token.objects.create(user=personas.manager).key}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 100, "the schema lists too few operations: is the router empty?"

    failures: list[str] = []
    timings: list[tuple[float, str]] = []
    with database_kept_open():
        for operation in operations:

            @PER_OPERATION
            @given(case=operation.as_strategy())
            def call(case: Any) -> None:
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS, headers=headers)

            started = time.monotonic()
            try:
                with transaction.atomic():
                    call()
                    transaction.set_rollback(True)
            # schemathesis reports failed checks as a BaseExceptionGroup; every operation is tried.
            except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001
                failures.append(f"{operation.label}:\n{failure_text(error)}")
            timings.append((time.monotonic() - started, operation.label))

    slowest = ", ".join(f"{label} {seconds:.1f} s" for seconds, label in sorted(timings, reverse=True)[:5])
    print(f"{len(operations)} operations, {EXAMPLES} examples each; slowest: {slowest}")
    assert not failures, f"{len(failures)} of {len(operations)} operations failed:\n\n" + "\n\n".join(failures)
