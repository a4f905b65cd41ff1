"""`manage.py load_policy_areas`: add the starter list's policy areas that are missing (never duplicates)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from consortia.policies.services.policies import load_starter_areas
from consortia.policies.starter import STARTER_AREAS


class Command(BaseCommand):
    help = "Add the starter list of policy areas (safeguarding, data protection…) that are missing."

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_starter_areas()
        self.stdout.write(f"Added {added} policy areas; {len(STARTER_AREAS) - added} were already there.")
