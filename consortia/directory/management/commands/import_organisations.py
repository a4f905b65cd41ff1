"""Import organisations from a file: Consortia's own columns or a public register's download.

Uses the same importers as the Import page, so a file behaves the same way here as it does there:
every row is checked first, and nothing is written unless every row is good.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser

from consortia.core.imports import Importer, ImportFileError, normalise_header, read_table
from consortia.directory.importers import OrganisationImporter
from consortia.directory.sources import (
    CharityCommissionImporter,
    CharityCommissionNIImporter,
    CompaniesHouseImporter,
)

# Consortia's own format first: Importer.detect falls back to the first when no signature matches.
IMPORTERS: dict[str, type[Importer]] = {
    importer.name: importer
    for importer in (
        OrganisationImporter,
        CharityCommissionImporter,
        CompaniesHouseImporter,
        CharityCommissionNIImporter,
    )
}
# Enough left-out values to see what kind of thing the register gets wrong, without flooding the screen.
WARNINGS_SHOWN = 100


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV, tab-separated or Excel file: Consortia's own columns, the Charity "
        "Commission for England and Wales register extract (publicextract.charity.txt), Companies House basic "
        "company data, or the Charity Commission for Northern Ireland register. Every row is checked first; "
        "if any row has a problem nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The file to import.")
        parser.add_argument(
            "--format",
            dest="format_name",
            choices=[*IMPORTERS, "auto"],
            default="auto",
            help="Which kind of file it is. 'auto' (the default) works it out from the column names.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Check every row and report what would change, but write nothing.",
        )

    def handle(self, *args: Any, path: str, format_name: str, check: bool, **options: Any) -> None:
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as problem:
            raise CommandError(f"Could not read {file}: {problem.strerror or problem}.") from None
        importer_class = self.choose(file, data, format_name)
        self.stdout.write(f"Reading {file.name} as: {importer_class.label}")
        importer = importer_class(progress=self.progress)
        result = importer.run(data, commit=not check)

        warnings = getattr(importer, "warnings", [])
        if warnings:
            self.stdout.write(f"Left out or shortened because the file has them wrong ({len(warnings)}):")
            for warning in warnings[:WARNINGS_SHOWN]:
                self.stdout.write(f"  {warning}")
            if len(warnings) > WARNINGS_SHOWN:
                self.stdout.write(f"  … and {len(warnings) - WARNINGS_SHOWN} more.")
        for row_error in result.errors:
            self.stderr.write(str(row_error))
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(result.summary())

    def choose(self, file: Path, data: bytes, format_name: str) -> type[Importer]:
        if format_name != "auto":
            return IMPORTERS[format_name]
        chosen = Importer.detect(IMPORTERS.values(), SimpleUploadedFile(file.name, data))
        try:
            headers, _ = read_table(data)
        except ImportFileError:
            return chosen  # the importer reports what is wrong with the file
        if not chosen.signature <= {normalise_header(header) for header in headers}:
            self.stdout.write(
                "The column names do not match any of the known formats, so the file is read as Consortia's "
                f"own columns. If it is something else, say which with --format ({', '.join(IMPORTERS)})."
            )
        return chosen

    def progress(self, row: int) -> None:
        self.stdout.write(f"Checking row {row:,}…")
