from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from consortia.directory.models import Area
from consortia.directory.reference import AREAS_CSV, load_areas


class Command(BaseCommand):
    help = "Load or refresh UK areas (countries, regions, counties, local authorities) from a CSV of ONS codes."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", nargs="?", default=str(AREAS_CSV), help="CSV with code,name,kind,parent_code")

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        created, updated = load_areas(Area, Path(path))
        self.stdout.write(f"Areas: {created} new, {updated} updated, {Area.objects.count()} in all.")
