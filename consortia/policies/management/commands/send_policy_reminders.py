"""`manage.py send_policy_reminders`: e-mail policies' owners about reviews coming up or overdue (daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from consortia.policies.services.reminders import send_policy_reminders


class Command(BaseCommand):
    help = (
        "E-mail each policy's owner 60 and 14 days before its review date and when the review is overdue. "
        "Each reminder is sent once; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date.fromisoformat(options["date"]) if options.get("date") else None
        counts = send_policy_reminders(today)
        self.stdout.write(
            f"Sent {counts['60_days']} 60-day, {counts['14_days']} 14-day and {counts['overdue']} overdue reminders"
            + (f"; {counts['no_recipient']} policies had no owner to send to." if counts["no_recipient"] else ".")
        )
