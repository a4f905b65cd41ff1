"""Template helpers for timesheets and recharges: hours and pounds as people read them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from consortia.people.services.recharge import pounds as format_pounds
from consortia.people.services.time import hours_of, show_hours

register = template.Library()


@register.filter
def hours(value: Any) -> str:
    """7.50 -> "7.5"; nought -> "0"."""
    return show_hours(hours_of(value))


@register.filter
def pounds(value: Any) -> str:
    """1234.5 -> "£1,234.50"."""
    if value is None or value == "":
        return "—"
    return format_pounds(Decimal(str(value)))


@register.filter
def item(mapping: Any, key: Any) -> Any:
    """`mapping[key]` in a template ({{ totals|item:day }})."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
