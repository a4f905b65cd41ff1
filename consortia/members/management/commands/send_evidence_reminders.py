"""`manage.py send_evidence_reminders`: e-mail reminders about members' expiring evidence (daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from consortia.members.services.diligence import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail members 60, 30 and 7 days before their evidence expires, and the hub when it has expired. "
        "Each reminder is sent once, ever; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date.fromisoformat(options["date"]) if options.get("date") else None
        counts = send_reminders(today)
        self.stdout.write(
            f"Sent {counts['60']} 60-day, {counts['30']} 30-day and {counts['7']} 7-day reminders, "
            f"and {counts['expired']} expiry notices to the hub"
            + (f"; {counts['no_recipient']} had no one to send to." if counts["no_recipient"] else ".")
        )
