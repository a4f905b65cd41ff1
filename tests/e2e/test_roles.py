"""A job role from a template: the people menu, the template choice, the role's page and agreeing it."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from consortia.people.models import JobRole
from consortia.users.models import User
from consortia.users.testing import Personas


def test_start_a_role_from_a_template_and_agree_it(signed_in: Callable[[User], Page], personas: Personas) -> None:
    page = signed_in(personas.manager)
    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_role("button", name="People").click()
    menu.get_by_role("link", name="Job roles").click()
    expect(page.get_by_role("heading", name="Job roles", level=1)).to_be_visible()

    page.get_by_role("link", name="Start from a template").click()
    page.get_by_role("radio", name="Finance Officer:").check()
    page.get_by_role("button", name="Create the draft role").click()

    expect(page.get_by_role("status")).to_contain_text("Created the draft job role “Finance Officer”")
    expect(page.get_by_role("heading", name="Finance Officer", level=1)).to_be_visible()
    expect(page.get_by_text("Status: Draft")).to_be_visible()
    specification = page.get_by_role("region", name="Person specification")
    expect(specification.get_by_role("table", name="Qualifications")).to_be_visible()
    expect(specification.get_by_role("cell", name="Advanced spreadsheet skills")).to_be_visible()

    page.get_by_role("button", name="Mark as agreed").click()
    expect(page.get_by_role("status")).to_have_text("“Finance Officer” is agreed.")
    expect(page.get_by_text("Status: Agreed")).to_be_visible()
    assert JobRole.objects.get(title="Finance Officer").status == "agreed"
