"""`manage.py send_interest_reminders`: ask the hub's staff and board to renew their declarations (daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from consortia.people.services.interests import send_interest_reminders


class Command(BaseCommand):
    help = (
        "E-mail everyone on the hub's staff and board whose yearly confirmation of their declared interests is "
        "due within 30 days, overdue, or never given. Each reminder is sent once; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date.fromisoformat(options["date"]) if options.get("date") else None
        counts = send_interest_reminders(today)
        self.stdout.write(f"Sent {counts['due_soon']} due-soon and {counts['overdue']} overdue reminders.")
