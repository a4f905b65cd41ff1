"""Simple charts as inline SVG, drawn on the server (no JavaScript, nothing from a CDN).

Two shapes: a **line** of figures over time against a dashed target (a KPI per period), and
horizontal **bars** (a value per commissioner or member). Each function returns the numbers the
templates `core/_line_chart.html` and `core/_bar_chart.html` draw; the caller chooses the colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

PAD = 28
GREY = "#6c757d"
BLUE = "#0d6efd"
RAG_COLOURS = {"green": "#198754", "amber": "#fd7e14", "red": "#dc3545", None: GREY}


@dataclass
class LineChart:
    width: int
    height: int
    line: str  # the polyline's points
    dots: list[tuple[float, float, str, str]]  # x, y, colour, label
    target_y: float | None
    top_label: str
    labels: list[tuple[float, str]]  # x, the label under the axis


def line_chart(
    points: list[tuple[str, Decimal | None, str]],
    target: Decimal | None = None,
    width: int = 480,
    height: int = 160,
) -> LineChart:
    """`points` are (label, figure or None for a gap, colour) in order; `target` a dashed line."""
    figures = [figure for _, figure, _ in points if figure is not None]
    top = max([*figures, target or Decimal(0), Decimal(1)]) * Decimal("1.15")
    span = len(points) - 1 or 1

    def x(index: int) -> float:
        return round(PAD + (width - 2 * PAD) * index / span, 1)

    def y(value: Decimal) -> float:
        return round(height - PAD - float(value / top) * (height - 2 * PAD), 1)

    dots = [
        (x(index), y(figure), colour, f"{label}: {figure}")
        for index, (label, figure, colour) in enumerate(points)
        if figure is not None
    ]
    step = max(1, len(points) // 6)
    return LineChart(
        width=width,
        height=height,
        line=" ".join(f"{dot[0]},{dot[1]}" for dot in dots),
        dots=dots,
        target_y=None if target is None else y(target),
        top_label=f"{top.quantize(Decimal('1'))}",
        labels=[(x(index), label) for index, (label, _, _) in enumerate(points) if index % step == 0],
    )


@dataclass
class Bar:
    label: str
    value_label: str
    y: float
    width: float
    colour: str


@dataclass
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]


def bar_chart(
    rows: list[tuple[str, Decimal | int, str]],
    value_label: object = str,
    width: int = 560,
    label_width: int = 200,
    bar_height: int = 18,
) -> BarChart:
    """One horizontal bar per (label, value, colour), the longest filling the width;
    `value_label(value)` is the text after each bar (for money: `core.formats.pounds`)."""
    gap = 6
    room = width - label_width - 90  # space for the value's text after the bar
    top = max([Decimal(value) for _, value, _ in rows] + [Decimal(1)])
    bars = [
        Bar(
            label=label,
            value_label=value_label(value),  # type: ignore[operator]
            y=index * (bar_height + gap),
            width=round(float(Decimal(value) / top) * room, 1),
            colour=colour,
        )
        for index, (label, value, colour) in enumerate(rows)
    ]
    return BarChart(width, max(1, len(rows)) * (bar_height + gap), label_width, bar_height, bars)
