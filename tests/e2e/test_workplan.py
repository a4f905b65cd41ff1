"""The workplan: start an empty plan from the year-1 template, then read it on the timeline."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from consortia.hub.models import WorkplanItem
from consortia.hub.services.workplan import YEAR_ONE
from consortia.users.models import User
from consortia.users.testing import Personas


def test_apply_the_template_and_see_the_timeline(signed_in: Callable[[User], Page], personas: Personas) -> None:
    page = signed_in(personas.manager)
    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_role("button", name="Hub").click()
    menu.get_by_role("link", name="Workplan items").click()
    expect(page.get_by_role("heading", name="Workplan items", level=1)).to_be_visible()

    offer = page.get_by_role("region", name="Start from the year-1 template")
    offer.get_by_label("First month of the plan").fill("2026-04")
    offer.get_by_role("button", name="Add the year-1 template").click()

    expect(page.get_by_role("heading", name="Workplan timeline", level=1)).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text(f"Added the year-1 template: {len(YEAR_ONE)} activities")
    timeline = page.get_by_role("table")
    expect(timeline.get_by_role("rowheader", name="Ensure good governance")).to_be_visible()
    agm = timeline.get_by_role("row").filter(has_text="Hold the annual general meeting")
    expect(agm).to_contain_text("Not started")
    expect(agm.locator("td.bg-success")).to_have_count(1)  # March 2027 only
    expect(timeline.get_by_role("columnheader", name="Apr 2026")).to_be_visible()
    expect(timeline.get_by_role("columnheader", name="Mar 2027")).to_be_visible()
    assert WorkplanItem.objects.count() == len(YEAR_ONE)
