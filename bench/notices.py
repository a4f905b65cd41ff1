"""The notices scenario: import 200,000 OCDS releases, beside `ocdskit compile`, then search them.

Generates release packages in the shapes of the real Contracts Finder and Find a Tender files
(`bench/ocds_generate.py`: JSON lines, 100 releases a package, descriptions of real length),
then, in the same run and on the same files:

1. `ocdskit compile` (the field's standard tool, which merges releases into compiled releases
   and stores nothing), timed as a separate process reading the files, before our import and
   again after it (its time is the mean of the two);
2. our import (`Ingester.import_files`: reads, stores each release, compiles each process with
   the OCDS merge rules, extracts the notice's fields, indexes it for full-text search and
   matches it against the members), timed in this process, with the peak resident memory of
   this process and of the worker process that reads and compiles, after half of the files and
   after all of them (flat means memory does not grow with the input);
3. the same import again, which must write nothing and be at least five times faster;
4. the notice search with two filters, timed as the list pages are.

Targets: import rate ÷ ocdskit's rate ≥ 1.0; re-import ≥ 5× faster with nothing written; peak
memory flat; search median under 100 ms at a fixed query count.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import analyse, emit, log, make_hub_manager, signed_in_client, time_pages
from bench.ocds_generate import generated_field_counts, real_field_counts, write

NAME = "notices"
TARGET_RATIO = 1.0
TARGET_REIMPORT_SPEEDUP = 5.0
TARGET_MEDIAN_MS = 100.0
# The peak after all files within 25% of the peak after half of them: memory that grew with the
# input would double. (After the first file the import is still warming up: that file has no
# notices to update, the later ones do, so its peak is lower whatever the input's size.)
MEMORY_GROWTH_ALLOWED = 1.25

SEARCHES = [
    ("notice search: words + open", "/opportunities/notices/?q=advice+carers&status=open"),
    ("notice search: CPV division + suitable for VCSEs", "/opportunities/notices/?cpv=85&suitable_vcse=true"),
    ("notice search: words + region", "/opportunities/notices/?q=recovery&region=North+West"),
    ("notice search: words + value, by deadline", "/opportunities/notices/?q=housing&value_from=100000&order=deadline"),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("notices scenario")
    group.add_argument("--releases", type=int, default=200_000, help="releases to generate and import (200000)")
    group.add_argument("--per-file", type=int, default=20_000, help="releases per generated file (20000)")


def check_args(args: argparse.Namespace) -> None:
    if args.releases < 1000:
        raise SystemExit("bench: --releases must be at least 1000")


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux reports kilobytes


def time_ocdskit(files: list[Path], schema: Path) -> tuple[float, float]:
    """Seconds `ocdskit compile` takes over the files, and its peak memory (MB)."""
    ocdskit = Path(sys.executable).with_name("ocdskit")
    command = f"cat {' '.join(str(f) for f in files)} | {ocdskit} compile --schema {schema} > /dev/null"
    started = time.perf_counter()
    subprocess.run(["sh", "-c", command], check=True)
    return time.perf_counter() - started, peak_rss_mb(resource.RUSAGE_CHILDREN)


def worker_peak_mb() -> float:
    """The peak resident memory so far of the import's worker process (0 when none runs)."""
    import multiprocessing

    for child in multiprocessing.active_children():
        if child.name == "notice import worker":
            try:
                status = Path(f"/proc/{child.pid}/status").read_text()
            except OSError:
                return 0.0
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def import_files(files: list[Path], share: int) -> tuple[float, dict[str, Any], list[float], list[float]]:
    """Import the files as `manage.py import_notices` does: seconds, counts, and the peak memory
    of the importing process and of its worker (as [importing, worker]) once `share` releases had
    been read and after all (the worker's as last seen, at the last batch written)."""
    from consortia.opportunities.ingest import Ingester

    early_peak: list[float] = []
    worker_peak = 0.0
    logged = [0]

    def progress(read: int) -> None:
        nonlocal early_peak, worker_peak
        worker_peak = max(worker_peak, worker_peak_mb())
        if not early_peak and read >= share:
            early_peak = [peak_rss_mb(), worker_peak]
        if read >= logged[0] + 20_000:
            logged[0] = read
            log(f"bench: {read:,} releases read ({time.perf_counter() - started:.1f} s so far)")

    ingester = Ingester("file", files=[f.name for f in files], progress=progress)
    started = time.perf_counter()
    ingester.import_files(files)
    run = ingester.finish()
    elapsed = time.perf_counter() - started
    counts = {
        "releases_read": run.releases_read,
        "releases_new": run.releases_new,
        "releases_duplicate": run.releases_duplicate,
        "notices_created": run.notices_created,
        "notices_updated": run.notices_updated,
        "packages_refused": run.packages_refused,
    }
    return elapsed, counts, early_peak or [peak_rss_mb(), worker_peak], [peak_rss_mb(), worker_peak]


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    from django.conf import settings

    from consortia.opportunities.models import Notice, Release
    from consortia.opportunities.schema import SCHEMA_FILE

    folder = Path(settings.BENCH_DIR) / "notices"
    started = time.perf_counter()
    files = write(folder, args.releases, args.per_file)
    size_mb = round(sum(f.stat().st_size for f in files) / 1e6, 1)
    log(f"bench: generated {args.releases:,} releases in {len(files)} files ({size_mb} MB) in "
        f"{time.perf_counter() - started:.1f} s")  # fmt: skip

    # How much each release holds, beside the real files it follows: the merge's work grows with it.
    generated_fields = statistics.median(generated_field_counts(files[0]))
    real = real_field_counts()
    real_fields = statistics.median(real) if real else None
    log(f"bench: fields a release (median): generated {generated_fields}, real files {real_fields}")

    # ocdskit before and after our import, its time the mean of the two: this machine's speed
    # drifts by 10 to 20% within minutes, and one run of each, in turn, made the ratio swing
    # between 0.8 and 1.1 on the same code.
    log("bench: ocdskit compile…")
    ocdskit_before, ocdskit_peak = time_ocdskit(files, Path(SCHEMA_FILE))
    log(f"bench: ocdskit compile took {ocdskit_before:.1f} s")

    log("bench: importing…")
    first_share = max(1, len(files) // 2)
    seconds, counts, early_peak, peak = import_files(files, first_share * args.per_file)
    stored = Release.objects.count()
    notices = Notice.objects.count()
    log(f"bench: our import took {seconds:.1f} s; ocdskit compile again…")
    ocdskit_after, _ = time_ocdskit(files, Path(SCHEMA_FILE))
    log(f"bench: ocdskit compile took {ocdskit_after:.1f} s")
    ocdskit_seconds = (ocdskit_before + ocdskit_after) / 2
    analyse()

    log("bench: importing the same files again…")
    again_seconds, again_counts, _, _ = import_files(files, first_share * args.per_file)
    unchanged = Release.objects.count() == stored and again_counts["releases_new"] == 0

    rate = args.releases / seconds
    ocdskit_rate = args.releases / ocdskit_seconds
    results: list[dict[str, Any]] = [
        {
            "import": "notices",
            "releases": args.releases,
            "files": len(files),
            "megabytes": size_mb,
            "fields_per_release_median": generated_fields,
            "real_fields_per_release_median": real_fields,
            "notices": notices,
            "releases_stored": stored,
            "seconds": round(seconds, 1),
            "releases_per_second": round(rate),
            "ocdskit_seconds": round(ocdskit_seconds, 1),
            "ocdskit_seconds_before_after": [round(ocdskit_before, 1), round(ocdskit_after, 1)],
            "ocdskit_releases_per_second": round(ocdskit_rate),
            "ratio": round(rate / ocdskit_rate, 2),
            "peak_mb_after_half": early_peak[0],
            "peak_mb_after_all": peak[0],
            "worker_peak_mb_after_half": early_peak[1],
            "worker_peak_mb_after_all": peak[1],
            "ocdskit_peak_mb": ocdskit_peak,
            "memory_flat": all(
                after <= before * MEMORY_GROWTH_ALLOWED for before, after in zip(early_peak, peak, strict=True)
            ),
            "reimport_seconds": round(again_seconds, 1),
            "reimport_speedup": round(seconds / again_seconds, 1),
            "reimport_wrote_nothing": unchanged,
            **counts,
        }
    ]
    emit(results[0])

    client = signed_in_client(make_hub_manager())
    for name, url in SEARCHES:
        timing = time_pages(client, [url], args.repeat, args.budget)[0]
        line = {
            "page": name,
            "url": url,
            "rows": notices,
            "samples": len(timing.times_ms),
            "matched": timing.matched,
            "median_ms": round(timing.median, 2),
            "p95_ms": round(timing.p95, 2),
            "queries": timing.query_count,
            "queries_fixed": timing.fixed,
            "cpu_median_ms": round(timing.cpu_median, 2),
        }
        emit(line)
        results.append(line)
        log(f"bench: {name}: {line['median_ms']} ms ({line['queries']} queries, {line['matched']} matched)")
    return results


def summarise(results: list[dict[str, Any]], args: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    load = results[0]
    pages = [line for line in results if "page" in line]
    max_median = max(line["median_ms"] for line in pages)
    fixed = all(line["queries_fixed"] for line in pages)
    fields = {
        "notices_releases": load["releases"],
        "notices_import_ratio": load["ratio"],
        "notices_reimport_speedup": load["reimport_speedup"],
        "notices_memory_flat": load["memory_flat"],
        "notices_search_max_median_ms": max_median,
        "notices_meets_target": (
            load["ratio"] >= TARGET_RATIO
            and load["reimport_speedup"] >= TARGET_REIMPORT_SPEEDUP
            and load["reimport_wrote_nothing"]
            and load["memory_flat"]
            and max_median < TARGET_MEDIAN_MS
            and fixed
        ),
    }
    return fields, bool(fields["notices_meets_target"])
