"""Which record types exist, where their views live and how they appear in the menu and search.

Each app declares a `RecordViews` subclass per model (see `core.views.generic`) and registers it
here; the menu, the global search box, the generic templates and the testing kit all read this
registry, so adding a record type is declaring it once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

if TYPE_CHECKING:
    from consortia.core.views.generic import RecordViews


@dataclass(frozen=True)
class MenuGroup:
    label: str
    order: int
    items: list[MenuItem] = field(default_factory=list)


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str
    order: int = 100

    @property
    def url(self) -> str:
        """The list page's address (the menu shows every record type on every page)."""
        return static_url(self.url_name)


def static_url(url_name: str) -> str:
    """`reverse(url_name)` for a route without arguments, worked out once per process (and
    script prefix): the menu and the dashboard name every record type's list on every page."""
    return _static_url(url_name, get_script_prefix())


@functools.cache
def _static_url(url_name: str, prefix: str) -> str:
    return reverse(url_name)


@dataclass(frozen=True)
class Panel:
    """A box on the dashboard drawn by an app: `context(request)` fills `template`."""

    template: str
    permission: str
    context: Callable[[HttpRequest], dict[str, Any]]
    order: int = 100


_records: dict[str, type[RecordViews]] = {}
_menu: dict[str, MenuGroup] = {}
_panels: list[Panel] = []


def register(views: type[RecordViews]) -> type[RecordViews]:
    """Register a model's views (usable as a class decorator)."""
    _records[views.model._meta.label_lower] = views
    if views.menu_group:
        group_label, group_order = views.menu_group
        group = _menu.setdefault(group_label, MenuGroup(group_label, group_order))
        meta = views.model._meta
        group.items.append(
            MenuItem(
                label=str(meta.verbose_name_plural).capitalize(),
                url_name=f"{meta.app_label}:{meta.model_name}_list",
                permission=f"{meta.app_label}.view_{meta.model_name}",
                order=views.menu_order,
            )
        )
        group.items.sort(key=lambda item: (item.order, item.label))
    return views


def add_menu_item(group_label: str, group_order: int, item: MenuItem) -> None:
    """A menu entry that is not a record list (a report, a dashboard)."""
    group = _menu.setdefault(group_label, MenuGroup(group_label, group_order))
    group.items.append(item)
    group.items.sort(key=lambda entry: (entry.order, entry.label))


def add_panel(panel: Panel) -> None:
    """A panel on the dashboard (e.g. how far the hub's set-up has gone), for users with its permission."""
    _panels.append(panel)
    _panels.sort(key=lambda entry: entry.order)


def panels() -> list[Panel]:
    return list(_panels)


def records() -> list[type[RecordViews]]:
    return list(_records.values())


def record_for_label(label: str) -> type[RecordViews] | None:
    """The record type with this label (`app_label.model_name`), or None."""
    return _records.get(label.lower()) if label else None


def views_for(model: type[models.Model]) -> type[RecordViews] | None:
    return _records.get(model._meta.label_lower)


def menu() -> list[MenuGroup]:
    return sorted(_menu.values(), key=lambda group: (group.order, group.label))


def menu_size() -> int:
    """How many entries the menu has: it only grows (as apps' views are imported), so a menu
    worked out earlier and kept is out of date when this has changed."""
    return sum(len(group.items) for group in _menu.values())
