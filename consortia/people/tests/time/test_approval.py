"""Submitting, approving (which locks) and reopening timesheets, by the services and on the page."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from consortia.core.history import history_entries
from consortia.people.choices import TimesheetStatus
from consortia.people.models import Timesheet
from consortia.people.services import time as services
from consortia.people.tests.staff.factories import StaffMemberFactory
from consortia.people.tests.time.factories import HubFunctionFactory, TimesheetEntryFactory, TimesheetFactory
from consortia.users.testing import Personas


@pytest.fixture
def own(personas: Personas) -> Timesheet:
    timesheet = TimesheetFactory(staff=StaffMemberFactory(user=personas.bid_writer))
    TimesheetEntryFactory(timesheet=timesheet, mon=Decimal("6.5"))
    return timesheet


def test_submit_approve_reopen(own: Timesheet, personas: Personas) -> None:
    services.submit(own, personas.bid_writer)
    assert own.status == TimesheetStatus.SUBMITTED
    assert own.submitted_at is not None
    services.approve(own, personas.manager)
    own.refresh_from_db()
    assert (own.status, own.approved_by, own.locked) == (TimesheetStatus.APPROVED, personas.manager, True)
    assert own.approved_at is not None
    services.reopen(own, "  Wrong function on Monday.  ", personas.manager)
    own.refresh_from_db()
    assert (own.status, own.approved_by, own.approved_at, own.locked) == (TimesheetStatus.DRAFT, None, None, False)
    assert own.reopen_reason == "Wrong function on Monday."
    newest = history_entries(own)[0]
    assert newest.who == personas.manager
    assert newest.reason == "Reopened: Wrong function on Monday."
    assert [entry.reason for entry in history_entries(own)[1:3]] == ["Approved and locked", "Submitted for approval"]


def test_an_empty_timesheet_cannot_be_submitted(personas: Personas) -> None:
    empty = TimesheetFactory(staff=StaffMemberFactory(user=personas.bid_writer))
    TimesheetEntryFactory(timesheet=empty, mon=Decimal(0))  # a line, but no hours
    with pytest.raises(ValidationError, match="There are no hours on this timesheet"):
        services.submit(empty, personas.bid_writer)
    empty.refresh_from_db()
    assert empty.status == TimesheetStatus.DRAFT


def test_staff_submit_only_their_own(own: Timesheet, personas: Personas) -> None:
    other = TimesheetFactory(staff=StaffMemberFactory())
    TimesheetEntryFactory(timesheet=other)
    with pytest.raises(PermissionDenied):
        services.submit(other, personas.bid_writer)
    services.submit(other, personas.manager)  # an approver may, for anyone


def test_only_an_approver_approves_and_never_their_own(personas: Personas) -> None:
    theirs = TimesheetFactory(staff=StaffMemberFactory(user=personas.bid_writer), status=TimesheetStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.approve(theirs, personas.bid_writer)
    mine = TimesheetFactory(staff=StaffMemberFactory(user=personas.manager), status=TimesheetStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="You cannot approve your own timesheet"):
        services.approve(mine, personas.manager)
    mine.refresh_from_db()
    assert mine.status == TimesheetStatus.SUBMITTED


def test_only_a_submitted_timesheet_is_approved(own: Timesheet, personas: Personas) -> None:
    with pytest.raises(ValidationError, match="has not been submitted yet"):
        services.approve(own, personas.manager)


def test_reopening_needs_a_reason_and_an_approver(own: Timesheet, personas: Personas) -> None:
    Timesheet.objects.filter(pk=own.pk).update(status=TimesheetStatus.APPROVED)
    own.refresh_from_db()
    with pytest.raises(ValidationError, match="Give the reason"):
        services.reopen(own, "   ", personas.manager)
    with pytest.raises(PermissionDenied):
        services.reopen(own, "Because", personas.bid_writer)
    own.refresh_from_db()
    assert own.status == TimesheetStatus.APPROVED


def test_a_locked_timesheet_keeps_its_lines(own: Timesheet, personas: Personas) -> None:
    services.submit(own, personas.bid_writer)
    services.approve(own, personas.manager)
    line = own.entries.get()
    for user in (personas.bid_writer, personas.manager):
        with pytest.raises(ValidationError, match="approved and locked"):
            services.save_entries(own, [{"id": line.pk, "function": line.function, "mon": "1"}], user)
        with pytest.raises(ValidationError, match="approved and locked"):
            services.save_entries(own, [{"function": line.function, "tue": "1"}], user)
    assert own.entries.get().mon == Decimal("6.5")
    assert own.entries.count() == 1


def test_save_entries_refuses_everything_when_one_row_is_bad(own: Timesheet, personas: Personas) -> None:
    function = HubFunctionFactory()
    rows = [{"function": function, "mon": "3"}, {"function": function, "tue": "-2"}]
    with pytest.raises(ValidationError) as refused:
        services.save_entries(own, rows, personas.bid_writer)
    assert refused.value.messages == ["Row 2: Tue: Hours cannot be negative."]
    assert own.entries.count() == 1


def test_buttons_and_actions_on_the_page(own: Timesheet, personas: Personas, client_for: Callable[..., Client]) -> None:
    staff = client_for(personas.bid_writer)
    manager = client_for(personas.manager)
    detail = reverse("people:timesheet_detail", args=[own.pk])

    page = staff.get(detail).content.decode()
    assert "Submit for approval" in page
    assert "Approve and lock" not in page
    response = staff.post(reverse("people:timesheet_submit", args=[own.pk]))
    assert response.status_code == 303
    assert "Submitted for approval." in staff.get(detail).content.decode()

    # The staff member cannot approve; the manager can.
    assert staff.post(reverse("people:timesheet_approve", args=[own.pk])).status_code == 403
    assert "Approve and lock" in manager.get(detail).content.decode()
    manager.post(reverse("people:timesheet_approve", args=[own.pk]))
    own.refresh_from_db()
    assert own.status == TimesheetStatus.APPROVED
    locked = staff.get(detail).content.decode()
    assert "Locked." in locked
    assert ">Edit</a>" not in locked
    assert "Reopen" not in locked

    # Reopening without a reason is refused, with a reason it goes back to draft.
    manager.post(reverse("people:timesheet_reopen", args=[own.pk]), {"reason": ""})
    assert "Give the reason for reopening the timesheet." in manager.get(detail).content.decode()
    own.refresh_from_db()
    assert own.status == TimesheetStatus.APPROVED
    manager.post(reverse("people:timesheet_reopen", args=[own.pk]), {"reason": "Hours on the wrong day"})
    own.refresh_from_db()
    assert own.status == TimesheetStatus.DRAFT
    history = staff.get(reverse("people:timesheet_history", args=[own.pk])).content.decode()
    assert "Reopened: Hours on the wrong day" in history
    assert personas.manager.full_name in history


def test_read_only_roles_cannot_act(own: Timesheet, personas: Personas, client_for: Callable[..., Client]) -> None:
    own.status = TimesheetStatus.SUBMITTED
    own.save()
    for persona in (personas.auditor, personas.board):
        client = client_for(persona)
        assert client.post(reverse("people:timesheet_submit", args=[own.pk])).status_code == 403
        assert client.post(reverse("people:timesheet_approve", args=[own.pk])).status_code == 403
        assert client.post(reverse("people:timesheet_reopen", args=[own.pk]), {"reason": "x"}).status_code == 403
    for action in ("submit", "approve", "reopen"):
        assert client_for(personas.member_a).post(reverse(f"people:timesheet_{action}", args=[own.pk])).status_code in (
            403,
            404,
        )
    own.refresh_from_db()
    assert own.status == TimesheetStatus.SUBMITTED
