"""Adding an organisation (with a mistake on the way), editing it, and reading its history."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from consortia.users.models import User
from consortia.users.testing import Personas


def detail(page: Page, label: str) -> Locator:
    """The value next to `label` on a record's detail page."""
    return page.locator("main dl dt", has_text=re.compile(f"^{re.escape(label)}$")).locator(
        "xpath=following-sibling::dd[1]"
    )


def test_create_and_edit_organisation(signed_in: Callable[[User], Page], personas: Personas) -> None:
    page = signed_in(personas.manager)
    page.goto("/directory/organisations/")
    page.get_by_role("link", name="Add organisation").click()
    expect(page.get_by_role("heading", name="Add organisation", level=1)).to_be_visible()

    form = page.locator("main form")
    form.get_by_label("Name", exact=True).fill("Preston Men's Shed")
    form.get_by_label("Legal form").select_option(label="Charitable incorporated organisation (CIO / SCIO)")
    form.get_by_role("group", name="Roles").get_by_role("checkbox", name="Member").check()
    form.get_by_label("Charity number").fill("1180001")
    form.get_by_label("Postcode").fill("QQ1 1AA")
    form.get_by_role("button", name="Save").click()

    # The mistake: an error summary that takes the focus, linking to the field at fault.
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="There is a problem"))
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name=re.compile(r"^Postcode: .*not a UK postcode"))
    expect(link).to_have_attribute("href", "#id_postcode")
    postcode = page.locator("main form").get_by_label("Postcode")
    expect(postcode).to_have_attribute("aria-invalid", "true")
    link.click()
    expect(postcode).to_be_focused()

    # Nothing typed is lost.
    form = page.locator("main form")
    expect(form.get_by_label("Name", exact=True)).to_have_value("Preston Men's Shed")
    expect(form.get_by_role("group", name="Roles").get_by_role("checkbox", name="Member")).to_be_checked()
    postcode.fill("pr1 2aa")
    form.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status")).to_have_text("Created organisation “Preston Men's Shed”.")
    expect(page.get_by_role("heading", name="Preston Men's Shed", level=1)).to_be_visible()
    expect(detail(page, "Postcode")).to_have_text("PR1 2AA")
    expect(detail(page, "Org-id")).to_have_text("GB-CHC-1180001")
    expect(detail(page, "Roles")).to_have_text("Member")
    expect(detail(page, "Legal form")).to_have_text("Charitable incorporated organisation (CIO / SCIO)")
    detail_path = re.sub(r"^https?://[^/]+|#.*$", "", page.url)
    expect(page).to_have_url(re.compile(r"/directory/organisations/\d+/"))

    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.get_by_role("heading", name="Edit Preston Men's Shed", level=1)).to_be_visible()
    page.locator("main form").get_by_label("Name", exact=True).fill("Preston Men's Shed CIO")
    page.locator("main form").get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(re.escape(detail_path) + "(#.*)?$"))
    expect(page.get_by_role("status")).to_have_text("Saved organisation “Preston Men's Shed CIO”.")
    expect(page.get_by_role("heading", name="Preston Men's Shed CIO", level=1)).to_be_visible()

    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("link", name="History")).to_have_attribute("aria-current", "page")
    newest = page.locator("main table tbody tr").first
    expect(newest.locator("td").nth(1)).to_have_text("Manager")
    expect(newest.locator("td").nth(2)).to_have_text("Changed")
    expect(newest.locator("td").nth(3)).to_have_text("Name: Preston Men's Shed → Preston Men's Shed CIO")
    expect(page.locator("main table tbody tr").last.locator("td").nth(2)).to_have_text("Created")
