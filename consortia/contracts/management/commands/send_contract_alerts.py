"""`manage.py send_contract_alerts`: e-mail contract managers ahead of ends and extension decisions (daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from consortia.contracts.services.alerts import DECISION_DAYS, END_DAYS, send_alerts


class Command(BaseCommand):
    help = (
        f"E-mail each contract's manager {END_DAYS} days before the contract ends and {DECISION_DAYS} days "
        "before the commissioner's extension decision is due. Each reminder is sent once, ever; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date.fromisoformat(options["date"]) if options.get("date") else None
        counts = send_alerts(today)
        self.stdout.write(
            f"Sent {counts['sent']} reminders; {counts['already']} had been sent before"
            + (f"; {counts['no_manager']} contracts have no manager to send to." if counts["no_manager"] else ".")
        )
