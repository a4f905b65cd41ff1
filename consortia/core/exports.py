"""CSV and Excel exports of exactly what a list shows, filtered and sorted, without pagination."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_rows(table: tables.Table) -> Iterator[list[Any]]:
    """Header then one list per row, using each column's plain value (not its HTML)."""
    return iter(table.as_values())


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_safe(value: Any) -> Any:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_response(
    table: tables.Table,
    fmt: str,
    basename: str,
    notes: Sequence[str] = (),
    sheets: Mapping[str, Sequence[Sequence[Any]]] | None = None,
) -> HttpResponseBase:
    """The table's rows as CSV (streamed) or Excel. `notes` follow the rows after a blank line (a
    source's licence credit); `sheets` are more sheets of the workbook, by title (header first)."""
    stamp = timezone.localdate().isoformat()
    after = [[], *[[note] for note in notes]] if notes else []
    if fmt == "csv":
        writer = csv.writer(_Echo())
        # The BOM makes Excel open the file as UTF-8 (names with accents, the £ sign).
        rows = (
            writer.writerow([_csv_safe(cell) for cell in row]) for row in itertools.chain(export_rows(table), after)
        )
        streaming = StreamingHttpResponse(_with_bom(rows), content_type="text/csv; charset=utf-8")
        streaming["Content-Disposition"] = f'attachment; filename="{basename}-{stamp}.csv"'
        return streaming
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=basename[:31] or "export")
    bold = Font(bold=True)
    for index, row in enumerate(export_rows(table)):
        if index == 0:
            cells = []
            for title in row:
                cell = WriteOnlyCell(sheet, value=str(title))
                cell.font = bold
                cells.append(cell)
            sheet.append(cells)
        else:
            sheet.append([_excel_value(value) for value in row])
    for row in after:
        sheet.append([_excel_value(value) for value in row])
    for title, lines in (sheets or {}).items():
        extra = workbook.create_sheet(title=title[:31])
        for index, line in enumerate(lines):
            extra.append([str(value) for value in line] if index == 0 else [_excel_value(value) for value in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{basename}-{stamp}.xlsx"'
    return response


def _with_bom(rows: Iterator[str]) -> Iterator[str]:
    yield "\ufeff"
    yield from rows


def _excel_value(value: Any) -> Any:
    if value is None or (isinstance(value, (int, float, Decimal, date)) and not isinstance(value, bool)):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    return _csv_safe(str(value))
