"""`manage.py backup [FOLDER]`: the database and every stored file in one archive (see consortia/ops/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consortia.ops.backup import BackupError, backup, human_size


class Command(BaseCommand):
    help = (
        "Back up the database (every table, read as one consistent snapshot) and every uploaded file into "
        "one archive, consortia-backup-YYYYMMDD-HHMMSS.tar.gz, in FOLDER or BACKUP_DIR. "
        "`manage.py restore` puts it back, on SQLite or PostgreSQL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", nargs="?", help="Where to write the archive (default: BACKUP_DIR).")

    def handle(self, *args: Any, folder: str | None = None, **options: Any) -> None:
        try:
            summary = backup(Path(folder) if folder else None)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for warning in summary.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(self.style.SUCCESS(f"Backed up to {summary.path}"))
        self.stdout.write(
            f"  Database ({summary.manifest['vendor']}): {summary.rows:,} rows in {summary.tables} tables."
        )
        self.stdout.write(f"  Files: {summary.files:,} ({human_size(summary.file_bytes)}).")
        self.stdout.write(f"  Archive: {human_size(summary.archive_bytes)}, written in {summary.seconds:.1f} s.")
