"""Periods, RAG ratings, trends and the results of standards over their last six periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from consortia.hub.choices import Comparison, Period, Raci, Unit
from consortia.hub.models import HubTask, ServiceStandard, StandardReading, TaskAllocation
from consortia.hub.services.standards import (
    format_value,
    last_periods,
    period_for,
    period_start,
    rag_for,
    record_reading,
    standard_results,
)
from consortia.hub.tests.standards.factories import (
    ServiceStandardFactory,
    StandardReadingFactory,
    deliverer,
    hub_function,
)
from consortia.users.testing import Personas

TODAY = date(2026, 5, 14)


def test_period_starts() -> None:
    assert period_start(date(2026, 5, 14), Period.MONTH) == date(2026, 5, 1)
    assert period_start(date(2026, 5, 14), Period.QUARTER) == date(2026, 4, 1)
    assert period_start(date(2026, 12, 31), Period.QUARTER) == date(2026, 10, 1)
    # Years are financial years, from 1 April.
    assert period_start(date(2026, 5, 14), Period.YEAR) == date(2026, 4, 1)
    assert period_start(date(2026, 3, 31), Period.YEAR) == date(2025, 4, 1)


def test_the_last_six_periods_end_with_the_current_one() -> None:
    months = last_periods(Period.MONTH, 6, TODAY)
    assert [period.label for period in months] == [
        "Dec 2025",
        "Jan 2026",
        "Feb 2026",
        "Mar 2026",
        "Apr 2026",
        "May 2026",
    ]
    assert (months[1].start, months[1].end) == (date(2026, 1, 1), date(2026, 1, 31))
    assert months[2].end == date(2026, 2, 28)
    quarters = last_periods(Period.QUARTER, 6, TODAY)
    assert quarters[-1].label == "Apr–Jun 2026"
    assert quarters[0].label == "Jan–Mar 2025"
    assert quarters[-1].end == date(2026, 6, 30)
    years = last_periods(Period.YEAR, 6, TODAY)
    assert [period.label for period in years][-2:] == ["2025/26", "2026/27"]
    assert (years[-1].start, years[-1].end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert period_for(date(2026, 2, 10), Period.YEAR).label == "2025/26"


def test_rag_at_most_and_at_least() -> None:
    quick = ServiceStandard(target=Decimal(10), amber_margin=Decimal(2), comparison=Comparison.AT_MOST)
    assert [rag_for(quick, Decimal(value)) for value in ("9", "10", "11", "12", "12.01")] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
    ]
    assert rag_for(quick, None) == "no_data"
    high = ServiceStandard(target=Decimal(95), amber_margin=Decimal(5), comparison=Comparison.AT_LEAST)
    assert [rag_for(high, Decimal(value)) for value in ("100", "95", "92", "90", "89.99")] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
    ]
    strict = ServiceStandard(target=Decimal(100), amber_margin=Decimal(0), comparison=Comparison.AT_LEAST)
    assert rag_for(strict, Decimal("99.99")) == "red"


def test_values_are_shown_in_their_units() -> None:
    assert format_value(Decimal("2.50"), Unit.WORKING_DAYS) == "2.5 working days"
    assert format_value(Decimal("100.00"), Unit.PERCENT) == "100%"
    assert format_value(Decimal("66.67"), Unit.PERCENT) == "66.67%"
    assert format_value(Decimal("1234.5"), Unit.POUNDS) == "£1,234.50"
    assert format_value(Decimal(3), Unit.COUNT) == "3"
    assert format_value(None, Unit.DAYS) == "No data"


@pytest.mark.django_db
def test_hand_readings_give_rag_and_trend() -> None:
    standard: ServiceStandard = ServiceStandardFactory(target=Decimal(10), amber_margin=Decimal(2))
    values = {date(2026, 1, 1): "13", date(2026, 2, 1): "11", date(2026, 3, 1): "9", date(2026, 4, 1): "10.5"}
    for start, value in values.items():
        StandardReadingFactory(standard=standard, period_start=start, value=Decimal(value))
    StandardReadingFactory(standard=standard, period_start=date(2025, 1, 1), value=Decimal(1))  # too old to show
    (result,) = standard_results([standard], today=TODAY)
    assert [(p.period.label, p.actual, p.rag) for p in result.periods] == [
        ("Dec 2025", None, "no_data"),
        ("Jan 2026", Decimal("13.00"), "red"),
        ("Feb 2026", Decimal("11.00"), "amber"),
        ("Mar 2026", Decimal("9.00"), "green"),
        ("Apr 2026", Decimal("10.50"), "amber"),
        ("May 2026", None, "no_data"),
    ]
    assert result.current.rag_label == "No data"
    assert result.current.rag_class == "text-bg-secondary"
    assert result.trend == ""  # no figure yet this period
    assert result.target_display == "at most 10 working days"
    StandardReadingFactory(standard=standard, period_start=date(2026, 5, 1), value=Decimal(8))
    (result,) = standard_results([standard], today=TODAY)
    assert (result.current.display, result.current.rag_label, result.trend) == ("8 working days", "Green", "improving")
    StandardReading.objects.filter(period_start=date(2026, 5, 1)).update(value=Decimal(12))
    (result,) = standard_results([standard], today=TODAY)
    assert result.trend == "worsening"  # 10.5 then 12, where lower is better


@pytest.mark.django_db
def test_computed_standards_use_their_measure() -> None:
    HubTask.objects.update(retired=True)
    task = HubTask.objects.create(function=hub_function("bidding"), name="Find opportunities")
    HubTask.objects.create(function=hub_function("bidding"), name="Write bids")
    TaskAllocation.objects.create(task=task, deliverer=deliverer(), raci=Raci.RESPONSIBLE)
    standard: ServiceStandard = ServiceStandardFactory(
        measure="hub.tasks_with_responsible",
        unit=Unit.PERCENT,
        comparison=Comparison.AT_LEAST,
        target=Decimal(100),
        amber_margin=Decimal(10),
    )
    twin: ServiceStandard = ServiceStandardFactory(
        measure="hub.tasks_with_responsible", unit=Unit.PERCENT, comparison=Comparison.AT_LEAST, target=Decimal(50)
    )
    first, second = standard_results([standard, twin])
    assert (first.current.actual, first.current.rag, first.current.source) == (Decimal("50.00"), "red", "computed")
    assert second.current.rag == "green"
    assert first.current.display == "50%"


@pytest.mark.django_db
def test_record_reading_creates_then_corrects(personas: Personas) -> None:
    standard = ServiceStandardFactory(period=Period.QUARTER)
    first = record_reading(standard, Decimal(7), personas.manager, period_start=date(2026, 5, 20), note="First go")
    assert first.period_start == date(2026, 4, 1)
    assert first.created_by == personas.manager
    second = record_reading(standard, Decimal(6), personas.manager, period_start=date(2026, 6, 2))
    assert second.pk == first.pk
    assert StandardReading.objects.get().value == Decimal(6)
    assert StandardReading.objects.get().history.count() == 2
