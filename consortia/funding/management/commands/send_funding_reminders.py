"""`manage.py send_funding_reminders`: e-mail the hub about reports due to funders (daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from consortia.funding.services.reminders import send_funding_reminders


class Command(BaseCommand):
    help = (
        "E-mail the hub's managers and finance staff about reports due to funders in 30 days, in 7 days, "
        "and overdue. Each reminder is sent once; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date.fromisoformat(options["date"]) if options.get("date") else None
        counts = send_funding_reminders(today)
        self.stdout.write(
            f"Sent {counts['days_30']} 30-day, {counts['days_7']} 7-day and {counts['overdue']} overdue reminders"
            f" ({counts['already']} sent before)"
            + (f"; {counts['no_recipient']} had no one to send to." if counts["no_recipient"] else ".")
        )
