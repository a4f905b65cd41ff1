"""`manage.py delete_expired_applicants`: delete unsuccessful applicants' personal data once the
vacancy's retention period has passed. Safe to run again (it is meant to run daily): applicants
already dealt with are skipped."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from consortia.people.models import Application
from consortia.people.services import recruitment


class Command(BaseCommand):
    help = (
        "Delete the personal data of applicants who were not appointed, for vacancies filled or withdrawn "
        "whose closing date is older than the vacancy's retention period."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Say what would be deleted; delete nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        today = timezone.localdate()
        expired = recruitment.expired_applications(today)
        if not expired:
            self.stdout.write("No applicant's data is past its retention period; nothing to delete.")
            return
        by_vacancy: dict[str, list[Application]] = defaultdict(list)
        for application in expired:
            by_vacancy[str(application.vacancy)].append(application)
        files = 0
        for vacancy, applications in by_vacancy.items():
            if not dry_run:
                files += sum(recruitment.delete_applicant_data(application, today) for application in applications)
            verb = "Would delete" if dry_run else "Deleted"
            count = len(applications)
            self.stdout.write(
                f"{vacancy}: {verb.lower()} the personal data of {count} applicant{'s' if count != 1 else ''}."
            )
        total = len(expired)
        if dry_run:
            self.stdout.write(f"Dry run: {total} applicant{'s' if total != 1 else ''} would have their data deleted.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Deleted the personal data of {total} applicant{'s' if total != 1 else ''} "
                    f"and {files} uploaded file{'s' if files != 1 else ''}."
                )
            )
