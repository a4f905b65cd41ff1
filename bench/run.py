"""`make bench`: time the product's pages (and, later, its imports) on large scratch datasets.

Runs each scenario in turn, each in a scratch database of its own, built and dropped here:

- `directory`: organisations, contacts and areas list pages and the search box at 20,000
  organisations, each beside Django's admin changelist (`bench/directory.py`);
- `members`: the capability search, the compliance dashboard and the capabilities and evidence
  lists at 5,000 members, 20,000 capabilities and 50,000 evidence records (`bench/members.py`);
- `notices`: importing 200,000 OCDS releases and the notice search (`bench/notices.py`);
- `contracts`: the consortium dashboard, a contract's KPI page and a month's payment run at 500
  contracts, 5,000 subcontracts and 300,000 return values (`bench/contracts.py`);
- `load`: locust's mixed traffic on the production-like stack (deploy/stack.py), a gunicorn and
  the worker killed mid-run, nothing lost (`bench/load.py`; PostgreSQL always, in a database of
  its own: a module with OWN_DATABASE gets no scratch database from here).

Every scenario prints one JSON line per measurement; a last line sums them all up. Progress goes
to stderr, the JSON lines to stdout.

    .venv/bin/python bench/run.py [--scenario NAME[,NAME]] [--repeat N] [--budget S] [--keep] [--check] [scenario options]

BENCH_DATABASE_URL=postgres://user@host:5432/postgres runs it on PostgreSQL instead of SQLite
(in scratch databases named consortia_bench…, created and dropped here). See bench/README.md.

A scenario is a module in `bench/` with NAME, `add_arguments(parser)`, `check_args(args)`,
`run(args) -> list[dict]` (it prints its lines with `common.emit` and returns them) and
`summarise(lines, args) -> (fields for the summary line, whether its targets are met)`; add it
to SCENARIOS below.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

from bench.common import MIN_SAMPLES, create_database, drop_database, emit, log, remove_scratch_dir  # noqa: E402

# Module names in bench/, in the order `make bench` runs them.
SCENARIOS = ["directory", "members", "notices", "contracts", "load"]


def scenario_module(name: str) -> Any:
    return importlib.import_module(f"bench.{name}")


def chosen_scenarios(values: list[str] | None) -> list[str]:
    """`--scenario a,b --scenario c` → [a, b, c] in SCENARIOS order; all of them when none is given."""
    if not values:
        return list(SCENARIOS)
    asked = {name.strip() for value in values for name in value.split(",") if name.strip()}
    unknown = asked - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"bench: no scenario named {', '.join(sorted(unknown))}; there are {', '.join(SCENARIOS)}")
    return [name for name in SCENARIOS if name in asked]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--scenario",
        action="append",
        metavar="NAME",
        help=f"run only this scenario (repeatable, or comma-separated): {', '.join(SCENARIOS)}; all by default",
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page, after 3 warm-ups (30)")
    parser.add_argument(
        "--budget",
        type=float,
        default=5.0,
        help=f"seconds of timed requests per page after which a slow page stops early (at least {MIN_SAMPLES} rounds; 5)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases afterwards")
    parser.add_argument("--check", action="store_true", help="exit 1 unless every scenario meets its targets")
    for name in SCENARIOS:
        scenario_module(name).add_arguments(parser)
    args = parser.parse_args(argv)
    args.scenarios = chosen_scenarios(args.scenario)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.repeat < 1:
        raise SystemExit("bench: --repeat must be at least 1")
    modules = [scenario_module(name) for name in args.scenarios]
    for module in modules:
        module.check_args(args)
    begun = time.perf_counter()
    django.setup()
    from django.db import connection

    summary: dict[str, Any] = {"summary": True, "pages": 0, "database": connection.vendor}
    met = []
    try:
        for module in modules:
            log(f"bench: scenario {module.NAME}")
            if getattr(module, "OWN_DATABASE", False):
                # It makes (and drops) a database of its own: no scratch database here.
                lines = module.run(args)
            else:
                create_database(module.NAME)
                try:
                    lines = module.run(args)
                finally:
                    drop_database(args.keep)
            fields, meets = module.summarise(lines, args)
            summary["pages"] += sum(1 for line in lines if "page" in line)
            summary.update({key: value for key, value in fields.items() if key not in summary})
            met.append(meets)
    finally:
        remove_scratch_dir(args.keep)
    summary["meets_target"] = all(met)
    summary["seconds"] = round(time.perf_counter() - begun, 1)
    emit(summary)
    log(f"bench: done in {summary['seconds']} s")
    return 0 if summary["meets_target"] or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
