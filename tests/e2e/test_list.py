"""The organisations list: count, pages, the filter form (with and without JavaScript) and sorting."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from consortia.directory.tests.factories import OrganisationFactory
from consortia.users.models import User
from consortia.users.testing import Personas

FOODBANKS = ["Fylde Foodbank", "Preston Foodbank"]


@pytest.fixture
def organisations(personas: Personas, settings) -> int:  # type: ignore[no-untyped-def]
    """32 organisations (with the personas' three), ten to a page."""
    settings.LIST_PAGE_SIZE = 10  # the server thread reads the same settings object
    OrganisationFactory.create_batch(26)
    for name in [*FOODBANKS, "Wyre Women's Aid"]:
        OrganisationFactory(name=name)
    return 32


def rows(page: Page) -> Locator:
    return page.locator("#results tbody tr")


def names(page: Page) -> Locator:
    return page.locator("#results tbody tr td:first-child")


def open_list(page: Page) -> None:
    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_role("button", name="Directory").click()
    menu.get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", name="Organisations", level=1)).to_be_visible()


def test_list_filter_and_sort(signed_in: Callable[[User], Page], personas: Personas, organisations: int) -> None:
    page = signed_in(personas.manager)
    open_list(page)

    # A count, and ten rows a page.
    expect(page.locator("#result-count")).to_have_text(f"{organisations} organisations")
    expect(rows(page)).to_have_count(10)
    pages = page.get_by_role("navigation", name="Pages")
    expect(pages.get_by_text("Page 1 of 4")).to_be_visible()
    first_page = names(page).all_inner_texts()
    pages.get_by_role("link", name="Next").click()
    expect(pages.get_by_text("Page 2 of 4")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]page=2\b"))
    expect(rows(page)).to_have_count(10)
    assert not set(names(page).all_inner_texts()) & set(first_page), "page 2 repeats rows from page 1"
    pages.get_by_role("link", name="Previous").click()
    expect(pages.get_by_text("Page 1 of 4")).to_be_visible()
    expect(names(page)).to_have_text(first_page)

    # Filtering swaps the results in place: the page is not reloaded, and its address follows.
    page.evaluate("window.__stillTheSamePage = true")
    filters = page.locator("#filters")
    filters.get_by_label("Search").fill("foodbank")
    filters.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#result-count")).to_have_text("2 organisations")
    expect(names(page)).to_have_text(FOODBANKS)
    expect(page).to_have_url(re.compile(r"[?&]q=foodbank\b"))
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was reloaded"
    page.go_back()
    expect(page.locator("#result-count")).to_have_text(f"{organisations} organisations")

    # Sorting by a column header, announced to screen readers through aria-sort.
    header = page.get_by_role("columnheader", name="Name")
    expect(header).to_have_attribute("aria-sort", "none")
    header.get_by_role("link", name="Name").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(names(page).first).to_have_text("Alpha Advice Centre")
    expect(page).to_have_url(re.compile(r"[?&]sort=name\b"))
    header.get_by_role("link", name="Name").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(names(page).first).to_have_text("Wyre Women's Aid")
    expect(page).to_have_url(re.compile(r"[?&]sort=-name\b"))
    expect(page.locator("#result-count")).to_have_text(f"{organisations} organisations")
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was reloaded"


def test_list_search_filter_narrows_the_table_as_you_type(
    signed_in: Callable[[User], Page], personas: Personas, organisations: int
) -> None:
    page = signed_in(personas.manager)
    open_list(page)
    expect(page.locator("#result-count")).to_have_text(f"{organisations} organisations")
    page.evaluate("window.__stillTheSamePage = true")

    # Typing is enough: the results follow the Search filter, with no button pressed.
    page.locator("#filters").get_by_label("Search").press_sequentially("foodbank")

    expect(page.locator("#result-count")).to_have_text("2 organisations")
    expect(names(page)).to_have_text(FOODBANKS)
    expect(page).to_have_url(re.compile(r"[?&]q=foodbank\b"))
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was reloaded"


def test_list_filter_works_without_javascript(
    new_context: Callable[..., BrowserContext], personas: Personas, organisations: int, password: str
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(personas.manager.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Good to see you")).to_be_visible()

    page.goto("/directory/organisations/")
    expect(page.locator("#result-count")).to_have_text(f"{organisations} organisations")
    filters = page.locator("#filters")
    filters.get_by_label("Search").fill("foodbank")
    with page.expect_navigation():
        filters.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"/directory/organisations/\?.*\bq=foodbank\b"))
    expect(page.get_by_role("heading", name="Organisations", level=1)).to_be_visible()
    expect(page.locator("#result-count")).to_have_text("2 organisations")
    expect(names(page)).to_have_text(FOODBANKS)
    expect(page.locator("#filters").get_by_label("Search")).to_have_value("foodbank")


def test_result_count_is_announced_after_filtering(
    signed_in: Callable[[User], Page], personas: Personas, organisations: int
) -> None:
    """Screen readers hear the new count: it is copied into a live region that is never swapped out."""
    page = signed_in(personas.manager)
    page.goto("/directory/organisations/")
    page.locator("#filters").get_by_label("Search").fill("foodbank")
    expect(page.locator("#results-status")).to_have_text("2 organisations")
    expect(page.locator("#results-status")).to_have_attribute("aria-live", "polite")
