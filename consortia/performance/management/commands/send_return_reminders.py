"""`manage.py send_return_reminders`: e-mail members about monitoring returns due, late or missing (daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from consortia.performance.services.reminders import send_return_reminders


class Command(BaseCommand):
    help = (
        "E-mail members whose monitoring returns are due within five days or late, and the hub when a return is "
        "still missing ten working days after it was due. Each reminder is sent once; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date.fromisoformat(options["date"]) if options.get("date") else None
        counts = send_return_reminders(today)
        self.stdout.write(
            f"Sent {counts['due_soon']} due-soon and {counts['late']} late reminders, and {counts['missing']} "
            "missing-return notices"
            + (f"; {counts['no_recipient']} had no one to send to." if counts["no_recipient"] else ".")
        )
