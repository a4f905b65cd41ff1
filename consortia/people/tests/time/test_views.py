"""The generic pages of timesheets, their lines and recharges, and the lock on approved timesheets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse

from consortia.core.services import record_version
from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.people.choices import TimesheetStatus
from consortia.people.models import Recharge, Timesheet, TimesheetEntry
from consortia.people.tests.staff.factories import StaffMemberFactory
from consortia.people.tests.time.factories import (
    MONDAY,
    HubFunctionFactory,
    RechargeFactory,
    TimesheetEntryFactory,
    TimesheetFactory,
)
from consortia.people.views.recharge import RechargeViews
from consortia.people.views.time import TimesheetEntryViews, TimesheetViews
from consortia.users.testing import Personas

EMPTY_GRID = {
    "entries-TOTAL_FORMS": "0",
    "entries-INITIAL_FORMS": "0",
    "entries-MIN_NUM_FORMS": "0",
    "entries-MAX_NUM_FORMS": "1000",
}


class TestTimesheetViews(EditableRecordTests):
    record = TimesheetViews
    member_can_view = False
    # session, user, 2 × permissions, count, staff and employers for the filters, the page
    # (staff, employer and approver joined; hours as a subquery)
    list_queries = 8

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Timesheet:
        staff = StaffMemberFactory(
            employer=organisation, first_name=f"Staff{index}", last_name=f"Of{organisation.pk}x{index}"
        )
        timesheet = TimesheetFactory(staff=staff, week_start=MONDAY + timedelta(weeks=index % 50))
        TimesheetEntryFactory(timesheet=timesheet)
        return timesheet

    def form_data(self, personas: Personas) -> dict[str, Any]:
        staff = StaffMemberFactory(employer=personas.org_a)
        return {"staff": str(staff.pk), "week_start": "2025-03-10", "notes": "First week."}

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        return {"week_start": obj.week_start.isoformat(), "notes": "Changed notes.", **EMPTY_GRID}


class TestTimesheetEntryViews(EditableRecordTests):
    record = TimesheetEntryViews
    member_can_view = False
    # session, user, 2 × permissions, count, staff and functions for the filters, the page
    # (timesheet, staff, function and task joined)
    list_queries = 8
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> TimesheetEntry:
        staff = StaffMemberFactory(employer=organisation, last_name=f"Line{index}")
        entry = TimesheetEntryFactory(timesheet=TimesheetFactory(staff=staff), description=f"Line {index}")
        entry.refresh_from_db()  # hours as stored (7.50), as the pages show them
        return entry

    def form_data(self, personas: Personas) -> dict[str, Any]:
        timesheet = TimesheetFactory(staff=StaffMemberFactory(employer=personas.org_a))
        function = HubFunctionFactory()
        days = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "0")
        return {
            "timesheet": str(timesheet.pk),
            "function": str(function.pk),
            "description": "Board papers",
            **days,
            "mon": "3.5",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        days = {day: str(getattr(obj, day)) for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
        return {"timesheet": str(obj.timesheet_id), "function": str(obj.function_id), "description": "Changed", **days}


class TestRechargeViews(EditableRecordTests):
    record = RechargeViews
    member_can_view = False
    list_queries = 7  # session, user, 2 × permissions, count, employers for the filter, the page

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Recharge:
        recharge = RechargeFactory(employer=organisation, amount=Decimal(1000 + index), reference=f"INV-{index}")
        recharge.refresh_from_db()  # the amount as stored (1000.00)
        return recharge

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "employer": str(personas.org_a.pk),
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "amount": "4500.00",
            "reference": "INV-0042",
        }


def approved_timesheet(personas: Personas) -> Timesheet:
    timesheet = TimesheetFactory(
        staff=StaffMemberFactory(user=personas.bid_writer),
        status=TimesheetStatus.APPROVED,
        approved_by=personas.manager,
    )
    TimesheetEntryFactory(timesheet=timesheet)
    return timesheet


def test_locked_timesheet_refuses_every_generic_change(personas: Personas, client_for: Callable[..., Client]) -> None:
    timesheet = approved_timesheet(personas)
    timesheet.refresh_from_db()
    entry = timesheet.entries.get()
    for user in (personas.manager, personas.bid_writer):
        client = client_for(user)
        before = record_version(timesheet)
        # The timesheet's own edit page and its generic delete.
        assert client.get(reverse("people:timesheet_edit", args=[timesheet.pk])).status_code == 409
        data = {"week_start": "2025-03-10", "notes": "Sneaky", "_version": before, **EMPTY_GRID}
        response = client.post(reverse("people:timesheet_edit", args=[timesheet.pk]), data)
        assert response.status_code == 409
        assert "approved and locked" in response.content.decode()
        assert client.post(reverse("people:timesheet_delete", args=[timesheet.pk])).status_code == 409
        # Its lines' generic edit and delete.
        assert client.get(reverse("people:timesheetentry_edit", args=[entry.pk])).status_code == 409
        line = {
            "timesheet": str(timesheet.pk),
            "function": str(entry.function_id),
            "mon": "24",
            "_version": record_version(entry),
        }
        assert client.post(reverse("people:timesheetentry_edit", args=[entry.pk]), line).status_code == 409
        assert client.post(reverse("people:timesheetentry_delete", args=[entry.pk])).status_code == 409
        timesheet.refresh_from_db()
        entry.refresh_from_db()
        assert record_version(timesheet) == before
        assert entry.mon == Decimal("7.5")
    # Nor can a line be added to it.
    data = {"timesheet": str(timesheet.pk), "function": str(entry.function_id), "mon": "1"}
    for day in ("tue", "wed", "thu", "fri", "sat", "sun"):
        data[day] = "0"
    response = client_for(personas.manager).post(reverse("people:timesheetentry_add"), data)
    assert response.status_code == 200
    assert timesheet.entries.count() == 1


def test_locked_pages_show_no_edit_button(personas: Personas, client_for: Callable[..., Client]) -> None:
    timesheet = approved_timesheet(personas)
    entry = timesheet.entries.get()
    client = client_for(personas.manager)
    for url in (
        reverse("people:timesheet_detail", args=[timesheet.pk]),
        reverse("people:timesheetentry_detail", args=[entry.pk]),
        reverse("people:timesheetentry_history", args=[entry.pk]),
    ):
        page = client.get(url).content.decode()
        assert ">Edit</a>" not in page, url


def test_staff_change_only_their_own_timesheets(personas: Personas, client_for: Callable[..., Client]) -> None:
    own = TimesheetFactory(staff=StaffMemberFactory(user=personas.bid_writer))
    other = TimesheetFactory(staff=StaffMemberFactory())
    client = client_for(personas.bid_writer)
    assert client.get(reverse("people:timesheet_detail", args=[other.pk])).status_code == 200  # reading is allowed
    assert client.get(reverse("people:timesheet_edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("people:timesheet_delete", args=[other.pk])).status_code == 404
    assert client.get(reverse("people:timesheet_edit", args=[own.pk])).status_code == 200
    # The add form offers only their own staff record.
    page = client.get(reverse("people:timesheet_add")).content.decode()
    assert f'<option value="{own.staff_id}">' in page
    assert f'<option value="{other.staff_id}">' not in page


def test_a_week_must_begin_on_a_monday(personas: Personas, client_for: Callable[..., Client]) -> None:
    staff = StaffMemberFactory()
    client = client_for(personas.manager)
    data = {"staff": str(staff.pk), "week_start": "2025-03-04"}
    response = client.post(reverse("people:timesheet_add"), data | {"_token": "x"})
    assert response.status_code == 200
    assert "A timesheet week begins on a Monday." in response.content.decode()
    assert not Timesheet.objects.exists()


def test_waiting_filter_shows_others_submitted_timesheets(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    mine = TimesheetFactory(
        staff=StaffMemberFactory(user=personas.manager, last_name="Managerself"), status="submitted"
    )
    theirs = TimesheetFactory(staff=StaffMemberFactory(last_name="Otherperson"), status="submitted")
    draft = TimesheetFactory(staff=StaffMemberFactory(last_name="Draftperson"))
    client = client_for(personas.manager)
    response = client.get(reverse("people:timesheets_waiting"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert str(theirs) in page
    assert str(mine) not in page
    assert str(draft) not in page
    assert client_for(personas.bid_writer).get(reverse("people:timesheets_waiting")).status_code == 403


def test_line_task_must_belong_to_its_function(personas: Personas, client_for: Callable[..., Client]) -> None:
    from consortia.people.tests.time.factories import HubTaskFactory

    timesheet = TimesheetFactory(staff=StaffMemberFactory())
    task = HubTaskFactory()
    other_function = HubFunctionFactory(name="Ensure good governance (test)")
    data = {"timesheet": str(timesheet.pk), "function": str(other_function.pk), "task": str(task.pk), "mon": "2"}
    for day in ("tue", "wed", "thu", "fri", "sat", "sun"):
        data[day] = "0"
    response = client_for(personas.manager).post(reverse("people:timesheetentry_add"), data)
    assert response.status_code == 200
    assert f"That task belongs to {task.function}, not {other_function}." in response.content.decode()
    assert not TimesheetEntry.objects.exists()


def test_a_line_cannot_take_a_day_over_24_hours(personas: Personas, client_for: Callable[..., Client]) -> None:
    timesheet = TimesheetFactory(staff=StaffMemberFactory())
    TimesheetEntryFactory(timesheet=timesheet, mon=Decimal(20))
    data = {"timesheet": str(timesheet.pk), "function": str(HubFunctionFactory().pk), "mon": "5"}
    for day in ("tue", "wed", "thu", "fri", "sat", "sun"):
        data[day] = "0"
    response = client_for(personas.manager).post(reverse("people:timesheetentry_add"), data)
    assert response.status_code == 200
    assert "Monday 03/03/2025: 25 hours in one day. A day has no more than 24 hours." in response.content.decode()
    assert timesheet.entries.count() == 1


def test_finance_keeps_the_recharges(personas: Personas, client_for: Callable[..., Client]) -> None:

    finance = client_for(personas.finance_officer)
    data = {
        "employer": str(personas.org_a.pk),
        "period_start": "2025-04-01",
        "period_end": "2025-03-31",
        "amount": "100",
        "_token": "x",
    }
    response = finance.post(reverse("people:recharge_add"), data)
    assert response.status_code == 200
    assert "The period ends before it starts." in response.content.decode()
    response = finance.post(reverse("people:recharge_add"), data | {"period_end": "2025-06-30"})
    assert response.status_code == 302
    recharge = Recharge.objects.get()
    assert recharge.amount == Decimal(100)
    assert client_for(personas.bid_writer).get(reverse("people:recharge_add")).status_code == 403
    assert (
        client_for(personas.bid_writer).post(reverse("people:recharge_delete", args=[recharge.pk])).status_code == 403
    )
