"""The measures computed from live records, against records made for each case."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.hub import measures
from consortia.hub.choices import DelivererKind, Raci, Rag, WorkplanStatus
from consortia.hub.models import HubTask, TaskAllocation, WorkplanItem
from consortia.hub.tests.standards.factories import deliverer, hub_function
from consortia.hub.tests.standards.people import appointment, at, staff_member, timesheet

pytestmark = pytest.mark.django_db

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


def test_the_registry_lists_and_computes_the_measures() -> None:
    codes = {item.code for item in measures.measures()}
    assert {
        "hub.tasks_with_responsible",
        "people.timesheet_approval_days",
        "people.timesheets_on_time",
        "people.days_to_appoint",
        "hub.workplan_on_track",
    } <= codes
    for item in measures.measures():
        assert item.label
        assert item.description
        assert item.unit
        assert measures.get(item.code) is item
    assert ("hub.workplan_on_track", "Workplan items on track (%)") in measures.choices()
    with pytest.raises(KeyError, match=r"no\.such"):
        measures.compute("no.such", *MARCH)


def test_a_code_cannot_be_registered_twice() -> None:
    with pytest.raises(ValueError, match="registered twice"):

        @measures.measure("hub.workplan_on_track", "Again", "percent", "A second one.", "strategy")
        def again(period_start: date, period_end: date) -> Decimal | None:
            return None


def _recorded_on(instance: HubTask | TaskAllocation, day: date) -> None:
    type(instance).objects.filter(pk=instance.pk).update(created=at(day))


def test_tasks_with_responsible() -> None:
    HubTask.objects.update(retired=True)  # the suggested tasks a new hub starts with
    function = hub_function("bidding")
    manager = deliverer("Consortium manager (test)", DelivererKind.BOARD)
    board = deliverer()
    tasks = [HubTask.objects.create(function=function, name=f"Task {n}") for n in range(4)]
    for task in tasks[:3]:
        TaskAllocation.objects.create(task=task, deliverer=manager, raci=Raci.RESPONSIBLE)
    TaskAllocation.objects.create(task=tasks[3], deliverer=board, raci=Raci.ACCOUNTABLE)
    HubTask.objects.create(function=function, name="Retired task", retired=True)
    for task in tasks:
        _recorded_on(task, date(2026, 2, 10))
    for allocation in TaskAllocation.objects.all():
        _recorded_on(allocation, date(2026, 2, 10))
    assert measures.compute("hub.tasks_with_responsible", *MARCH) == Decimal("75.00")
    # A responsible person named in April does not count for March.
    late = TaskAllocation.objects.create(task=tasks[3], deliverer=manager, raci=Raci.RESPONSIBLE)
    _recorded_on(late, date(2026, 4, 2))
    assert measures.compute("hub.tasks_with_responsible", *MARCH) == Decimal("75.00")
    assert measures.compute("hub.tasks_with_responsible", *APRIL) == Decimal("100.00")
    # Before any task was recorded there is nothing to measure.
    assert measures.compute("hub.tasks_with_responsible", date(2026, 1, 1), date(2026, 1, 31)) is None


def test_timesheet_approval_days() -> None:
    sam = staff_member("Sam Ahmed", date(2025, 9, 1))
    # Submitted on Maundy Thursday, approved after Easter: Good Friday and Easter Monday do not count.
    timesheet(sam, date(2026, 3, 30), submitted=at(date(2026, 4, 2), 16), approved=at(date(2026, 4, 7), 9))
    timesheet(sam, date(2026, 4, 6), submitted=at(date(2026, 4, 13), 9), approved=at(date(2026, 4, 16), 15))
    # Approved in March, and one only submitted: neither counts for April.
    timesheet(sam, date(2026, 3, 16), submitted=at(date(2026, 3, 20)), approved=at(date(2026, 3, 31)))
    timesheet(sam, date(2026, 4, 13), submitted=at(date(2026, 4, 17)))
    assert measures.compute("people.timesheet_approval_days", *APRIL) == Decimal("2.00")  # (1 + 3) / 2
    assert measures.compute("people.timesheet_approval_days", *MARCH) == Decimal("7.00")
    assert measures.compute("people.timesheet_approval_days", date(2026, 5, 1), date(2026, 5, 31)) is None


def test_approval_is_counted_in_uk_time() -> None:
    sam = staff_member("Sam Ahmed", date(2025, 9, 1))
    # 00:30 on Tuesday 31/03 in London is still Monday 30/03 in UTC.
    timesheet(sam, date(2026, 3, 23), submitted=at(date(2026, 3, 30), 9), approved=at(date(2026, 3, 31), 0, 30))
    assert measures.compute("people.timesheet_approval_days", *MARCH) == Decimal("1.00")


@pytest.fixture
def on_the_last_day_of_april(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 4, 30))


def test_timesheets_on_time(on_the_last_day_of_april: None) -> None:
    # March 2026's weeks end on Sundays 01, 08, 15, 22 and 29 March.
    asha = staff_member("Asha Patel", date(2025, 1, 6))
    timesheet(asha, date(2026, 2, 23), submitted=at(date(2026, 3, 2), 17))  # by Tuesday 03/03: on time
    timesheet(asha, date(2026, 3, 2), submitted=at(date(2026, 3, 11), 9))  # Wednesday: late
    timesheet(asha, date(2026, 3, 9), submitted=at(date(2026, 3, 13), 16))  # within the week: on time
    # No timesheet at all for the week of 16/03: late.
    timesheet(asha, date(2026, 3, 23), submitted=at(date(2026, 3, 31), 23, 30))  # 23:30 UK time on the Tuesday
    ben = staff_member("Ben Walsh", date(2026, 3, 16))  # starts mid-month: two weeks
    timesheet(ben, date(2026, 3, 16), submitted=at(date(2026, 3, 23), 10))
    timesheet(ben, date(2026, 3, 23))  # drafted, never submitted: late
    cara = staff_member("Cara Doyle", date(2024, 5, 1), end=date(2026, 3, 4))  # leaves: two weeks
    timesheet(cara, date(2026, 2, 23), submitted=at(date(2026, 2, 27)))
    timesheet(cara, date(2026, 3, 2), submitted=at(date(2026, 3, 4)))
    staff_member("Dev Singh", date(2026, 4, 1))  # not yet started
    # 9 weeks, 6 on time.
    assert measures.compute("people.timesheets_on_time", *MARCH) == Decimal("66.67")


def test_timesheet_deadline_skips_easter(on_the_last_day_of_april: None) -> None:
    eve = staff_member("Eve Burke", date(2026, 3, 30))
    # The week ending Sunday 05/04: Easter Monday is a bank holiday, so the deadline is Wednesday 08/04.
    timesheet(eve, date(2026, 3, 30), submitted=at(date(2026, 4, 8), 15))
    assert measures.compute("people.timesheets_on_time", date(2026, 4, 1), date(2026, 4, 5)) == Decimal("100.00")


def test_weeks_not_yet_due_wait_for_their_timesheet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 10))  # Tuesday
    asha = staff_member("Asha Patel", date(2025, 1, 6))
    timesheet(asha, date(2026, 2, 23), submitted=at(date(2026, 3, 2)))
    # The week ending 08/03 is due today: not late yet, so not counted; later weeks have not ended.
    assert measures.compute("people.timesheets_on_time", *MARCH) == Decimal("100.00")
    timesheet(asha, date(2026, 3, 2), submitted=at(date(2026, 3, 9)))
    assert measures.compute("people.timesheets_on_time", *MARCH) == Decimal("100.00")
    assert measures.compute("people.timesheets_on_time", date(2026, 3, 2), date(2026, 3, 7)) is None  # no Sunday


def test_days_to_appoint() -> None:
    # Closes Friday 27/03, accepted Thursday 09/04: 7 working days, Easter excluded.
    appointment("HUB-01", date(2026, 3, 27), date(2026, 4, 9))
    appointment("HUB-02", date(2026, 4, 10), date(2026, 4, 24))  # 10 working days
    appointment("HUB-03", date(2026, 4, 17), date(2026, 5, 6))  # accepted in May
    appointment("HUB-04", date(2026, 4, 17), None)  # no offer accepted yet
    assert measures.compute("people.days_to_appoint", *APRIL) == Decimal("8.50")
    assert measures.compute("people.days_to_appoint", *MARCH) is None


def test_workplan_on_track() -> None:
    def item(activity: str, end: date, status: str, rag: str = Rag.GREEN) -> None:
        WorkplanItem.objects.create(
            activity=activity, start_month=date(2025, 11, 1), end_month=end, status=status, rag=rag
        )

    item("Recruit the hub staff", date(2026, 1, 1), WorkplanStatus.DONE, Rag.RED)
    item("Adopt the policies", date(2026, 2, 1), WorkplanStatus.IN_PROGRESS)
    item("Launch membership", date(2026, 3, 1), WorkplanStatus.IN_PROGRESS, Rag.AMBER)
    item("Map the commissioners", date(2026, 3, 1), WorkplanStatus.NOT_STARTED)
    item("Build the bid pipeline", date(2026, 6, 1), WorkplanStatus.IN_PROGRESS)
    assert measures.compute("hub.workplan_on_track", *MARCH) == Decimal("50.00")
    assert measures.compute("hub.workplan_on_track", date(2026, 1, 1), date(2026, 1, 31)) == Decimal("100.00")
    assert measures.compute("hub.workplan_on_track", date(2025, 12, 1), date(2025, 12, 31)) is None


def test_each_measure_costs_a_fixed_number_of_queries(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    expected = {
        "hub.tasks_with_responsible": 1,
        "people.timesheet_approval_days": 1,
        "people.timesheets_on_time": 2,
        "people.days_to_appoint": 1,
        "hub.workplan_on_track": 1,
    }
    sam = staff_member("Sam Ahmed", date(2025, 9, 1))
    for week in range(6):
        monday = date(2026, 3, 2 + 7 * week) if week < 5 else date(2026, 4, 6)
        timesheet(sam, monday, submitted=datetime(2026, 4, 8, 9, tzinfo=timezone.get_current_timezone()))
    for code, count in expected.items():
        with django_assert_num_queries(count):
            measures.compute(code, *MARCH)
