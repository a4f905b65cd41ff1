"""A hub user assigns a bid question to a partner; the partner's user answers in the portal; the hub sees it."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, expect

from consortia.bids.tests import factories
from consortia.users.testing import Personas

from .conftest import sign_in


def test_partner_answers_an_assigned_question(new_context: Callable[..., BrowserContext], personas: Personas) -> None:
    bid = factories.bid(personas.manager)
    factories.partner(bid, personas.org_a)
    question = factories.question(bid, "1.1", text="How will you reach young carers in schools?")

    hub = new_context().new_page()
    sign_in(hub, personas.manager)
    hub.goto(f"/bids/questions/{question.pk}/edit/")
    hub.get_by_label("Assigned to partner").select_option(label="Alpha Advice Centre")
    hub.get_by_role("button", name="Save").click()
    expect(hub.get_by_role("status")).to_contain_text("Saved")

    partner = new_context().new_page()
    sign_in(partner, personas.member_a)
    partner.get_by_role("navigation", name="Your organisation").get_by_role("link", name="Bids").click()
    partner.get_by_role("link", name="1.1 How will you reach young carers in schools?").click()
    partner.get_by_label("Your answer").fill("Through school pastoral leads and GP surgeries across the borough.")
    expect(partner.get_by_text("10 words")).to_be_visible()
    partner.get_by_label("Status").select_option(label="In review")
    partner.get_by_role("button", name="Save my answer").click()
    expect(partner.get_by_role("status")).to_contain_text("Your answer is saved")

    hub.goto(bid.get_absolute_url())
    row = hub.locator(f"#question-{question.pk}")
    expect(row).to_contain_text("Alpha Advice Centre")
    expect(row).to_contain_text("In review")
    hub.goto(question.get_absolute_url())
    expect(hub.get_by_text("Through school pastoral leads and GP surgeries across the borough.")).to_be_visible()
