"""A member fills in and submits a monitoring return in the portal; the hub validates it; the member sees it validated."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from playwright.sync_api import BrowserContext, expect

from consortia.performance.choices import Unit
from consortia.performance.tests import factories
from consortia.users.testing import Personas

from .conftest import sign_in


def test_member_submits_a_return_and_the_hub_validates_it(
    new_context: Callable[..., BrowserContext], personas: Personas
) -> None:
    made = factories.setting(personas.org_c, personas.org_a)
    outcome = factories.kpi(
        made["contract"], "Job outcomes", unit=Unit.NUMBER, target=Decimal(5), outcome_price=Decimal(400)
    )
    monitoring_return = factories.monitoring_return(made["subcontracts"][0], made["period"])

    member = new_context().new_page()
    sign_in(member, personas.member_a)
    member.goto("/portal/")
    member.get_by_role("navigation", name="Your organisation").get_by_role("link", name="Returns").click()
    member.get_by_role("link", name="April to June 2026").click()
    member.get_by_label("Clients supported").fill("47")
    member.get_by_label("Job outcomes").fill("1")
    member.get_by_label("Client reference, row 1").fill("AL-0042")
    member.get_by_label("Date achieved, row 1").fill("2026-05-12")
    member.get_by_label("Narrative").fill("Referrals rose after the GP practice visits.")
    for declaration in ("figures are accurate", "consent", "no outcome is claimed"):
        member.get_by_label(declaration).check()
    member.get_by_role("button", name="Submit to the hub").click()
    expect(member.get_by_role("status")).to_contain_text("has been sent to the hub")

    hub = new_context().new_page()
    sign_in(hub, personas.contracts_officer)
    hub.goto(monitoring_return.get_absolute_url())
    expect(hub.get_by_text("AL-0042")).to_be_visible()
    expect(hub.get_by_role("cell", name="Job outcomes")).to_have_count(2)  # a figure and a claim
    hub.get_by_role("button", name="Validate the return").click()
    expect(hub.get_by_role("status")).to_contain_text("Validated the return")

    member.reload()
    expect(member.get_by_text("Validated on")).to_be_visible()
    member.goto("/portal/returns/")
    expect(member.get_by_role("region", name="Validated")).to_contain_text("April to June 2026")
    assert outcome.outcome_claims.get().client_reference == "AL-0042"
