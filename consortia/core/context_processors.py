"""What every page's shell (menu, site name, credits) needs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from consortia.core import registry


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    menu = []
    # A member organisation's user lives in the portal: the staff menus are the wrong product
    # for them (their pages would answer, scoped to their organisation, but lead nowhere useful).
    if user is not None and user.is_authenticated and getattr(user, "is_staff_member", False):
        for group in registry.menu():
            items = [item for item in group.items if user.has_perm(item.permission)]
            if items:
                menu.append({"label": group.label, "items": items})
    return {"site_name": settings.SITE_NAME, "menu": menu}
