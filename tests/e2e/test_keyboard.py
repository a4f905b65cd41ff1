"""Keyboard use: the skip link comes first and takes the focus to the page's content."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from consortia.users.models import User
from consortia.users.testing import Personas


def width(element: Locator) -> float:
    box = element.bounding_box()
    return box["width"] if box else 0


def test_keyboard(signed_in: Callable[[User], Page], personas: Personas) -> None:
    page = signed_in(personas.manager)
    for path in ("/", "/directory/organisations/"):
        page.goto(path)
        skip = page.get_by_role("link", name="Skip to main content")
        assert width(skip) <= 1, "the skip link shows before it has the focus"

        page.keyboard.press("Tab")
        expect(skip).to_be_focused()
        assert width(skip) > 20, "the focused skip link cannot be seen"

        page.keyboard.press("Enter")
        expect(page.get_by_role("main")).to_be_focused()
        expect(page).to_have_url(re.compile(r"#main$"))

        # The next Tab goes into the content, not back to the top of the menu.
        page.keyboard.press("Tab")
        focused_in_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
        assert focused_in_main, "Tab after the skip link left the main content"
