"""Lists of the finance app, one module per area; money is written by `core.formats.pounds`."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables

from consortia.core.formats import pounds


class MoneyColumn(tables.Column):
    """Pounds and pence, right-aligned."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> str:
        return pounds(value)

    def value(self, value: Any) -> Any:
        return value  # exports keep the number
