"""Block payment schedules: a value spread evenly over the months a contract or subcontract runs.

A subcontract (or contract) running from 15 January to 14 January next year touches 13
calendar months; each month it touches is one instalment. Every instalment is the value divided
by the number of months, rounded to the penny (half up), except the last, which takes what is
left so that the instalments add up to the value exactly: £1,000 over 3 months is £333.33,
£333.33 and £333.34. A month is named by its first day.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from consortia.core.dates import month_start
from consortia.finance.services.fees import to_penny


def month_count(start: date, end: date) -> int:
    """The calendar months from `start` to `end`, both touched months included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def instalment(value: Decimal, start: date, end: date, month: date) -> Decimal:
    """The instalment due for `month` (its first day) of a value spread over `start` to `end`; 0 outside."""
    months = month_count(start, end)
    index = month_count(start, month) - 1
    if months <= 0 or not 0 <= index < months:
        return Decimal("0.00")
    each = to_penny(value / months)
    if index == months - 1:
        return value - each * (months - 1)
    return each


def months_in(period_start: date, period_end: date, start: date, end: date) -> list[date]:
    """The months (first days) whose first day falls in the period and which the schedule touches.

    A month belongs to the period its first day is in, so monthly runs (1st to the last day)
    take one month each and no month falls between two runs.
    """
    first = month_start(start)
    last = month_start(end)
    month = month_start(period_start)
    if month < period_start:
        month = month_start(month, 1)
    found = []
    while month <= period_end:
        if first <= month <= last:
            found.append(month)
        month = month_start(month, 1)
    return found


def schedule(value: Decimal, start: date, end: date) -> list[tuple[date, Decimal]]:
    """Every (month, instalment) of the schedule."""
    first = month_start(start)
    return [
        (month_start(first, i), instalment(value, start, end, month_start(first, i)))
        for i in range(month_count(start, end))
    ]
