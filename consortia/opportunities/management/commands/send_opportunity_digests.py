"""E-mail each member the open notices matched to it since its last digest (weekly, from cron).

Safe to run more than once a week: a member gets one digest a week.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from consortia.opportunities.services.digest import send_digests


class Command(BaseCommand):
    help = "E-mail each member this week's matched opportunities (once a week per member)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_digests()
        self.stdout.write(
            f"Week of {report.week:%d/%m/%Y}: sent {len(report.sent)} digest(s); {report.already} had gone already; "
            f"{report.no_users} member(s) with matches have no active user to e-mail; "
            f"{report.notices_circulated} notice(s) reached members for the first time."
        )
