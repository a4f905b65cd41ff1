"""`manage.py restore ARCHIVE [--yes] [--check]`: put a backup back (see consortia/ops/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consortia.ops.backup import BackupError, human_size, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: every table, in one transaction, then every uploaded "
        "file. The archive is checked whole first (checksums, row counts, migrations); a damaged one changes "
        "nothing. A database in use is replaced only with --yes. Stop the web server and the workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The backup archive (consortia-backup-….tar.gz).")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Replace what the database and the file storage hold now (every table is emptied first).",
        )
        parser.add_argument("--check", action="store_true", help="Only read and check the archive; change nothing.")

    def handle(self, *args: Any, archive: str, yes: bool = False, check: bool = False, **options: Any) -> None:
        try:
            summary = restore(Path(archive), replace=yes, check_only=check)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = summary.manifest
        made = f"made on {manifest['vendor']} at {manifest['created']}"
        if check:
            self.stdout.write(self.style.SUCCESS(f"The archive is whole and fits this database ({made})."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Restored {summary.path} ({made})."))
        self.stdout.write(f"  Database: {summary.rows:,} rows in {summary.tables} tables.")
        self.stdout.write(f"  Files: {summary.files:,} ({human_size(summary.file_bytes)}).")
        if summary.removed_files:
            self.stdout.write(f"  Deleted {summary.removed_files:,} stored file(s) the backup does not have.")
        self.stdout.write(f"  Took {summary.seconds:.1f} s.")
