"""`manage.py import_360giving <file>`: load a 360Giving file (JSON or Excel) for prospect research."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consortia.funding.services.giving import import_file


class Command(BaseCommand):
    help = (
        "Check a 360Giving file (JSON, or the spreadsheet in 360Giving column titles) against the 360Giving "
        "schema and, if every grant passes, load its grants (matched on their identifier: loading the same "
        "file again changes nothing). A file that fails writes nothing and each problem is listed by its path."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The 360Giving file (.json or .xlsx).")
        parser.add_argument("--check", action="store_true", help="Only check the file; write nothing.")
        parser.add_argument(
            "--registry",
            help="A 360Giving registry metadata file (JSON list) naming the publisher and licence, "
            "instead of the copy kept in consortia/funding/schema/.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        metadata = None
        if options.get("registry"):
            try:
                metadata = json.loads(Path(options["registry"]).read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise CommandError(f"The registry metadata could not be read: {error}") from None
        result, dataset = import_file(path.read_bytes(), path.name, commit=not options["check"], metadata=metadata)
        if not result.ok:
            for problem in result.errors:
                where = f" (row {problem.row})" if problem.row else ""
                self.stderr.write(f"{problem.column}{where}: {problem.message}")
            raise CommandError(result.summary())
        for warning in result.warnings:
            self.stdout.write(f"Note: {warning.column}: {warning.message}")
        self.stdout.write(result.summary())
        if dataset is not None:
            self.stdout.write(dataset.attribution)
