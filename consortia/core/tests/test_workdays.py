"""UK working days, with the real 2026 bank holidays of England and Wales."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from consortia.core.workdays import add_working_days, is_working_day, working_days_between

GOOD_FRIDAY = date(2026, 4, 3)
EASTER_MONDAY = date(2026, 4, 6)


def test_weekends_and_bank_holidays_are_not_working_days() -> None:
    assert is_working_day(date(2026, 4, 2))  # Maundy Thursday
    assert not is_working_day(GOOD_FRIDAY)
    assert not is_working_day(date(2026, 4, 4))  # Saturday
    assert not is_working_day(EASTER_MONDAY)
    assert is_working_day(date(2026, 4, 7))
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day falls on a Saturday: observed on Monday
    assert is_working_day(date(2026, 12, 29))


def test_scotland_has_its_own_bank_holidays() -> None:
    assert is_working_day(date(2026, 1, 2))
    assert not is_working_day(date(2026, 1, 2), region="SCT")  # 2 January
    assert not is_working_day(EASTER_MONDAY)
    assert is_working_day(EASTER_MONDAY, region="SCT")


def test_counting_after_start_up_to_and_including_end() -> None:
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert working_days_between(date(2026, 3, 10), date(2026, 3, 9)) == 0
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 10)) == 1  # Monday to Tuesday
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 16)) == 1  # Friday to Monday
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 23)) == 10  # two weeks


def test_easter_2026() -> None:
    # Thursday 02/04 to Tuesday 07/04: Good Friday, the weekend and Easter Monday are not counted.
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1
    assert working_days_between(date(2026, 4, 1), date(2026, 4, 8)) == 3
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 8)
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)


def test_christmas_2026_and_the_new_year() -> None:
    # Thursday 24/12/2026 to Monday 04/01/2027: 25/12, 28/12 (Boxing Day observed) and 01/01 are holidays.
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4  # 29, 30, 31/12 and 04/01
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 24), 0) == date(2026, 12, 24)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)), st.integers(min_value=0, max_value=60))
def test_adding_and_counting_agree(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)), st.integers(min_value=1, max_value=90))
def test_counting_matches_a_day_by_day_count(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    by_day = sum(1 for offset in range(1, days + 1) if is_working_day(start + timedelta(days=offset)))
    assert working_days_between(start, end) == by_day
