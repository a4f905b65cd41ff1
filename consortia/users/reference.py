"""The users app's reference data: a permission group per role (`roles.py`), kept in step with the
roles after every `migrate` as well."""

from __future__ import annotations

from typing import Any

from consortia.core.reference import reference_data
from consortia.users.roles import sync_roles


@reference_data("auth.Group")
def load_role_groups(apps: Any) -> None:
    """The roles' groups and their permissions (always today's: they follow today's models)."""
    sync_roles()
