"""Money on the finance pages always shows its pence (£9,250.00), as statements and remittances do."""

from __future__ import annotations

from typing import Any

from django import template

from consortia.core import formats

register = template.Library()


@register.filter
def pence(value: Any) -> str:
    return formats.pounds(value)
