"""The load scenario: the production-like stack (deploy/stack.py: nginx, two gunicorns, an RQ
worker, PostgreSQL) under mixed traffic from locust (bench/locustfile.py), with faults mid-run.

Starts the stack on a fresh PostgreSQL database of its own (`consortia_bench_load`, dropped first:
the demo consortium is loaded into it, then optionally the members scenario's bulk data), runs
locust headless for `--load-seconds` with `--load-users` users (staff and member users signed in
through the sign-in form; most read, two write), and meanwhile:

- at a third of the run, SIGKILLs one gunicorn master (nginx must carry on with the other), and
  `--load-web-restart` seconds later (5, its systemd unit's RestartSec) starts it again, as
  systemd would (0 leaves it down to the end);
- at half, enqueues a few harmless background tasks, SIGKILLs the worker, enqueues a few more
  while it is down, then starts the worker again.

With `--load-no-faults` nothing is killed (the same traffic and tasks): the stack's rate and p95
without faults, beside them with.

Afterwards it checks in the database that every write locust saw confirmed (a 302 to the expected
page) is there, and that every task enqueued was done. Targets: at least 100 requests a second,
p95 under 300 ms, no error reaching a user (a request nginx retried on the other gunicorn is not
an error: the user never saw it), no write and no task lost. It needs PostgreSQL whatever
BENCH_DATABASE_URL says (OWN_DATABASE: run.py makes no scratch database for it).

    .venv/bin/python bench/run.py --scenario load [--load-users 130] [--load-seconds 60] [--load-members 1000]
                                                  [--load-web-restart 5] [--load-no-faults]

This module is also the stack-side probe it runs in subprocesses (with the stack's environment):
`python -m bench.load dataset|enqueue|check …`.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NAME = "load"
OWN_DATABASE = True  # bench/run.py: no scratch database; this scenario makes its own on PostgreSQL
DATABASE = "consortia_bench_load"
LOCUST = ROOT / ".venv" / "bin" / "locust"
PYTHON = ROOT / ".venv" / "bin" / "python"
TARGET_RPS = 100.0
TARGET_P95_MS = 300.0
TASKS_EACH_SIDE = 5  # tasks enqueued just before the worker is killed, and again while it is down
TASKS_WAIT_SECONDS = 60
PROBE_LABEL = "bench.load"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--load-users",
        type=int,
        default=USERS,
        help=f"load: locust users ({USERS}: about 100 requests a second offered)",
    )
    parser.add_argument("--load-seconds", type=int, default=60, help="load: how long locust runs, in seconds (60)")
    parser.add_argument(
        "--load-members",
        type=int,
        default=1000,
        help="load: bulk members (with 4 capabilities and 10 evidence records each) added to the demo data (1000)",
    )
    parser.add_argument(
        "--load-no-faults",
        action="store_true",
        help="load: kill nothing (the same traffic and tasks, for the stack's rate without faults)",
    )
    parser.add_argument(
        "--load-web-restart",
        type=float,
        default=WEB_RESTART_SECONDS,
        help="load: seconds after the kill that the gunicorn is started again, as its systemd unit does "
        f"(RestartSec={WEB_RESTART_SECONDS:g}); 0 leaves it down to the end",
    )


# Each user waits 0.5 to 2 s between requests (bench/locustfile.py): 130 of them offer a little over
# 100 requests a second, the target's rate; fewer cannot show whether the stack serves it.
USERS = 130
# The web unit's RestartSec (deploy/systemd/consortia-web.service): a gunicorn killed in production
# is started again this long after; the load test does the same unless told otherwise.
WEB_RESTART_SECONDS = 5.0


def check_args(args: argparse.Namespace) -> None:
    if args.load_users < 3:
        raise SystemExit("bench: --load-users must be at least 3 (two writers and a reader)")
    if args.load_seconds < 15:
        raise SystemExit("bench: --load-seconds must be at least 15 (the faults need room)")
    if not 0 <= args.load_web_restart <= args.load_seconds / 6:
        raise SystemExit("bench: --load-web-restart must be between 0 and a sixth of --load-seconds")
    if args.load_members < 0:
        raise SystemExit("bench: --load-members cannot be negative")


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _probe(env: dict[str, str], *arguments: str) -> Any:
    """Run this module's probe in the stack's environment; its JSON answer. It is the benchmark's
    own bookkeeping, not traffic, so it runs at the lowest priority (its Django start-up would
    otherwise take CPU from the requests being measured)."""
    result = subprocess.run(
        ["nice", "-n", "19", str(PYTHON), "-m", "bench.load", *arguments],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"bench: the load probe {arguments[0]} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _drop_database(name: str) -> None:
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-qc",
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        ],
        check=True,
        capture_output=True,
    )


def _aggregated(stats_csv: Path) -> dict[str, str]:
    with stats_csv.open() as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                return row
    raise SystemExit(f"bench: no Aggregated row in {stats_csv}")


def _wait_until(moment: float, process: subprocess.Popen[bytes]) -> bool:
    """Sleep until `moment` (monotonic); False if locust ended first."""
    while time.monotonic() < moment:
        if process.poll() is not None:
            return False
        time.sleep(0.2)
    return True


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    from bench.common import emit
    from deploy import stack

    state = stack._load_state()
    if state is not None and state.database == DATABASE:
        with contextlib.redirect_stdout(sys.stderr):
            stack.down()  # a leftover of an earlier run: start from nothing
    stack._ensure_postgres()
    _drop_database(DATABASE)
    run_id = uuid.uuid4().hex[:8]
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    writes = folder / "writes.jsonl"
    writes.touch()
    _log(f"bench: starting the stack on {DATABASE} (migrate, demo data, two gunicorns, worker, nginx)")
    started = time.monotonic()
    with contextlib.redirect_stdout(sys.stderr):  # the stack's progress is not a JSON line
        running = stack.up(database=DATABASE)
    try:
        env = stack.environment(DATABASE)
        _log(f"bench: the stack is up in {time.monotonic() - started:.0f} s: {running.pids()}")
        dataset: dict[str, int] = {}
        if args.load_members:
            members = args.load_members
            _log(f"bench: adding {members} bulk members to the demo data")
            dataset = _probe(env, "dataset", str(members), str(members * 4), str(members * 10))
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DATABASE, "-qc", "ANALYZE"], check=True)
        seconds, users = args.load_seconds, args.load_users
        locust_env = os.environ | {"LOAD_RUN": run_id, "LOAD_WRITES": str(writes)}
        command = [
            str(LOCUST), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
            "-u", str(users), "-r", str(max(1, users // 5)), "-t", f"{seconds}s",
            "--host", running.url.rstrip("/"), "--csv", str(folder / "load"), "--only-summary",
            "--stop-timeout", "10", "--exit-code-on-error", "0", "--loglevel", "WARNING",
        ]  # fmt: skip
        _log(f"bench: locust, {users} users for {seconds} s: {' '.join(command)}")
        nginx_log = stack.STATE / "nginx" / "error.log"
        nginx_offset = nginx_log.stat().st_size if nginx_log.exists() else 0
        log_file = (folder / "locust.log").open("wb")
        begun = time.monotonic()
        locust = subprocess.Popen(command, cwd=ROOT, env=locust_env, stdout=log_file, stderr=subprocess.STDOUT)
        faults: dict[str, float] = {}
        faulty = not args.load_no_faults
        tasks_before: list[int] = []
        tasks_during: list[int] = []
        try:
            if faulty and _wait_until(begun + seconds / 3, locust):
                os.kill(running.web[0], signal.SIGKILL)
                faults["web_killed_at_s"] = round(time.monotonic() - begun, 1)
                _log(f"bench: SIGKILLed gunicorn web-{stack.WEB_PORTS[0]} ({running.web[0]})")
                restart = args.load_web_restart
                if restart and _wait_until(begun + faults["web_killed_at_s"] + restart, locust):
                    stack.restart_web(running, 0)
                    faults["web_restarted_at_s"] = round(time.monotonic() - begun, 1)
                    _log(f"bench: started gunicorn web-{stack.WEB_PORTS[0]} again ({running.web[0]})")
            # Django takes a few seconds to start in the probe: enqueue a little ahead of half-way.
            if _wait_until(begun + seconds / 2 - 4, locust):
                tasks_before = _probe(env, "enqueue", run_id, str(TASKS_EACH_SIDE))
            if not faulty:
                if _wait_until(begun + seconds / 2, locust):
                    tasks_during = _probe(env, "enqueue", run_id, str(TASKS_EACH_SIDE))
            elif _wait_until(begun + seconds / 2, locust):
                os.kill(running.worker, signal.SIGKILL)
                faults["worker_killed_at_s"] = round(time.monotonic() - begun, 1)
                # What systemd does when the main process dies: stop the rest of its session
                # (without this, its surviving scheduler process takes a job and loses it).
                stack.reap_worker(running)
                _log(f"bench: SIGKILLed the worker ({running.worker}); enqueuing while it is down")
                tasks_during = _probe(env, "enqueue", run_id, str(TASKS_EACH_SIDE))
                stack.restart_worker(running)
                faults["worker_restarted_at_s"] = round(time.monotonic() - begun, 1)
                _log(f"bench: restarted the worker ({running.worker})")
            locust.wait(timeout=seconds + 120)
        finally:
            if locust.poll() is None:
                locust.send_signal(signal.SIGINT)
                locust.wait(timeout=30)
            log_file.close()
        row = _aggregated(folder / "load_stats.csv")
        with nginx_log.open("rb") as handle:
            handle.seek(nginx_offset)
            # Each is a request nginx could not get from a gunicorn and sent to the other one.
            upstream_errors = sum(1 for text in handle if b"[error]" in text and b"upstream" in text)
        deadline = time.monotonic() + TASKS_WAIT_SECONDS
        while True:
            found = _probe(env, "check", run_id, str(writes))
            if found["tasks_done"] >= found["tasks_enqueued"] or time.monotonic() > deadline:
                break
            time.sleep(2)
        failures = {}
        with (folder / "load_failures.csv").open() as handle:
            for failure in csv.DictReader(handle):
                failures[f"{failure['Method']} {failure['Name']}: {failure['Error']}"[:200]] = int(
                    failure["Occurrences"]
                )
        line = {
            "scenario": NAME,
            "measure": "mixed traffic through nginx, with a gunicorn and the worker killed mid-run"
            if faulty
            else "mixed traffic through nginx, nothing killed",
            "users": users,
            "seconds": seconds,
            "dataset": dataset or "demo only",
            "requests": int(row["Request Count"]),
            "requests_per_second": round(float(row["Requests/s"]), 1),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
            "failures": int(row["Failure Count"]),
            "failure_kinds": failures,
            "nginx_upstream_errors": upstream_errors,
            "writes_confirmed": found["contacts_confirmed"] + found["drafts_confirmed"],
            "writes_found": found["contacts_found"] + found["drafts_found"],
            **found,
            "tasks_enqueued_before_kill": len(tasks_before),
            "tasks_enqueued_while_down": len(tasks_during),
            **faults,
        }
        emit(line)
        _log(f"bench: locust's own log and CSV files are in {folder}")
        return [line]
    finally:
        with contextlib.redirect_stdout(sys.stderr):
            stack.down()
        if not args.keep:
            _drop_database(DATABASE)


def summarise(lines: list[dict[str, Any]], args: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    line = lines[0]
    meets = (
        line["requests_per_second"] >= TARGET_RPS
        and line["p95_ms"] < TARGET_P95_MS
        and line["failures"] == 0
        and line["writes_found"] == line["writes_confirmed"]
        and line["tasks_done"] == line["tasks_enqueued"]
    )
    fields = {
        key: line[key]
        for key in (
            "requests",
            "requests_per_second",
            "p50_ms",
            "p95_ms",
            "failures",
            "writes_confirmed",
            "writes_found",
            "tasks_enqueued",
            "tasks_done",
        )
    }
    fields["load_targets"] = f"≥{TARGET_RPS:.0f} req/s, p95 < {TARGET_P95_MS:.0f} ms, 0 errors, nothing lost"
    fields["load_meets_target"] = meets
    return {f"load_{key}" if not key.startswith("load_") else key: value for key, value in fields.items()}, meets


# --- the probe, run inside the stack's environment ---------------------------------------------


def probe_dataset(members: int, capabilities: int, evidence: int) -> dict[str, int]:
    from bench.members import build_dataset

    return build_dataset(members, capabilities, evidence)


def probe_enqueue(run: str, count: int) -> list[int]:
    """`count` harmless tasks: the import task on an ImportJob naming no importer, which the worker
    finishes ("This kind of import is no longer available") touching nothing else, its status
    becoming "done", so the database says whether each task ran."""
    from consortia.core.models import ImportJob
    from consortia.core.tasks import run_import

    ids = []
    for n in range(count):
        job = ImportJob.objects.create(model_label=PROBE_LABEL, importer=run, filename=f"load-probe-{run}-{n}.csv")
        run_import.enqueue(job.pk)
        ids.append(job.pk)
    return ids


def probe_check(run: str, writes_file: str) -> dict[str, int]:
    """Every confirmed contact must be in the database; every return must hold the last draft
    confirmed for it (each draft replaces the one before, and a return has one writer, so the
    earlier drafts are accounted for when the last one is there)."""
    from consortia.core.models import ImportJob
    from consortia.directory.models import Contact
    from consortia.performance.models import MonitoringReturn

    writes = [json.loads(line) for line in Path(writes_file).read_text().splitlines() if line.strip()]
    emails = {write["email"] for write in writes if write["kind"] == "contact"}
    found_emails = set(Contact.objects.filter(email__in=emails).values_list("email", flat=True))
    drafts = [write for write in writes if write["kind"] == "return"]
    last: dict[int, str] = {}
    per_return: dict[int, int] = {}
    for write in drafts:
        last[write["pk"]] = write["narrative"]
        per_return[write["pk"]] = per_return.get(write["pk"], 0) + 1
    stored = dict(MonitoringReturn.objects.filter(pk__in=last).values_list("pk", "narrative"))
    matching = [pk for pk, narrative in last.items() if stored.get(pk) == narrative]
    jobs = ImportJob.objects.filter(model_label=PROBE_LABEL, importer=run)
    return {
        "contacts_confirmed": len(emails),
        "contacts_found": len(found_emails),
        "drafts_confirmed": len(drafts),
        "drafts_found": sum(per_return[pk] for pk in matching),
        "returns_written": len(last),
        "returns_matching": len(matching),
        "tasks_enqueued": jobs.count(),
        "tasks_done": jobs.filter(status=ImportJob.Status.DONE).count(),
    }


def probe(argv: list[str]) -> None:
    import django

    django.setup()
    command, *rest = argv
    result: object
    if command == "dataset":
        result = probe_dataset(*(int(value) for value in rest))
    elif command == "enqueue":
        result = probe_enqueue(rest[0], int(rest[1]))
    elif command == "check":
        result = probe_check(rest[0], rest[1])
    else:
        raise SystemExit(f"bench: no load probe {command!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    probe(sys.argv[1:])
