"""`manage.py send_follow_up_reminders`: e-mail the owners of follow-ups due soon or overdue (daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from consortia.relationships.services.reminders import send_follow_up_reminders


class Command(BaseCommand):
    help = (
        "E-mail the owner of each open follow-up due within three days, and again once it is overdue. "
        "Each reminder is sent once; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date.fromisoformat(options["date"]) if options.get("date") else None
        counts = send_follow_up_reminders(today)
        self.stdout.write(
            f"Sent {counts['due_soon']} due-soon and {counts['overdue']} overdue reminder(s)"
            + (f"; {counts['no_recipient']} had no one to send to." if counts["no_recipient"] else ".")
        )
