"""UK working days: weekdays that are not bank holidays.

Service standards ("circulated within 2 working days"), payment terms and timesheet deadlines
count working days. Bank holidays come from the `holidays` package; England and Wales share
theirs, which are the default (`REGION`). Scotland ("SCT") and Northern Ireland ("NIR") have
their own; every function takes `region` for a consortium there.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays

REGION = "ENG"  # England and Wales


@functools.lru_cache(maxsize=64)
def _bank_holidays(year: int, region: str) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=region, years=year))


def is_bank_holiday(day: date, region: str = REGION) -> bool:
    return day in _bank_holidays(day.year, region)


def is_working_day(day: date, region: str = REGION) -> bool:
    """Monday to Friday, and not a bank holiday."""
    return day.weekday() < 5 and not is_bank_holiday(day, region)


def working_days_between(start: date, end: date, region: str = REGION) -> int:
    """Working days after `start`, up to and including `end`; 0 when `end` is not after `start`.

    Something published on a Friday and circulated the next Monday took 1 working day; on the
    same day, 0.
    """
    if end <= start:
        return 0
    # Whole weeks hold five weekdays each; only the remainder needs looking at day by day.
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=offset)).weekday() < 5:
            count += 1
    for year in range(start.year, end.year + 1):
        count -= sum(1 for holiday in _bank_holidays(year, region) if start < holiday <= end and holiday.weekday() < 5)
    return count


def add_working_days(start: date, n: int, region: str = REGION) -> date:
    """The date `n` working days after `start` (before it, for a negative `n`; `start` for 0)."""
    step = 1 if n >= 0 else -1
    day = start
    remaining = abs(n)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day, region):
            remaining -= 1
    return day
