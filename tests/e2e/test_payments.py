"""A finance officer builds a payment run, approves it and records payment; the member sees it, net of the top-slice."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, expect

from consortia.finance.tests import factories
from consortia.users.testing import Personas

from .conftest import sign_in


def test_member_is_paid_net_of_the_top_slice(new_context: Callable[..., BrowserContext], personas: Personas) -> None:
    contract = factories.contract(personas.org_c)
    factories.subcontract(contract, personas.org_a, "120000.00")
    factories.subcontract(contract, personas.org_b, "60000.00")
    factories.percent_fee(contract, "7.5")

    hub = new_context().new_page()
    sign_in(hub, personas.finance_officer)
    hub.goto("/finance/payment-runs/add/")
    hub.get_by_label("Period from").fill("2026-06-01")
    hub.get_by_label("Period to").fill("2026-06-30")
    hub.get_by_role("button", name="Save").click()
    alpha = hub.locator("#payments tr", has_text="Alpha Advice Centre")
    expect(alpha).to_contain_text("£10,000.00")
    expect(alpha).to_contain_text("£750.00")
    expect(alpha).to_contain_text("£9,250.00")
    hub.get_by_role("button", name="Approve this payment run").click()
    expect(hub.get_by_role("status")).to_contain_text("is approved")
    hub.get_by_label("Commissioner paid the hub on").fill("2026-07-01")
    hub.get_by_role("button", name="Record the commissioner's payment for every member").click()
    hub.get_by_label("Paid Alpha Advice Centre on").fill("2026-07-20")
    alpha.get_by_role("button", name="Mark paid").click()
    expect(alpha).to_contain_text("20/07/2026")
    expect(alpha).to_contain_text("Within terms")

    member = new_context().new_page()
    sign_in(member, personas.member_a)
    member.get_by_role("navigation", name="Your organisation").get_by_role("link", name="Payments").click()
    row = member.locator("#payments tbody tr")
    expect(row).to_have_count(1)  # Alpha's own payment, not Beta's
    expect(row).to_contain_text("£9,250.00")
    expect(row).to_contain_text("£750.00")
    expect(row).to_contain_text("20/07/2026")
    with member.expect_download() as download:
        row.get_by_role("link", name="RA-").click()
    assert download.value.suggested_filename.startswith("remittance-RA-")
