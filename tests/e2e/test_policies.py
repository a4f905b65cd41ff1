"""A member acknowledges a policy in the portal; the hub's report then no longer lists them for it."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, expect

from consortia.policies.tests import factories
from consortia.users.testing import Personas

from .conftest import sign_in


def test_member_acknowledges_a_policy_and_leaves_the_report(
    new_context: Callable[..., BrowserContext], personas: Personas
) -> None:
    policy = factories.policy(
        personas.manager, title="Safeguarding adults at risk", members=[personas.org_a, personas.org_b]
    )
    factories.approved(policy, personas.manager)

    hub = new_context().new_page()
    sign_in(hub, personas.manager)
    hub.goto(f"/policies/not-acknowledged/?policy={policy.pk}")
    report = hub.get_by_role("table")
    expect(report).to_contain_text("Alpha Advice Centre")
    expect(report).to_contain_text("Beta Befriending")

    member = new_context().new_page()
    sign_in(member, personas.member_a)
    member.goto("/portal/")
    member.get_by_role("navigation", name="Your organisation").get_by_role("link", name="Policies").click()
    waiting = member.locator("#policies-waiting")
    expect(waiting).to_contain_text("Safeguarding adults at risk")
    with member.expect_download() as download:
        waiting.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename == "safeguarding-adults-at-risk-v1.pdf"
    waiting.get_by_role("button", name="We have read and accept this policy").click()
    expect(member.get_by_role("status")).to_contain_text("has acknowledged")
    expect(member.locator("#policies-acknowledged")).to_contain_text("Safeguarding adults at risk")
    expect(member.locator("#policies-waiting")).not_to_contain_text("Safeguarding adults at risk")

    hub.reload()
    report = hub.get_by_role("table")
    expect(report).not_to_contain_text("Alpha Advice Centre")
    expect(report).to_contain_text("Beta Befriending")
