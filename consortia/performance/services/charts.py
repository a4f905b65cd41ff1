"""A KPI's chart as inline SVG, drawn on the server by the shared `core.charts.line_chart`."""

from __future__ import annotations

from typing import Any

from consortia.core.charts import RAG_COLOURS, LineChart, line_chart

COLOURS = RAG_COLOURS


def kpi_chart(rows: Any, periods: list[Any]) -> LineChart:
    """The contract's figure per period (coloured by its RAG) against the target (dashed)."""
    return line_chart(
        [
            (str(period), cell.value, RAG_COLOURS[cell.rag])
            for period, cell in zip(periods, rows.contract_cells, strict=True)
        ],
        target=rows.kpi.target,
    )
