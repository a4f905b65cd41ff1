"""Rebuild the committed OCDS release schema (1.1.5 with the UK extensions) from local copies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from consortia.opportunities.schema import SCHEMA_FILE, build_release_schema, render


class Command(BaseCommand):
    help = (
        "Rebuild consortia/opportunities/schema/release-schema.json: the OCDS 1.1.5 release schema "
        "merge-patched with the suitability and UK extensions, read from the shared data folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            default=str(Path(settings.BASE_DIR).parent / "shared" / "data" / "ocds-schema"),
            help="The ocds-schema folder (1.1.5/ and extensions/).",
        )
        parser.add_argument("--check", action="store_true", help="Only say whether the committed file is current.")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["source"])
        if not (source / "1.1.5" / "release-schema.json").is_file():
            raise CommandError(f"{source} has no 1.1.5/release-schema.json.")
        text = render(build_release_schema(source))
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if options["check"]:
            if text != current:
                raise CommandError(f"{SCHEMA_FILE.name} is out of date: run build_release_schema.")
            self.stdout.write(f"{SCHEMA_FILE.name} is up to date.")
            return
        if text == current:
            self.stdout.write(f"{SCHEMA_FILE.name} is already up to date.")
            return
        SCHEMA_FILE.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_FILE}.")
