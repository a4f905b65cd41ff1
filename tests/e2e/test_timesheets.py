"""A shared staff member fills in and submits a week's timesheet; the hub manager approves it
(which locks it), then reopens it with a reason that the history keeps."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from playwright.sync_api import BrowserContext, Page, expect

from consortia.directory.tests.factories import OrganisationFactory
from consortia.people.choices import TimesheetStatus
from consortia.people.models import Timesheet
from consortia.people.tests.staff.factories import StaffMemberFactory
from consortia.people.tests.time.factories import HubFunctionFactory, HubTaskFactory
from consortia.users.models import User
from consortia.users.testing import Personas
from tests.e2e.conftest import sign_in


def test_fill_submit_approve_and_reopen(
    signed_in: Callable[[User], Page], new_context: Callable[..., BrowserContext], personas: Personas
) -> None:
    cvs = OrganisationFactory(name="Red Rose CVS", roles=["infrastructure", "member"])
    StaffMemberFactory(user=personas.bid_writer, first_name="Imran", last_name="Hussain", employer=cvs)
    bidding = HubFunctionFactory(name="Bid for contracts (E2E)", order=1)
    HubTaskFactory(function=bidding, name="Coordinate bid writing (E2E)")
    HubTaskFactory(name="A task of another function (E2E)")
    governance = HubFunctionFactory(name="Good governance (E2E)", order=2)

    # The staff member starts this week's timesheet from "My timesheets" in the menu.
    page = signed_in(personas.bid_writer)
    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_role("button", name="People").click()
    menu.get_by_role("link", name="My timesheets").click()
    expect(page.get_by_role("heading", name="My timesheets", level=1)).to_be_visible()
    page.get_by_role("button", name="Start this week's timesheet").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Edit Imran Hussain, week beginning"), level=1)
    ).to_be_visible()

    # Row 1: choosing the function narrows the task list to its tasks.
    page.get_by_label("Row 1, function").select_option(label=bidding.name)
    task = page.get_by_label("Row 1, task")
    expect(task.locator("option", has_text="Coordinate bid writing (E2E)")).to_have_count(1)
    expect(task.locator("option", has_text="A task of another function (E2E)")).to_have_count(0)
    task.select_option(label="Coordinate bid writing (E2E)")
    page.get_by_label("Row 1, what you did").fill("NHS talking therapies bid")
    page.get_by_label("Row 1, Monday hours").fill("7.5")
    page.get_by_label("Row 1, Tuesday hours").fill("6")
    page.get_by_label("Row 2, function").select_option(label=governance.name)
    page.get_by_label("Row 2, Monday hours").fill("1")
    page.get_by_label("Row 2, Monday hours").blur()
    # The totals follow the typing.
    expect(page.locator("#total-mon")).to_contain_text("8.5")
    expect(page.locator("#week-total")).to_have_text("14.5")

    # Another row, added without losing what was typed.
    page.get_by_role("button", name="Add a row").click()
    expect(page.get_by_label("Row 4, function")).to_be_visible()
    expect(page.get_by_label("Row 1, Monday hours")).to_have_value("7.5")
    page.get_by_label("Row 4, function").select_option(label=governance.name)
    page.get_by_label("Row 4, Friday hours").fill("2")
    page.get_by_role("button", name="Save and submit for approval").click()

    expect(page.get_by_role("status").filter(has_text="Submitted for approval.")).to_be_visible()
    expect(page.locator("#timesheet-status")).to_have_text("Submitted")
    expect(page.locator("#week-total")).to_have_text("16.5")
    timesheet = Timesheet.objects.get(staff__user=personas.bid_writer)
    assert timesheet.status == TimesheetStatus.SUBMITTED
    assert sum((line.total for line in timesheet.entries.all()), Decimal(0)) == Decimal("16.5")
    assert timesheet.week_start == date.today() - timedelta(days=date.today().weekday())
    detail = f"/people/timesheets/{timesheet.pk}/"

    # The hub manager approves it, which locks it.
    manager = new_context().new_page()
    sign_in(manager, personas.manager)
    manager.goto(detail)
    manager.get_by_role("button", name="Approve and lock").click()
    expect(manager.get_by_role("status").filter(has_text="Approved. The timesheet is now locked.")).to_be_visible()
    expect(manager.locator("#timesheet-status")).to_have_text("Approved and locked")
    expect(manager.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    response = manager.goto(f"{detail}edit/")
    assert response is not None
    assert response.status == 409
    expect(manager.get_by_role("alert")).to_contain_text("approved and locked")

    # The staff member cannot change it either.
    page.goto(detail)
    expect(page.get_by_text("Locked.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)

    # Reopened, with a reason, which the history keeps.
    manager.goto(detail)
    manager.get_by_label("Reason for reopening").fill("Friday's hours belong to bidding")
    manager.get_by_role("button", name="Reopen").click()
    expect(manager.get_by_role("status").filter(has_text="Reopened.")).to_be_visible()
    expect(manager.locator("#timesheet-status")).to_have_text("Draft")
    expect(manager.get_by_role("link", name="Edit", exact=True)).to_be_visible()
    manager.get_by_role("link", name="History").click()
    newest = manager.locator("main table tbody tr").first
    expect(newest.locator("td").nth(1)).to_have_text(personas.manager.full_name)
    expect(newest.locator("td").nth(2)).to_contain_text("Reopened: Friday's hours belong to bidding")
    expect(newest.locator("td").nth(3)).to_contain_text("Status: Approved and locked → Draft")
