"""Calendar arithmetic the apps share: months, as contracts, renewals and schedules count them."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), the month's last day if it is shorter:
    31/01 + 1 month is 28/02 (29/02 in a leap year)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_start(day: date, months: int = 0) -> date:
    """The first day of the month `months` after `day`'s month."""
    return add_months(day.replace(day=1), months)
