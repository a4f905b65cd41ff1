"""What every page's shell (menu, site name, credits) needs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from consortia.core import registry
from consortia.core.permissions import perm_checker


def shell(request: HttpRequest) -> dict[str, Any]:
    # Worked out once a request: a page that renders a second template (a table, a partial)
    # asks again.
    cached: dict[str, Any] | None = getattr(request, "_consortia_shell", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    menu: list[dict[str, Any]] = []
    menu_html = mark_safe("")
    # A member organisation's user lives in the portal: the staff menus are the wrong product
    # for them (their pages would answer, scoped to their organisation, but lead nowhere useful).
    if user is not None and user.is_authenticated and getattr(user, "is_staff_member", False):
        allowed = perm_checker(user)
        granted = tuple(name for name in _menu_permissions() if allowed(name))
        menu, menu_html = _menu_for(granted, get_script_prefix(), registry.menu_size())
    context = {"site_name": settings.SITE_NAME, "menu": menu, "menu_html": menu_html}
    request._consortia_shell = context  # type: ignore[attr-defined]
    return context


# The menu is the same for everyone holding the same permissions, and it is drawn on every staff
# page: a hundred-odd links, about a millisecond through the template engine. Each process works
# it out, and its HTML, once per set of permissions (a handful: one per role, in practice) and
# keeps it; the menu's entries are registered as the apps' views are imported, so one kept before
# the last of them came is not used again (`registry.menu_size()`). Bounded.
_MENUS: dict[tuple[tuple[str, ...], str, int], tuple[list[dict[str, Any]], SafeString]] = {}
_MENUS_LIMIT = 200


def _menu_permissions() -> list[str]:
    """Every permission some menu item asks for, in a fixed order."""
    return sorted({item.permission for group in registry.menu() for item in group.items})


def _menu_for(granted: tuple[str, ...], prefix: str, size: int) -> tuple[list[dict[str, Any]], SafeString]:
    key = (granted, prefix, size)
    found = _MENUS.get(key)
    if found is None:
        allowed = set(granted)
        menu = []
        for group in registry.menu():
            items = [item for item in group.items if item.permission in allowed]
            if items:
                menu.append({"label": group.label, "items": items})
        found = (menu, menu_markup(menu))
        if len(_MENUS) >= _MENUS_LIMIT:
            _MENUS.clear()
        _MENUS[key] = found
    return found


def menu_markup(menu: list[dict[str, Any]]) -> SafeString:
    """The menu's drop-downs, as base.html draws them (one `<li>` per group)."""
    return format_html_join(
        "",
        '<li class="nav-item dropdown">'
        '<button class="nav-link dropdown-toggle btn btn-link" data-bs-toggle="dropdown" aria-expanded="false">'
        '{}</button><ul class="dropdown-menu">{}</ul></li>',
        (
            (
                group["label"],
                format_html_join(
                    "",
                    '<li><a class="dropdown-item" href="{}">{}</a></li>',
                    ((item.url, item.label) for item in group["items"]),
                ),
            )
            for group in menu
        ),
    )
