"""The policies app's reference data: the starter list of policy areas (`starter.py`)."""

from __future__ import annotations

from typing import Any

from consortia.core.reference import reference_data
from consortia.policies.starter import STARTER_AREAS


@reference_data("policies.PolicyArea")
def load_policy_areas(apps: Any) -> int:
    """Add the starter list's policy areas that are missing (by name), with the models of `apps`
    (a migration's or today's); returns how many were added."""
    model = apps.get_model("policies", "PolicyArea")
    added = 0
    for name, description in STARTER_AREAS:
        _, created = model.objects.get_or_create(name=name, defaults={"description": description})
        added += created
    return added
