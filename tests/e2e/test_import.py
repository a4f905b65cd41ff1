"""Importing organisations: a file with one bad row changes nothing; a good file adds every row."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from consortia.users.models import User
from consortia.users.testing import Personas

BAD_FILE = (
    "Name,Roles,Legal form,Charity number,Postcode\n"
    "Good Row Trust,member,charity,1170002,PR1 1AA\n"
    "Bad Postcode Trust,member,charity,1170003,QQ1 1AA\n"
)
GOOD_FILE = (
    "Name,Roles,Legal form,Charity number,Postcode\n"
    "Good Row Trust,member,charity,1170002,PR1 1AA\n"
    "Fixed Postcode Trust,member; funder,charity,1170003,pr2 3bb\n"
)


def upload(page: Page, content: str, name: str) -> None:
    page.get_by_label("File (CSV, tab-separated text or Excel .xlsx)").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode()}
    )
    page.get_by_role("button", name="Import").click()


def test_import_with_an_error(signed_in: Callable[[User], Page], personas: Personas) -> None:
    page = signed_in(personas.manager)
    page.goto("/directory/organisations/")
    expect(page.locator("#result-count")).to_have_text("3 organisations")
    page.locator("main").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Import organisations", level=1)).to_be_visible()

    upload(page, BAD_FILE, "organisations.csv")
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported: 1 problem found.")
    problems = page.get_by_role("table", name="Problems in organisations.csv")
    expect(problems.locator("tbody tr")).to_have_count(1)
    cells = problems.locator("tbody tr").first.locator("td")
    expect(cells.nth(0)).to_have_text("3")
    expect(cells.nth(1)).to_have_text("postcode", ignore_case=True)
    expect(cells.nth(2)).to_contain_text("not a UK postcode")

    # Nothing was written, not even the good row.
    page.goto("/directory/organisations/")
    expect(page.locator("#result-count")).to_have_text("3 organisations")
    expect(page.get_by_role("link", name="Good Row Trust")).to_have_count(0)

    page.locator("main").get_by_role("link", name="Import").click()
    upload(page, GOOD_FILE, "organisations-fixed.csv")
    expect(page.get_by_role("status").first).to_have_text("Imported: 2 rows — 2 new, 0 updated, 0 unchanged.")
    expect(page.get_by_role("alert")).to_have_count(0)

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Organisations").click()
    expect(page.locator("#result-count")).to_have_text("5 organisations")
    expect(page.get_by_role("link", name="Good Row Trust")).to_be_visible()
    page.get_by_role("link", name="Fixed Postcode Trust").click()
    expect(page.get_by_role("heading", name="Fixed Postcode Trust", level=1)).to_be_visible()
    expect(page.locator("main dl")).to_contain_text("PR2 3BB")
    expect(page.locator("main dl")).to_contain_text("Member, Funder")


def test_import_problems_take_the_focus(signed_in: Callable[[User], Page], personas: Personas) -> None:
    """As with a form's error summary, a keyboard or screen-reader user is taken to the problems."""
    page = signed_in(personas.manager)
    page.goto("/directory/organisations/import/")
    upload(page, BAD_FILE, "organisations.csv")
    problems = page.get_by_role("alert").filter(has_text="Nothing was imported")
    expect(problems).to_be_visible()
    page.wait_for_load_state()  # the page's scripts have run: the focus is wherever they left it
    expect(problems).to_be_focused(timeout=2_000)


def test_import_success_is_said_once(signed_in: Callable[[User], Page], personas: Personas) -> None:
    page = signed_in(personas.manager)
    page.goto("/directory/organisations/import/")
    upload(page, GOOD_FILE, "organisations.csv")
    message = page.get_by_role("status").filter(has_text="Imported: 2 rows — 2 new, 0 updated, 0 unchanged.")
    expect(message.first).to_be_visible()
    page.wait_for_load_state()
    # Each live region is read out: the same sentence twice is heard twice.
    expect(message).to_have_count(1, timeout=2_000)


def test_a_big_import_shows_its_progress_and_then_its_result(
    signed_in: Callable[[User], Page],
    personas: Personas,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    """A file over the limit is worked by the queue; its page follows it without a reload."""
    from django.core.management import call_command

    settings.IMPORT_INLINE_MAX_BYTES = 500
    lines = ["Name,Charity number,Postcode"] + [f"Queue Trust {n},{1175000 + n},PR1 2AA" for n in range(60)]
    page = signed_in(personas.manager)
    page.goto("/directory/organisations/import/")
    upload(page, "\n".join(lines) + "\n", "big.csv")

    expect(page.get_by_role("heading", name="Importing big.csv")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Waiting to start")
    page.evaluate("window.__stillTheSamePage = true")

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    expect(page.locator("#import-result")).to_have_text("Imported: 60 rows — 60 new, 0 updated, 0 unchanged.")
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was reloaded"
