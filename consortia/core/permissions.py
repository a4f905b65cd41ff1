"""API permissions, kept apart from the viewsets so DRF's settings can import them early."""

from __future__ import annotations

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
