"""A member organisation's user works in the portal and sees their own organisation's records only."""

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
    # The portal is their product: none of the hub staff's menus, nor the staff search box.
    expect(menu.get_by_role("button", name="Directory")).to_have_count(0)
    expect(menu.get_by_role("button", name="Members")).to_have_count(0)
    expect(page.get_by_role("searchbox", name="Search everything")).to_have_count(0)
    expect(page.get_by_role("heading", name="Alpha Advice Centre", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Asha Patel")).to_be_visible()
    expect(page.get_by_text("Tom Hughes")).to_have_count(0)

    # Their contacts, from the portal's own navigation.
    page.get_by_role("navigation", name="Your organisation").get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", name="Your contacts", level=1)).to_be_visible()
    rows = page.locator("#contacts tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Asha Patel")
    expect(rows.first).to_contain_text("Chief executive")
    expect(page.get_by_text("Hughes")).to_have_count(0)

    # They change a contact there, and the list shows it.
    page.get_by_role("link", name="Edit Asha Patel").click()
    page.get_by_label("Job title").fill("Director")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("“Asha Patel” is saved.")
    expect(rows.first).to_contain_text("Director")

    # The hub's dashboard sends them back to the portal.
    page.goto("/")
    expect(page).to_have_url(f"{site}/portal/")

    # Another organisation's contact, by its staff address: not found, and nothing of it shown.
    response = page.goto(f"/directory/contacts/{other.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name=re.compile("not found", re.IGNORECASE))).to_be_visible()
    expect(page.get_by_text("Hughes")).to_have_count(0)
