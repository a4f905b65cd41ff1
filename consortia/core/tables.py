"""Base table: sortable columns, accessible markup, and the columns every record shares."""

from __future__ import annotations

import django_tables2 as tables


class BaseTable(tables.Table):
    """Subclasses list their columns; the first is usually linkified to the record."""

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        template_name = "core/table.html"
        empty_text = "Nothing matches these filters."
