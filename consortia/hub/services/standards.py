"""Service standards: their periods, their actual figures against target, and hand readings.

`standard_results(standards)` gives, for each standard, the last six periods of its kind
(months, quarters or financial years, the last one being the current period) with the actual
figure — computed from live records when the standard names a measure, else the hand reading
for that period — its RAG rating against the target, and the trend.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from consortia.hub import measures
from consortia.hub.choices import Comparison, Period, Unit
from consortia.hub.models import ServiceStandard, StandardReading

NO_DATA = "no_data"
RAG_LABELS = {"green": "Green", "amber": "Amber", "red": "Red", NO_DATA: "No data"}
# Bootstrap classes for a badge; the label is always shown in text beside the colour.
RAG_CLASSES = {
    "green": "text-bg-success",
    "amber": "text-bg-warning",
    "red": "text-bg-danger",
    NO_DATA: "text-bg-secondary",
}
# The financial year most voluntary organisations and commissioners work to starts in April.
YEAR_STARTS = 4
QUARTER_NAMES = {1: "Jan–Mar", 4: "Apr–Jun", 7: "Jul–Sep", 10: "Oct–Dec"}


@dataclass(frozen=True)
class StandardPeriod:
    start: date
    end: date
    kind: str

    @property
    def label(self) -> str:
        if self.kind == Period.QUARTER:
            return f"{QUARTER_NAMES[self.start.month]} {self.start.year}"
        if self.kind == Period.YEAR:
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        return f"{self.start:%b %Y}"


def period_start(day: date, kind: str) -> date:
    """The first day of the period of `kind` (month, quarter, financial year) holding `day`."""
    if kind == Period.QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if kind == Period.YEAR:
        year = day.year if day.month >= YEAR_STARTS else day.year - 1
        return date(year, YEAR_STARTS, 1)
    return day.replace(day=1)


def _months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


PERIOD_MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}


def period_for(day: date, kind: str) -> StandardPeriod:
    start = period_start(day, kind)
    return StandardPeriod(start, _months_later(start, PERIOD_MONTHS[Period(kind)]) - timedelta(days=1), kind)


def last_periods(kind: str, count: int = 6, today: date | None = None) -> list[StandardPeriod]:
    """The `count` periods of `kind` up to and including the current one, oldest first."""
    current = period_start(today or timezone.localdate(), kind)
    step = PERIOD_MONTHS[Period(kind)]
    return [period_for(_months_later(current, -step * back), kind) for back in range(count - 1, -1, -1)]


def rag_for(standard: ServiceStandard, actual: Decimal | None) -> str:
    """green / amber / red against the target, or "no_data"."""
    if actual is None:
        return NO_DATA
    target, margin = standard.target, standard.amber_margin or Decimal(0)
    if standard.comparison == Comparison.AT_LEAST:
        if actual >= target:
            return "green"
        return "amber" if actual >= target - margin else "red"
    if actual <= target:
        return "green"
    return "amber" if actual <= target + margin else "red"


def format_value(value: Decimal | None, unit: str) -> str:
    """A figure as people read it: "2.5 working days", "96%", "£1,234.56"."""
    if value is None:
        return "No data"
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit == Unit.PERCENT:
        return f"{number}%"
    if unit == Unit.POUNDS:
        return f"£{value:,.2f}"
    if unit == Unit.COUNT:
        return number
    return f"{number} {Unit(unit).label}"


@dataclass(frozen=True)
class PeriodResult:
    period: StandardPeriod
    actual: Decimal | None
    rag: str
    source: str  # "computed", "reading" or "" when there is no figure
    note: str = ""
    unit: str = Unit.COUNT

    @property
    def rag_label(self) -> str:
        return RAG_LABELS[self.rag]

    @property
    def rag_class(self) -> str:
        return RAG_CLASSES[self.rag]

    @property
    def display(self) -> str:
        return format_value(self.actual, self.unit)


@dataclass
class StandardResult:
    standard: ServiceStandard
    periods: list[PeriodResult] = field(default_factory=list)
    measure_label: str = ""

    @property
    def current(self) -> PeriodResult:
        return self.periods[-1]

    @property
    def target_display(self) -> str:
        word = "at most" if self.standard.comparison == Comparison.AT_MOST else "at least"
        return f"{word} {format_value(self.standard.target, self.standard.unit)}"

    @property
    def computed(self) -> bool:
        return bool(self.standard.measure)

    @property
    def trend(self) -> str:
        """Improving, worsening or steady: this period's figure against the last one before it ("" without both)."""
        latest = self.current.actual
        earlier = [result.actual for result in self.periods[:-1] if result.actual is not None]
        if latest is None or not earlier:
            return ""
        before = earlier[-1]
        if latest == before:
            return "steady"
        better = latest < before if self.standard.comparison == Comparison.AT_MOST else latest > before
        return "improving" if better else "worsening"

    def as_dict(self) -> dict[str, Any]:
        """For the API."""
        return {
            "standard": self.standard.pk,
            "target": str(self.standard.target),
            "comparison": self.standard.comparison,
            "unit": self.standard.unit,
            "trend": self.trend,
            "periods": [
                {
                    "start": result.period.start.isoformat(),
                    "end": result.period.end.isoformat(),
                    "label": result.period.label,
                    "actual": None if result.actual is None else str(result.actual),
                    "rag": result.rag,
                    "source": result.source,
                }
                for result in self.periods
            ],
        }


def standard_results(
    standards: Iterable[ServiceStandard], periods: int = 6, *, today: date | None = None
) -> list[StandardResult]:
    """Each standard's last `periods` periods: actual, RAG and the trend.

    Queries: one for the hand readings of all the standards; then, for each computed measure
    in use, its own fixed number of queries for each distinct period (standards sharing a
    measure and period share the figure).
    """
    standards = list(standards)
    today = today or timezone.localdate()
    windows = {standard.pk: last_periods(standard.period, periods, today) for standard in standards}
    readings: dict[tuple[int, date], StandardReading] = {}
    hand = [standard.pk for standard in standards if not standard.measure]
    if hand:
        earliest = min(windows[pk][0].start for pk in hand)
        for reading in StandardReading.objects.filter(standard_id__in=hand, period_start__gte=earliest):
            readings[(reading.standard_id, reading.period_start)] = reading
    computed = measures.MeasureValues()
    results = []
    for standard in standards:
        found = measures.get(standard.measure) if standard.measure else None
        result = StandardResult(standard, measure_label=found.label if found else "")
        for period in windows[standard.pk]:
            note = ""
            if standard.measure:
                if found is None:
                    actual, source = None, ""
                else:
                    actual, source = computed.value(standard.measure, period.start, period.end), "computed"
            else:
                reading = readings.get((standard.pk, period.start))
                actual, source = (reading.value, "reading") if reading else (None, "")
                note = reading.note if reading else ""
            if actual is None:
                source = ""
            result.periods.append(
                PeriodResult(period, actual, rag_for(standard, actual), source, note, unit=standard.unit)
            )
        results.append(result)
    return results


@transaction.atomic
def record_reading(
    standard: ServiceStandard, value: Decimal, user: Any, *, period_start: date | None = None, note: str = ""
) -> StandardReading:
    """Enter (or correct) a standard's hand reading for a period, by default the current one."""
    start = period_for(period_start or timezone.localdate(), standard.period).start
    reading = StandardReading.objects.filter(standard=standard, period_start=start).first()
    if reading is None:
        reading = StandardReading(standard=standard, period_start=start)
    reading.value = value
    reading.note = note
    reading.full_clean()
    reading.stamp(user)
    reading.save()
    return reading
