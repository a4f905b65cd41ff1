"""The weekly timesheet page: the grid, its rules, its totals, and a fixed number of queries."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from consortia.core.services import record_version
from consortia.core.testing.views import queries_for
from consortia.people.choices import TimesheetStatus
from consortia.people.models import DAYS, Timesheet
from consortia.people.tests.staff.factories import StaffMemberFactory
from consortia.people.tests.time.factories import (
    HubFunctionFactory,
    HubTaskFactory,
    TimesheetEntryFactory,
    TimesheetFactory,
)
from consortia.users.testing import Personas


def grid(timesheet: Timesheet, rows: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """POST data for the grid: `rows` of {"id", "function", "task", "description", day: hours}."""
    timesheet.refresh_from_db()
    initial = sum(1 for row in rows if row.get("id"))
    data: dict[str, Any] = {
        "_version": record_version(timesheet),
        "week_start": timesheet.week_start.isoformat(),
        "notes": timesheet.notes,
        "entries-TOTAL_FORMS": str(len(rows)),
        "entries-INITIAL_FORMS": str(initial),
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            if value is not None:
                data[f"entries-{index}-{key}"] = str(value.pk if hasattr(value, "pk") else value)
    return data | extra


@pytest.fixture
def own(personas: Personas) -> Timesheet:
    """A draft timesheet of the bid writer, who is staff."""
    return TimesheetFactory(staff=StaffMemberFactory(user=personas.bid_writer))


def edit_url(timesheet: Timesheet) -> str:
    return reverse("people:timesheet_edit", args=[timesheet.pk])


def test_staff_fill_in_their_week(own: Timesheet, personas: Personas, client_for: Callable[..., Client]) -> None:
    bidding = HubFunctionFactory(name="Scope for and bid for contracts (test)")
    writing = HubTaskFactory(function=bidding, name="Coordinate bid writing (test)")
    governance = HubFunctionFactory(name="Ensure good governance (test)")
    client = client_for(personas.bid_writer)
    page = client.get(edit_url(own)).content.decode()
    assert page.count('name="entries-') > 3 * 10  # three blank rows to start with
    rows = [
        {"function": bidding, "task": writing, "description": "NHS bid", "mon": "7.5", "tue": "7.25"},
        {"function": governance, "wed": "3"},
        {},  # a blank row is ignored
    ]
    response = client.post(edit_url(own), grid(own, rows))
    assert response.status_code == 302, response.content.decode()[-3000:]
    lines = list(own.entries.order_by("pk"))
    assert [(line.function, line.task, line.total) for line in lines] == [
        (bidding, writing, Decimal("14.75")),
        (governance, None, Decimal("3")),
    ]
    detail = client.get(response["Location"]).content.decode()
    assert re.search(r'id="week-total">17\.75<', detail)
    history = client.get(reverse("people:timesheet_history", args=[own.pk])).content.decode()
    assert "Hours changed on 2 lines" in history

    # Change one line, remove the other.
    rows = [
        {"id": lines[0].pk, "function": bidding, "task": writing, "mon": "8"},
        {"id": lines[1].pk, "function": governance, "wed": "3", "DELETE": "on"},
    ]
    assert client.post(edit_url(own), grid(own, rows)).status_code == 302
    assert [(line.pk, line.total) for line in own.entries.all()] == [(lines[0].pk, Decimal(8))]


def test_add_a_row_saves_nothing(own: Timesheet, personas: Personas, client_for: Callable[..., Client]) -> None:
    function = HubFunctionFactory()
    client = client_for(personas.bid_writer)
    data = grid(own, [{"function": function, "mon": "2"}], add_row="1")
    response = client.post(edit_url(own), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="entries-TOTAL_FORMS" value="2"' in page
    assert 'name="entries-1-function"' in page
    assert 'value="2"' in page  # what was typed stays
    assert not own.entries.exists()


def test_totals_are_worked_out_without_saving(
    own: Timesheet, personas: Personas, client_for: Callable[..., Client]
) -> None:
    function = HubFunctionFactory()
    data = grid(
        own, [{"function": function, "mon": "2", "tue": "1.5"}, {"function": function, "mon": "3"}], _part="totals"
    )
    page = client_for(personas.bid_writer).post(edit_url(own), data).content.decode()
    assert re.search(r'id="total-mon"><span class="visually-hidden">Monday: </span>5<', page)
    assert re.search(r'id="week-total">6\.5<', page)
    assert not own.entries.exists()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"mon": "-1"}], "Row 1, Monday: Hours cannot be negative."),
        ([{"tue": "25"}], "Row 1, Tuesday: No more than 24 hours in a day."),
        ([{"wed": "lots"}], "Row 1, Wednesday: Enter a number."),
        ([{"thu": "20"}, {"thu": "6"}], "Thursday 06/03/2025: 26 hours in one day. A day has no more than 24 hours."),
        (
            [dict.fromkeys(DAYS, "24"), dict.fromkeys(DAYS, "1")],
            "176 hours in the week. A week has no more than 168 hours.",
        ),
        ([{"function": None, "mon": "3"}], "Row 1: choose the hub function the hours were spent on."),
    ],
)
def test_bad_hours_are_refused_and_nothing_is_saved(
    own: Timesheet, personas: Personas, client_for: Callable[..., Client], rows: list[dict[str, Any]], message: str
) -> None:
    function = HubFunctionFactory()
    TimesheetEntryFactory(timesheet=own, function=function, fri=Decimal(1), mon=Decimal(0))
    rows = [{"function": function} | row for row in rows]
    before = record_version(Timesheet.objects.get(pk=own.pk))
    response = client_for(personas.bid_writer).post(edit_url(own), grid(own, rows))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert own.entries.count() == 1
    assert record_version(Timesheet.objects.get(pk=own.pk)) == before


def test_a_task_must_belong_to_the_function(
    own: Timesheet, personas: Personas, client_for: Callable[..., Client]
) -> None:
    task = HubTaskFactory(name="Invoice commissioners (test)")
    other = HubFunctionFactory(name="Ensure good governance (test)")
    response = client_for(personas.bid_writer).post(
        edit_url(own), grid(own, [{"function": other, "task": task, "mon": "1"}])
    )
    assert response.status_code == 200
    assert f"Row 1: Task: That task belongs to {task.function}, not {other}." in response.content.decode()
    assert not own.entries.exists()


def test_the_week_must_begin_on_a_monday(own: Timesheet, personas: Personas, client_for: Callable[..., Client]) -> None:
    data = grid(own, [{"function": HubFunctionFactory(), "mon": "1"}])
    data["week_start"] = "2025-03-05"
    response = client_for(personas.bid_writer).post(edit_url(own), data)
    assert response.status_code == 200
    assert "A timesheet week begins on a Monday." in response.content.decode()
    assert not own.entries.exists()


def test_a_stale_grid_is_refused(own: Timesheet, personas: Personas, client_for: Callable[..., Client]) -> None:
    data = grid(own, [{"function": HubFunctionFactory(), "mon": "1"}])
    Timesheet.objects.filter(pk=own.pk).update(notes="Changed meanwhile")
    response = client_for(personas.bid_writer).post(edit_url(own), data)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert not own.entries.exists()


def test_a_line_of_another_timesheet_cannot_be_smuggled_in(
    own: Timesheet, personas: Personas, client_for: Callable[..., Client]
) -> None:
    other = TimesheetEntryFactory()
    data = grid(own, [{"id": other.pk, "function": other.function, "mon": "9"}])
    response = client_for(personas.bid_writer).post(edit_url(own), data)
    assert response.status_code == 200
    assert "Row 1: that line is not on this timesheet" in response.content.decode()
    other.refresh_from_db()
    assert other.mon == Decimal("7.5")


def test_save_and_submit(own: Timesheet, personas: Personas, client_for: Callable[..., Client]) -> None:
    client = client_for(personas.bid_writer)
    response = client.post(edit_url(own), grid(own, [{"function": HubFunctionFactory(), "mon": "7"}], submit="1"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == TimesheetStatus.SUBMITTED
    assert own.submitted_at is not None


def test_pages_cost_a_fixed_number_of_queries(
    own: Timesheet, personas: Personas, client_for: Callable[..., Client]
) -> None:
    function = HubFunctionFactory()
    task = HubTaskFactory(function=function)
    TimesheetEntryFactory(timesheet=own, function=function, task=task)
    client = client_for(personas.bid_writer)
    urls = [edit_url(own), reverse("people:timesheet_detail", args=[own.pk])]
    for url in urls:
        client.get(url)
    few = [queries_for(client, url) for url in urls]
    for _ in range(25):
        TimesheetEntryFactory(timesheet=own, function=HubFunctionFactory(), task=HubTaskFactory(), mon=Decimal("0.25"))
    many = [queries_for(client, url) for url in urls]
    # edit: session, user, timesheet, functions, tasks, lines, staff for the header
    # (+ permissions); detail: session, user, timesheet, lines, may-change check (+ permissions)
    assert few == many == [9, 7]


def test_task_choices_follow_the_function(personas: Personas, client_for: Callable[..., Client]) -> None:
    function = HubFunctionFactory()
    mine = HubTaskFactory(function=function, name="A task of this function")
    other = HubTaskFactory(name="A task of another function")
    retired = HubTaskFactory(function=function, name="A retired task", retired=True)
    client = client_for(personas.bid_writer)
    url = reverse("people:timesheet_task_choices")
    response = client.get(url, {"prefix": "entries-4", "entries-4-function": function.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="entries-4-task"' in html
    assert str(mine) in html
    assert str(other) not in html
    assert str(retired) not in html
    assert "Row 5, task" in html
    assert client.get(url, {"prefix": "<script>", "entries-4-function": function.pk}).status_code == 400
    assert client_for(personas.nobody).get(url, {"prefix": "entries-0"}).status_code == 403
    assert client_for(personas.member_a).get(url, {"prefix": "entries-0"}).status_code == 403


def test_who_may_open_the_page(own: Timesheet, personas: Personas, client_for: Callable[..., Client]) -> None:
    detail = reverse("people:timesheet_detail", args=[own.pk])
    assert client_for(personas.nobody).get(detail).status_code == 403
    assert client_for(personas.nobody).get(edit_url(own)).status_code == 403
    assert client_for(personas.member_a).get(detail).status_code in (403, 404)
    assert client_for(personas.member_a).get(edit_url(own)).status_code in (403, 404)
    auditor = client_for(personas.auditor)
    assert auditor.get(detail).status_code == 200
    assert auditor.get(edit_url(own)).status_code == 403
    assert auditor.post(edit_url(own), grid(own, [])).status_code == 403
    assert ">Edit</a>" not in auditor.get(detail).content.decode()
