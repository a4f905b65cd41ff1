"""What every benchmark scenario shares: the scratch database, the signed-in hub manager, the
timing loop, query counting and the JSON lines.

A scenario (`bench/directory.py`, `bench/members.py`…) builds its data in a fresh scratch
database that `bench/run.py` makes for it, times what it times with the helpers here, prints a
JSON line per measurement with `emit()`, and sums its lines up for the summary line.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WARMUP = 3
MIN_SAMPLES = 5


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def emit(line: dict[str, Any]) -> None:
    """One JSON line of figures on stdout (progress goes to stderr, so stdout keeps only figures)."""
    print(json.dumps(line), flush=True)


# --- the scratch database ------------------------------------------------------------------------


def postgres_admin_connection() -> Any:
    """An autocommit connection to the server's maintenance database (to create and drop ours)."""
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    return psycopg.connect(
        dbname=settings.BENCH_MAINTENANCE_DATABASE,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    )


def _sqlite_files(name: str) -> list[Path]:
    return [Path(f"{name}{suffix}") for suffix in ("", "-wal", "-shm")]


def database_name(scenario: str) -> str:
    """Each scenario has a database of its own, so that `--keep` keeps every one of them: the
    directory's keeps the name it always had (consortia_bench, bench.sqlite3)."""
    from django.conf import settings

    suffix = "" if scenario == "directory" else f"_{scenario}"
    if settings.BENCH_DATABASE_URL:
        return f"{settings.BENCH_DATABASE_NAME}{suffix}"
    return str(settings.BENCH_DIR / f"bench{suffix.replace('_', '-')}.sqlite3")


def create_database(scenario: str) -> str:
    """A new, empty, migrated scratch database for `scenario`; the connection points at it."""
    from django.core.management import call_command
    from django.db import connection, connections

    connections.close_all()
    name = database_name(scenario)
    # Django's connection reads its settings dict at every connect, so pointing it elsewhere
    # between scenarios is enough (nothing is connected at this point).
    connection.settings_dict["NAME"] = name
    if connection.vendor == "postgresql":
        with postgres_admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        where = f"PostgreSQL database {name}"
    else:
        for path in _sqlite_files(name):
            path.unlink(missing_ok=True)
        where = f"SQLite file {name}"
    log(f"bench: migrating the scratch database ({where})")
    call_command("migrate", verbosity=0, interactive=False)  # also loads the reference data, syncs groups
    return where


def drop_database(keep: bool) -> None:
    """Drop the scenario's scratch database (unless `keep`)."""
    from django.db import connections

    connection = connections["default"]
    vendor, name = connection.vendor, connection.settings_dict["NAME"]
    connections.close_all()
    if keep:
        log(f"bench: kept the scratch database ({name})")
        return
    if vendor == "postgresql":
        with postgres_admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        for path in _sqlite_files(name):
            path.unlink(missing_ok=True)


def remove_scratch_dir(keep: bool) -> None:
    """The temporary folder (SQLite files, static files) goes at the end, unless kept or given."""
    from django.conf import settings

    if not keep and not settings.BENCH_DIR_GIVEN:
        shutil.rmtree(settings.BENCH_DIR, ignore_errors=True)


def analyse() -> None:
    """PostgreSQL: gather statistics now, as autovacuum would soon after a load (not mid-run)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def make_hub_manager() -> Any:
    """A real user in the Hub manager role (not a superuser), so permission checks cost what they cost."""
    from django.contrib.auth.models import Group

    from consortia.users import roles
    from consortia.users.models import User

    user = User.objects.create_user("manager@bench.test", "bench-password-1234", full_name="Bench Manager")
    user.groups.add(Group.objects.get(name=roles.HUB_MANAGER))
    return user


def signed_in_client(user: Any) -> Any:
    from django.test import Client

    from consortia.users.middleware import SessionIdleMiddleware

    client = Client()
    client.force_login(user, backend="consortia.users.backends.ModelBackend")
    # Hold off the once-a-minute session refresh so that its write does not land at random
    # inside one page's timings (it is not part of any page's work).
    session = client.session
    session[SessionIdleMiddleware.KEY] = int(time.time()) + 10 * 365 * 86400
    session.save()
    return client


# --- timing --------------------------------------------------------------------------------------


@dataclass
class Timing:
    times_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    matched: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]  # nearest rank

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_ms)

    @property
    def query_count(self) -> int:
        return max(self.queries)

    @property
    def fixed(self) -> bool:
        return len(set(self.queries)) == 1


@contextmanager
def counting_queries() -> Iterator[list[int]]:
    """Count the queries sent to the database (cheaper than CaptureQueriesContext, which on SQLite
    runs an extra query per query to quote the parameters, and so would distort the times)."""
    from django.db import connection

    counter = [0]

    def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counter


LIST_MATCHED = r'id="result-count">\s*(\d+) '


def matched_rows(html: str, admin: bool, pattern: str = LIST_MATCHED) -> int | None:
    """How many rows the page says match (ours: above the table, or `pattern`; admin: in its paginator)."""
    if admin:
        block = re.search(r'<p class="paginator">(.*?)</p>', html, re.DOTALL)
        numbers = re.findall(r"(\d+)\s+[a-z]", block.group(1)) if block else []
        return int(numbers[-1]) if numbers else None
    found = re.search(pattern, html)
    return int(found.group(1).replace(",", "")) if found else None


def time_pages(
    client: Any, urls: list[str], repeat: int, budget: float, matched_pattern: str = LIST_MATCHED
) -> list[Timing]:
    """Time the pages in turn, request by request (ours, admin, ours, admin…), so that a burst of
    load from elsewhere on the machine falls on both rather than on whichever ran at the time.

    Stops early, after MIN_SAMPLES rounds, once the timed requests have taken `budget` seconds,
    so that a page answering in a second does not make the whole run take minutes.
    """
    timings = [Timing() for _ in urls]
    responses: list[Any] = [None] * len(urls)
    for _ in range(WARMUP):
        for url in urls:
            check(client.get(url), url)
    spent = 0.0
    with counting_queries() as counter:
        for round_ in range(repeat):
            if round_ >= MIN_SAMPLES and spent > budget:
                break
            for index, (url, timing) in enumerate(zip(urls, timings, strict=True)):
                counter[0] = 0
                cpu = time.process_time()
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
                timing.cpu_ms.append((time.process_time() - cpu) * 1000)
                timing.times_ms.append(elapsed * 1000)
                timing.queries.append(counter[0])
                spent += elapsed
                check(response, url)
                responses[index] = response
    for url, timing, response in zip(urls, timings, responses, strict=True):
        admin = url.startswith("/bench-admin/")
        timing.matched = matched_rows(response.content.decode(), admin, LIST_MATCHED if admin else matched_pattern)
    return timings


def check(response: Any, url: str) -> None:
    if response.status_code != 200:
        body = response.content.decode(errors="replace")[:2000]
        raise SystemExit(f"bench: {url} answered {response.status_code}, not 200:\n{body}")


def size_variants_fixed(results: list[dict[str, Any]]) -> bool:
    """Whether, within each group of pages, the variants that differ only in how many rows they
    show (or which page) all make the same number of queries: a count that grows with the rows
    shown is a query per row. Logs the groups where they do not."""
    fixed = True
    for group in sorted({line["group"] for line in results}):
        counts = {line["page"]: line["queries"] for line in results if line["group"] == group and line["size_variant"]}
        if len(set(counts.values())) > 1:
            fixed = False
            log(f"bench: {group}: the query count changes with the rows shown: {counts}")
    return fixed
