"""`manage.py build_expiry_radar`: read contracts' end dates out of the imported notices (nightly,
after the notices are imported)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from consortia.relationships.services.radar import build_radar


class Command(BaseCommand):
    help = (
        "Find the contracts in the imported tender notices and when they end (from the contract, the award or "
        "the tender), for the contract-expiry radar. Replaces what was there: running it again changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = build_radar()
        self.stdout.write(f"Found {result.contracts} contract end date(s) in {result.notices} notice(s).")
