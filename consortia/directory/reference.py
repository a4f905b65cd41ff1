"""Reference data the directory ships with: organisation roles and UK areas (ONS codes)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from consortia.core.reference import reference_data
from consortia.directory.choices import OrganisationRoleCode

AREAS_CSV = Path(__file__).resolve().parent / "data" / "areas.csv"


@reference_data("directory.OrganisationRole", "directory.Area")
def load_reference(apps: Any) -> None:
    """The organisation roles and the areas, with the models of `apps` (a migration's or today's)."""
    load_roles(apps.get_model("directory", "OrganisationRole"))
    load_areas(apps.get_model("directory", "Area"))


def load_roles(role_model: Any) -> int:
    created = 0
    for code, label in OrganisationRoleCode.choices:
        _, was_created = role_model.objects.update_or_create(code=code, defaults={"name": label})
        created += was_created
    return created


def load_areas(area_model: Any, path: Path = AREAS_CSV) -> tuple[int, int]:
    """Create or update every area in `path` (parents before children); returns (created, updated)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = {area.code: area for area in area_model.objects.all()}
    created = updated = 0
    # Parents first: the file lists countries, regions and counties before the districts in them.
    for row in rows:
        parent = existing.get(row["parent_code"]) if row["parent_code"] else None
        area = existing.get(row["code"])
        if area is None:
            area = area_model.objects.create(code=row["code"], name=row["name"], kind=row["kind"], parent=parent)
            existing[area.code] = area
            created += 1
        elif (area.name, area.kind, area.parent_id) != (row["name"], row["kind"], parent.pk if parent else None):
            area.name, area.kind, area.parent = row["name"], row["kind"], parent
            area.save()
            updated += 1
    return created, updated
