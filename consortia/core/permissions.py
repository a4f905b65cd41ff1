"""API permissions, kept apart from the viewsets so DRF's settings can import them early."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework import permissions

ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class RestrictedModelPermissions(permissions.DjangoModelPermissions):
    """Model permissions for every method, reading included (DRF's default lets any user read)."""

    perms_map = {method: [f"%(app_label)s.{action}_%(model_name)s"] for method, action in ACTIONS.items()}


def perm_checker(user: Any) -> Callable[[str], bool]:
    """`user.has_perm(name)` for many model permissions at once: the user's permissions are read
    once, where each `has_perm` goes through every authentication backend again (the menu asks
    about every record type on every page).

    The same answers as `has_perm` with the configured backends (a test compares them): only
    Django's `ModelBackend` grants permissions (axes authenticates, and no `rules` permission is
    registered), and an inactive user has none, a superuser every one.
    """
    if not getattr(user, "is_active", False):
        return lambda name: False
    if user.is_superuser:
        return lambda name: True
    granted = user.get_all_permissions()
    return granted.__contains__
