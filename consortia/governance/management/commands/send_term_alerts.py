"""`manage.py send_term_alerts`: e-mail the hub managers ahead of board and committee terms ending (daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from consortia.governance.services.alerts import LEAD_DAYS, send_term_alerts


class Command(BaseCommand):
    help = (
        f"E-mail the hub managers {' and '.join(str(days) for days in LEAD_DAYS)} days before an appointment's "
        "term on the board or a committee ends. Each reminder is sent once, ever; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date.fromisoformat(options["date"]) if options.get("date") else None
        counts = send_term_alerts(today)
        self.stdout.write(
            f"Sent {counts['sent']} reminders; {counts['already']} had been sent before"
            + (
                f"; {counts['nobody']} could not be sent: no hub manager has an e-mail address."
                if counts["nobody"]
                else "."
            )
        )
