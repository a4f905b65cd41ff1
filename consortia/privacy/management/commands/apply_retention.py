"""`manage.py apply_retention [--dry-run]`: apply every retention rule of `privacy.registry`
whose period has passed, and print how many rows of each kind were dealt with. Meant to run
daily; safe to run again (rows already dealt with are not found again)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from consortia.privacy.services import apply_retention


class Command(BaseCommand):
    help = "Delete or anonymise personal data whose retention period has passed (see /privacy/retention/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Say what would be done; change nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        results = apply_retention(dry_run=dry_run)
        verb = "would be dealt with" if dry_run else "dealt with"
        for title, count in results.items():
            self.stdout.write(f"{title}: {count} {verb}")
        total = sum(results.values())
        self.stdout.write(f"{'Dry run: ' if dry_run else ''}{total} record{'s' if total != 1 else ''} {verb} in all.")
