"""Template helpers of the performance pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(container: Any, key: Any) -> Any:
    """`mapping|get_item:key` or `list|get_item:index`; None when absent."""
    try:
        return container[key]
    except (KeyError, IndexError, TypeError):
        return None
