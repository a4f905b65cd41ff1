"""Import OCDS release or record packages from files: `manage.py import_notices FILE…`."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consortia.opportunities.choices import RunStatus, Source
from consortia.opportunities.ingest import Ingester


class Progress:
    """A one-line progress report on stderr: releases read and the rate, redrawn at most twice a second."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.shown = 0.0
        self.count = 0

    def __call__(self, releases: int) -> None:
        self.count = releases
        now = time.monotonic()
        if now - self.shown >= 0.5:
            self.shown = now
            self.draw()

    def draw(self, end: str = "") -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self.stream.write(f"\r{self.count:,} releases read, {self.count / elapsed:,.0f} a second{end}")
        self.stream.flush()

    def rate(self) -> float:
        return self.count / max(time.monotonic() - self.started, 1e-9)


class Command(BaseCommand):
    help = (
        "Import OCDS release packages or record packages from files (JSON, JSON lines or a JSON array, "
        "optionally gzipped): releases are stored once and each process is compiled into a notice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="The files to import.")
        parser.add_argument(
            "--source",
            choices=[choice.value for choice in Source],
            default=Source.FILE.value,
            help="Where the files come from: cf (Contracts Finder), fts (Find a Tender) or file (default).",
        )
        parser.add_argument("--quiet-progress", action="store_true", help="No progress line.")
        parser.add_argument(
            "--worker",
            choices=["no", "yes", "auto"],
            default="auto",
            help="Read and compile big files in a second process while this one writes: no, yes, "
            "or auto (the default: when a core is free).",
        )
        parser.add_argument(
            "--again",
            action="store_true",
            help="Read files even when the same content was imported whole before (releases are still stored once).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(name) for name in options["files"]]
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        progress = Progress(self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr)
        ingester = Ingester(
            options["source"],
            files=[str(path) for path in paths],
            progress=None if options["quiet_progress"] else progress,
            worker={"no": False, "yes": True, "auto": None}[options["worker"]],
            again=options["again"],
        )
        started = time.monotonic()
        try:
            ingester.import_files(paths)
        finally:
            run = ingester.finish()
            if not options["quiet_progress"]:
                progress.count = run.releases_read
                progress.draw(end="\n")
        seconds = time.monotonic() - started
        rate = run.releases_read / seconds if seconds else 0
        self.stdout.write(
            f"Read {run.releases_read:,} releases in {run.packages_read:,} packages from {len(paths)} "
            f"file{'s' if len(paths) > 1 else ''} in {seconds:,.1f} seconds ({rate:,.0f} releases a second).\n"
            f"Stored {run.releases_new:,} new releases; {run.releases_duplicate:,} were already stored.\n"
            f"Notices: {run.notices_created:,} new, {run.notices_updated:,} updated.\n"
            f"Packages: {run.packages_committed:,} committed, {run.packages_refused:,} refused."
        )
        if run.messages:
            self.stdout.write("Notes:\n" + "\n".join(f"  {line}" for line in run.messages.splitlines()))
        if run.status != RunStatus.DONE:
            raise CommandError(f"{run.packages_refused} package(s) refused; see the notes above.", returncode=1)
