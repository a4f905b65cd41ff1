"""What every page's shell (menu, site name, credits) needs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from consortia.core import registry
from consortia.core.permissions import perm_checker


def shell(request: HttpRequest) -> dict[str, Any]:
    # Worked out once a request: a page that renders a second template (a table, a partial)
    # asks again.
    cached: dict[str, Any] | None = getattr(request, "_consortia_shell", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    menu = []
    # A member organisation's user lives in the portal: the staff menus are the wrong product
    # for them (their pages would answer, scoped to their organisation, but lead nowhere useful).
    if user is not None and user.is_authenticated and getattr(user, "is_staff_member", False):
        allowed = perm_checker(user)
        for group in registry.menu():
            items = [item for item in group.items if allowed(item.permission)]
            if items:
                menu.append({"label": group.label, "items": items})
    context = {"site_name": settings.SITE_NAME, "menu": menu}
    request._consortia_shell = context  # type: ignore[attr-defined]
    return context
