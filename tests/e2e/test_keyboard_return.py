"""A member submits a monitoring return with the keyboard alone, seeing where the focus is at every step.

Only Tab, Shift+Tab, Enter, Space and typing: from the portal's home page to the returns, into the
period's return, through its figures, narrative and declarations, and out by its submit button.
Every element the focus lands on must show that it has it (an outline or Bootstrap's focus ring).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from consortia.performance.choices import ReturnStatus
from consortia.performance.tests import factories
from consortia.users.testing import Personas

from .conftest import sign_in

MAX_TABS = 120
# What the focused element is called, and whether its focus can be seen.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ringed = style.boxShadow !== "none";
    const label = element.labels && element.labels.length ? element.labels[0].innerText : "";
    return {
        name: (element.getAttribute("aria-label") || label || element.innerText || element.value || "").trim(),
        tag: element.tagName.toLowerCase(),
        visible: outlined || ringed,
    };
}"""


def focused(page: Page) -> dict[str, Any]:
    found: dict[str, Any] | None = page.evaluate(FOCUSED)
    assert found is not None, "the focus is on nothing (the page's body)"
    assert found["visible"], f"the focused {found['tag']} “{found['name']}” does not show its focus"
    return found


def tab_to(page: Page, name: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element called `name` has the focus, checking each stop."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        now = focused(page)
        if now["name"].lower().startswith(name.lower()):
            return
        seen.append(now["name"][:40])
    raise AssertionError(f"{key} never reached “{name}”; it went through: {seen}")


def test_member_submits_a_return_by_keyboard(new_context: Callable[..., BrowserContext], personas: Personas) -> None:
    made = factories.setting(personas.org_c, personas.org_a)
    monitoring_return = factories.monitoring_return(made["subcontracts"][0], made["period"])
    page = new_context().new_page()
    sign_in(page, personas.member_a)  # the sign-in form is tested on its own; this walk starts in the portal

    page.goto("/portal/")
    tab_to(page, "Returns")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/portal/returns/$"))

    tab_to(page, str(made["period"]))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Return for {made['period']}")

    tab_to(page, made["kpi"].name)
    page.keyboard.type("47")
    tab_to(page, "Narrative")
    page.keyboard.type("Referrals rose after the GP practice visits.")
    group = page.get_by_role("group", name="Declarations")
    declarations = group.get_by_role("checkbox")
    for index, label in enumerate(group.locator("label").all_inner_texts()):
        tab_to(page, label)
        expect(declarations.nth(index)).to_be_focused()
        page.keyboard.press("Space")
        expect(declarations.nth(index)).to_be_checked()
    # Back one step and forward again: Shift+Tab works and the focus shows going backwards too.
    page.keyboard.press("Shift+Tab")
    expect(declarations.nth(declarations.count() - 2)).to_be_focused()
    focused(page)
    tab_to(page, "Submit to the hub")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("has been sent to the hub")
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.SUBMITTED
    assert monitoring_return.narrative == "Referrals rose after the GP practice visits."
    assert monitoring_return.values.get().value == 47
