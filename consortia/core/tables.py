"""Base table: sortable columns, accessible markup, and a faster cell path for django-tables2."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.utils import dateformat, timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django_tables2 import utils as tables_utils
from django_tables2.data import TableQuerysetData

from consortia.core.formats import pounds


class BaseTable(tables.Table):
    """Subclasses list their columns; the first is usually linkified to the record.

    `html_rows()` draws the page's cells. Plain, boolean, e-mail and linked columns are drawn
    here directly (a list page has hundreds of cells, and django-tables2's general path costs
    more than the rest of the page); a column with a `render_<name>` method, or of any other
    kind, goes through django-tables2 as usual.
    """

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        template_name = "core/table.html"
        empty_text = "Nothing matches these filters."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self.data, TableQuerysetData):
            self.data.__class__ = StableQuerysetData

    def html_rows(self) -> list[list[str]]:
        painters = [self._painter(column) for column in self.columns]
        return [[paint(row) for paint in painters] for row in self.paginated_rows]

    def html_body(self) -> SafeString:
        """The page's rows as `<tr><td>…</td></tr>` markup, joined here rather than by two nested
        template loops (a list page's few hundred cells each cost a template variable lookup)."""
        return mark_safe(
            "".join(
                "<tr>" + "".join(f"<td>{conditional_escape(cell)}</td>" for cell in cells) + "</tr>"
                for cells in self.html_rows()
            )
        )

    def _painter(self, bound: Any) -> Callable[[Any], str]:
        column = bound.column
        if hasattr(self, f"render_{bound.name}") or type(column) not in _FAST_COLUMNS:
            return lambda row: conditional_escape(row.get_cell(bound.name))
        parts = str(bound.accessor).replace("__", ".").split(".")
        labels = _choice_labels(self._meta.model, parts)
        default = conditional_escape(bound.default)
        linkify = bool(column.link) if hasattr(column, "link") else False
        is_boolean = isinstance(column, tables.BooleanColumn)
        is_email = isinstance(column, tables.EmailColumn)
        # Dates are formatted here rather than through the template django-tables2 compiles for
        # every date cell (half of a list page's time when each row has two dates).
        is_moment = isinstance(column, tables.DateTimeColumn)
        is_day = is_moment or isinstance(column, tables.DateColumn)
        date_pattern = getattr(column, "format", None)
        named_format = "SHORT_DATETIME_FORMAT" if is_moment else "SHORT_DATE_FORMAT"

        def paint(row: Any) -> str:
            record = row.record
            value = record
            for part in parts:
                value = getattr(value, part, None)
                if value is None:
                    return default
            if callable(value):
                value = value()
            if is_boolean:
                return "Yes" if value else "No"
            if is_day and hasattr(value, "strftime"):
                if hasattr(value, "hour") and timezone.is_aware(value):  # as the date filter does
                    value = timezone.localtime(value)
                text = dateformat.format(value, date_pattern) if date_pattern else date_format(value, named_format)
                if linkify:
                    return format_html('<a href="{}">{}</a>', record.get_absolute_url(), text)
                return conditional_escape(text)
            if value == "":
                return default
            text = labels.get(value, value) if labels else value
            if is_email:
                return format_html('<a href="mailto:{}">{}</a>', value, text)
            if linkify:
                target = value if hasattr(value, "get_absolute_url") else record
                return format_html('<a href="{}">{}</a>', target.get_absolute_url(), text)
            return conditional_escape(text)

        return paint


class MoneyColumn(tables.Column):
    """Pounds and pence in the house style, right-aligned (and the number itself in exports)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> str:
        return pounds(value)

    def value(self, value: Any) -> Any:
        return value


class StableQuerysetData(TableQuerysetData):
    """Sorting by a column with repeated values (a town) also sorts by id, so that paging
    through never repeats or skips a row."""

    data: Any

    def order_by(self, aliases: Any) -> None:
        super().order_by(aliases)
        ordering = list(self.data.query.order_by)
        if ordering and not {"pk", "-pk", "id", "-id"} & set(ordering):
            self.data = self.data.order_by(*ordering, "pk")


_FAST_COLUMNS = (tables.Column, tables.BooleanColumn, tables.EmailColumn, tables.DateColumn, tables.DateTimeColumn)


def _choice_labels(model: Any, parts: list[str]) -> dict[Any, str]:
    """code -> label when the column shows a field with choices (as get_FOO_display would)."""
    for part in parts[:-1]:
        try:
            model = model._meta.get_field(part).related_model
        except (AttributeError, FieldDoesNotExist):
            return {}
    try:
        field = model._meta.get_field(parts[-1])
    except (AttributeError, FieldDoesNotExist):
        return {}
    return {code: str(label) for code, label in (getattr(field, "flatchoices", None) or [])}


# django-tables2 inspects the signature of a column's render function for every cell it draws
# (a tenth of a list page's time at 50 rows). A function's signature does not change, so it is
# worked out once per function. Bound methods are keyed by their function, as the library
# drops `self` from them either way.
_uncached_signature: Callable[[Any], tuple[tuple[str, ...], str | None]] = tables_utils.signature


@functools.cache
def _signature_of(function: Any, bound: bool) -> tuple[tuple[str, ...], str | None]:
    args, keywords = _uncached_signature(function)
    return (args[1:] if bound and args else args), keywords


def _cached_signature(fn: Any) -> tuple[tuple[str, ...], str | None]:
    function = getattr(fn, "__func__", None)
    try:
        if function is not None:
            return _signature_of(function, True)
        return _signature_of(fn, False)
    except TypeError:  # an unhashable callable: ask the library as it would have
        return _uncached_signature(fn)


tables_utils.signature = _cached_signature
