"""A member organisation's user sees their own organisation's records and nobody else's."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from consortia.directory.tests.factories import ContactFactory
from consortia.users.models import User
from consortia.users.testing import Personas


def test_member_user_sees_only_their_own(signed_in: Callable[[User], Page], personas: Personas, site: str) -> None:
    ContactFactory(organisation=personas.org_a, first_name="Asha", last_name="Patel", job_title="Chief executive")
    other = ContactFactory(organisation=personas.org_b, first_name="Tom", last_name="Hughes")

    page = signed_in(personas.member_a)
    expect(page).to_have_url(f"{site}/portal/")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="My organisation")).to_be_visible()
    expect(page.get_by_role("heading", name="Alpha Advice Centre", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Asha Patel")).to_be_visible()
    expect(page.get_by_text("Tom Hughes")).to_have_count(0)

    menu.get_by_role("button", name="Directory").click()
    menu.get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", name="Contacts", level=1)).to_be_visible()
    expect(page.locator("#result-count")).to_have_text("1 contact")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Asha Patel")
    expect(rows.first).to_contain_text("Alpha Advice Centre")
    expect(page.get_by_text("Hughes")).to_have_count(0)

    # Another organisation's contact, by its address: not found, and nothing of it shown.
    response = page.goto(f"/directory/contacts/{other.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name=re.compile("not found", re.IGNORECASE))).to_be_visible()
    expect(page.get_by_text("Hughes")).to_have_count(0)

    page.goto("/portal/")
    search = page.get_by_role("searchbox", name="Search everything")
    search.fill("Beta")
    search.press("Enter")
    expect(page.get_by_role("heading", name="Search for “Beta”", level=1)).to_be_visible()
    expect(page.get_by_text("Nothing you can see matches “Beta”.")).to_be_visible()
    expect(page.get_by_role("link", name="Beta Befriending")).to_have_count(0)

    # The same box finds their own organisation, so the empty result above is the scoping at work.
    search = page.get_by_role("searchbox", name="Search everything")
    search.fill("Alpha")
    search.press("Enter")
    expect(page.locator("main").get_by_role("link", name="Alpha Advice Centre")).to_be_visible()
