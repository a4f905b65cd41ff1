"""Accessibility: axe-core checks the main pages against WCAG 2.x A and AA.

The hub manager's pages (the dashboard, every list page in the menu, a record's detail page and
add forms), a member's portal pages and the public pages (sign-in, the membership application
form) are each opened and checked by axe-core (from npm, read from node_modules: it is a test
tool, never served). A violation axe rates "serious" or "critical" fails the test, listed by
rule, page and element. axe is run through Playwright's evaluate, which the pages' CSP allows
(an inline script tag would be refused, as it should be). The menu bar, the same on every page,
is checked on each persona's first page only: it is the biggest part of every page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import BrowserContext, Page

from consortia.core import registry
from consortia.performance.tests import factories
from consortia.users.testing import Personas

from .conftest import sign_in

AXE = (Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
# The menu bar is the same on every page: it is checked on the first page of each persona only.
RUN_AXE = """async ([tags, withMenu]) => {
    const context = withMenu ? document : {exclude: [["body > header"]]};
    const results = await axe.run(context, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return results.violations.map((rule) => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        targets: rule.nodes.map((node) => node.target.join(" ")),
    }));
}"""


def audit(page: Page, path: str, with_menu: bool = True) -> list[str]:
    """The serious and critical violations on the page at `path`, one line each."""
    response = page.goto(path)
    assert response is not None, f"{path} answered nothing"
    assert response.ok, f"{path} answered {response.status}"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE, [WCAG_TAGS, with_menu])
    return [
        f"{path}: {rule['id']} ({rule['impact']}: {rule['help']}) at {', '.join(rule['targets'][:5])}"
        for rule in found
        if rule["impact"] in FAILING_IMPACTS
    ]


def audit_all(page: Page, paths: list[str]) -> None:
    problems = [
        problem for number, path in enumerate(dict.fromkeys(paths)) for problem in audit(page, path, number == 0)
    ]
    assert not problems, f"{len(problems)} accessibility violations:\n" + "\n".join(problems)


def menu_paths() -> list[str]:
    paths = []
    for group in registry.menu():
        for item in group.items:
            paths.append(reverse(item.url_name))
    return paths


def add_paths() -> list[str]:
    """The add forms of a few record types with different kinds of field."""
    names = [
        "directory:organisation_add",
        "directory:contact_add",
        "opportunities:opportunity_add",
        "contracts:contract_add",
        "people:vacancy_add",
        "governance:meeting_add",
    ]
    paths = []
    for name in names:
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            pytest.fail(f"{name} is not a route any more: name another add form")
    return paths


@pytest.fixture
def records(personas: Personas) -> dict[str, Any]:
    """A contract with a subcontract, a KPI and a monitoring return due, so lists have rows."""
    made = factories.setting(personas.org_c, personas.org_a)
    made["return"] = factories.monitoring_return(made["subcontracts"][0], made["period"])
    return made


def test_hub_pages_have_no_serious_violations(
    new_context: Callable[..., BrowserContext], personas: Personas, records: dict[str, Any]
) -> None:
    page = new_context().new_page()
    sign_in(page, personas.manager)
    details = [
        personas.org_a.get_absolute_url(),
        records["contract"].get_absolute_url(),
        records["subcontracts"][0].get_absolute_url(),
        records["return"].get_absolute_url(),
    ]
    audit_all(page, ["/", *menu_paths(), *details, *add_paths()])


def test_portal_pages_have_no_serious_violations(
    new_context: Callable[..., BrowserContext], personas: Personas, records: dict[str, Any]
) -> None:
    page = new_context().new_page()
    sign_in(page, personas.member_a)
    portal = [
        "/portal/",
        "/portal/profile/",
        "/portal/profile/edit/",
        "/portal/contacts/",
        "/portal/contacts/add/",
        "/portal/capabilities/",
        "/portal/capabilities/add/",
        "/portal/evidence/",
        "/portal/membership/",
        "/portal/opportunities/",
        "/portal/notices/",
        "/portal/bids/",
        "/portal/returns/",
        reverse("portal:return", args=[records["return"].pk]),
        "/portal/subcontracts/",
        reverse("portal:subcontract", args=[records["subcontracts"][0].pk]),
        "/portal/payments/",
        "/portal/policies/",
    ]
    audit_all(page, portal)


def test_public_pages_have_no_serious_violations(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()
    audit_all(page, ["/accounts/login/", "/accounts/password-reset/", "/members/join/"])
