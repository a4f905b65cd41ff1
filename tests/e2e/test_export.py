"""Exporting a filtered list to CSV and Excel gives exactly the rows the list shows."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from consortia.directory.tests.factories import OrganisationFactory
from consortia.users.models import User
from consortia.users.testing import Personas

HEADER = ["Name", "Roles", "Legal form", "Identifier", "Town or city", "Postcode", "Local authority"]
FOODBANKS = ["Fylde Foodbank", "Preston Foodbank"]


@pytest.fixture
def organisations(personas: Personas) -> None:
    OrganisationFactory.create_batch(5)
    OrganisationFactory(name="Fylde Foodbank", town="Lytham", postcode="FY8 1AA")
    OrganisationFactory(name="Preston Foodbank", roles=["member", "provider"])


def download(page: Page, button: str) -> tuple[str, Path]:
    with page.expect_download() as info:
        page.get_by_role("link", name=button).click()
    download = info.value
    assert download.failure() is None, download.failure()
    return download.suggested_filename, Path(download.path())


def csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel would misread accented names"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def xlsx_rows(path: Path) -> list[list[object]]:
    # The download is saved under a random name; openpyxl goes by the extension, so give it the bytes.
    workbook = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    return [
        ["" if cell is None else cell for cell in row] for row in workbook.worksheets[0].iter_rows(values_only=True)
    ]


def assert_foodbanks(rows: list[list[object]]) -> None:
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == FOODBANKS
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Fylde Foodbank"][4:6] == ["Lytham", "FY8 1AA"]
    assert by_name["Preston Foodbank"][1] == "Member, Provider"
    assert str(by_name["Preston Foodbank"][3]).startswith("GB-CHC-")


def test_export_of_a_filtered_list(signed_in: Callable[[User], Page], personas: Personas, organisations: None) -> None:
    """A list opened already filtered (a bookmark, or a page without JavaScript) exports its rows."""
    page = signed_in(personas.manager)
    page.goto("/directory/organisations/?q=foodbank")
    expect(page.locator("#result-count")).to_have_text("2 organisations")

    filename, path = download(page, "Export CSV")
    assert re.fullmatch(r"organisations-\d{4}-\d{2}-\d{2}\.csv", filename), filename
    assert_foodbanks(csv_rows(path))

    filename, path = download(page, "Export Excel")
    assert re.fullmatch(r"organisations-\d{4}-\d{2}-\d{2}\.xlsx", filename), filename
    assert_foodbanks(xlsx_rows(path))


def test_export_after_filtering_on_the_page(
    signed_in: Callable[[User], Page], personas: Personas, organisations: None
) -> None:
    """Filtering swaps the results in place; the export buttons must follow the filters too."""
    page = signed_in(personas.manager)
    page.goto("/directory/organisations/")
    expect(page.locator("#result-count")).to_have_text("10 organisations")
    filters = page.locator("#filters")
    filters.get_by_label("Search").fill("foodbank")
    filters.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#result-count")).to_have_text("2 organisations")

    _, csv_path = download(page, "Export CSV")
    _, xlsx_path = download(page, "Export Excel")
    assert_foodbanks(csv_rows(csv_path))
    assert_foodbanks(xlsx_rows(xlsx_path))
