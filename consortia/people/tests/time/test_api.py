"""The timesheet, timesheet line and recharge API: generic tests, the actions and the lock."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.people.choices import TimesheetStatus
from consortia.people.models import Recharge, Timesheet, TimesheetEntry
from consortia.people.tests.staff.factories import StaffMemberFactory
from consortia.people.tests.time.factories import (
    MONDAY,
    HubFunctionFactory,
    HubTaskFactory,
    RechargeFactory,
    TimesheetEntryFactory,
    TimesheetFactory,
)
from consortia.users.testing import Personas


class TestTimesheetApi(RecordApiTests):
    basename = "timesheet"
    model = Timesheet
    member_can_view = False
    change = {"notes": "Changed by the API."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Timesheet:
        timesheet = TimesheetFactory(
            staff=StaffMemberFactory(employer=organisation), week_start=MONDAY + timedelta(weeks=index)
        )
        TimesheetEntryFactory(timesheet=timesheet)
        return timesheet

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"staff": StaffMemberFactory().pk, "week_start": "2025-03-10", "notes": "From the API."}


class TestTimesheetEntryApi(RecordApiTests):
    basename = "timesheetentry"
    model = TimesheetEntry
    member_can_view = False
    change = {"description": "Changed by the API."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> TimesheetEntry:
        return TimesheetEntryFactory(timesheet=TimesheetFactory(staff=StaffMemberFactory(employer=organisation)))

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"timesheet": TimesheetFactory().pk, "function": HubFunctionFactory().pk, "mon": "3.50"}


class TestRechargeApi(RecordApiTests):
    basename = "recharge"
    model = Recharge
    member_can_view = False
    change = {"reference": "INV-0099"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Recharge:
        return RechargeFactory(employer=organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "employer": personas.org_a.pk,
            "period_start": "2025-04-01",
            "period_end": "2025-06-30",
            "amount": "4200.00",
        }


@pytest.fixture
def own(personas: Personas) -> Timesheet:
    timesheet = TimesheetFactory(staff=StaffMemberFactory(user=personas.bid_writer))
    TimesheetEntryFactory(timesheet=timesheet, mon=Decimal("7.5"), tue=Decimal(7))
    return timesheet


def test_timesheets_carry_their_lines(own: Timesheet, personas: Personas) -> None:
    row = api_client(personas.bid_writer).get(f"/api/timesheets/{own.pk}/").json()
    assert row["total_hours"] == "14.50"
    assert row["status"] == "draft"
    assert [(line["mon"], line["total"]) for line in row["entries"]] == [("7.50", "14.50")]


def test_submit_approve_reopen_through_the_api(own: Timesheet, personas: Personas) -> None:
    staff, manager = api_client(personas.bid_writer), api_client(personas.manager)
    response = staff.post(f"/api/timesheets/{own.pk}/submit/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"
    assert staff.post(f"/api/timesheets/{own.pk}/approve/").status_code == 403
    response = manager.post(f"/api/timesheets/{own.pk}/approve/")
    assert response.json()["status"] == "approved"
    assert response.json()["approved_by"] == personas.manager.pk
    response = manager.post(f"/api/timesheets/{own.pk}/reopen/", {"reason": ""}, format="json")
    assert response.status_code == 400
    response = manager.post(f"/api/timesheets/{own.pk}/reopen/", {"reason": "Wrong week"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reopen_reason"]) == ("draft", "Wrong week")


def test_the_api_refuses_to_approve_your_own_or_submit_an_empty_one(personas: Personas) -> None:
    mine = TimesheetFactory(staff=StaffMemberFactory(user=personas.manager), status=TimesheetStatus.SUBMITTED)
    response = api_client(personas.manager).post(f"/api/timesheets/{mine.pk}/approve/")
    assert response.status_code == 400
    assert "You cannot approve your own timesheet" in str(response.json())
    empty = TimesheetFactory(staff=StaffMemberFactory(user=personas.bid_writer))
    response = api_client(personas.bid_writer).post(f"/api/timesheets/{empty.pk}/submit/")
    assert response.status_code == 400
    assert "There are no hours on this timesheet" in str(response.json())


def test_nothing_locked_can_be_written(own: Timesheet, personas: Personas) -> None:
    Timesheet.objects.filter(pk=own.pk).update(status=TimesheetStatus.APPROVED)
    line = own.entries.get()
    client = api_client(personas.manager)
    assert client.patch(f"/api/timesheets/{own.pk}/", {"notes": "x"}, format="json").status_code == 409
    assert client.delete(f"/api/timesheets/{own.pk}/").status_code == 409
    assert client.patch(f"/api/timesheet-entries/{line.pk}/", {"mon": "1"}, format="json").status_code == 409
    assert client.delete(f"/api/timesheet-entries/{line.pk}/").status_code == 409
    payload = {"timesheet": own.pk, "function": line.function_id, "wed": "2"}
    assert client.post("/api/timesheet-entries/", payload, format="json").status_code == 409
    own.refresh_from_db()
    assert own.notes == ""
    assert list(own.entries.values_list("mon", flat=True)) == [Decimal("7.5")]


def test_staff_write_only_their_own(own: Timesheet, personas: Personas) -> None:
    other = TimesheetEntryFactory()
    client = api_client(personas.bid_writer)
    assert client.get(f"/api/timesheets/{other.timesheet_id}/").status_code == 200
    assert client.patch(f"/api/timesheets/{other.timesheet_id}/", {"notes": "x"}, format="json").status_code == 404
    assert client.patch(f"/api/timesheet-entries/{other.pk}/", {"mon": "1"}, format="json").status_code == 404
    payload = {"timesheet": other.timesheet_id, "function": other.function_id, "wed": "2"}
    response = client.post("/api/timesheet-entries/", payload, format="json")
    assert response.status_code == 400
    assert "only to your own timesheets" in str(response.json())
    payload = {"staff": other.timesheet.staff_id, "week_start": "2025-03-17"}
    assert client.post("/api/timesheets/", payload, format="json").status_code == 400
    payload = {"staff": own.staff_id, "week_start": "2025-03-17"}
    assert client.post("/api/timesheets/", payload, format="json").status_code == 201


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"mon": "-1"}, "Hours cannot be negative."),
        ({"mon": "25"}, "No more than 24 hours."),
        ({"mon": "17.5"}, "Monday 03/03/2025: 25 hours in one day"),
    ],
)
def test_line_rules_through_the_api(own: Timesheet, personas: Personas, payload: dict[str, str], message: str) -> None:
    body = {"timesheet": own.pk, "function": HubFunctionFactory().pk} | payload
    response = api_client(personas.bid_writer).post("/api/timesheet-entries/", body, format="json")
    assert response.status_code == 400
    assert message in str(response.json())
    assert own.entries.count() == 1


def test_task_must_belong_to_the_function_through_the_api(own: Timesheet, personas: Personas) -> None:
    task = HubTaskFactory()
    body = {"timesheet": own.pk, "function": HubFunctionFactory().pk, "task": task.pk, "wed": "1"}
    response = api_client(personas.bid_writer).post("/api/timesheet-entries/", body, format="json")
    assert response.status_code == 400
    assert "That task belongs to" in str(response.json())


def test_a_week_must_begin_on_a_monday_through_the_api(personas: Personas) -> None:
    body = {"staff": StaffMemberFactory().pk, "week_start": "2025-03-12"}
    response = api_client(personas.manager).post("/api/timesheets/", body, format="json")
    assert response.status_code == 400
    assert response.json()["week_start"] == ["A timesheet week begins on a Monday."]
