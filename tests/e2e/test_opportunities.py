"""From a notice file to a decision to bid: import it, see who could deliver it, follow it, score it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from consortia.directory.models import Area
from consortia.members.choices import MembershipStatus
from consortia.members.models import Capability, ServiceCategory
from consortia.members.tests.membership.factories import MembershipFactory
from consortia.opportunities.reference import BID_CRITERIA
from consortia.users.models import User
from consortia.users.testing import Personas


def notice_file() -> bytes:
    deadline = (timezone.now() + timedelta(days=21)).strftime("%Y-%m-%dT12:00:00Z")
    published = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT09:00:00Z")
    release = {
        "ocid": "ocds-b5fd17-7d1c0f5e-0c1e-4d5e-9a61-2d7d9b0c1a01",
        "id": "ocds-b5fd17-7d1c0f5e-0c1e-4d5e-9a61-2d7d9b0c1a01-1",
        "date": published,
        "tag": ["tender"],
        "initiationType": "tender",
        "buyer": {"id": "lcc", "name": "Lancashire County Council"},
        "parties": [{"id": "lcc", "name": "Lancashire County Council", "roles": ["buyer"]}],
        "tender": {
            "id": "lcc-advice-2027",
            "title": "Welfare benefits advice in Preston",
            "description": "Free, independent welfare benefits and debt advice for residents of Preston.",
            "status": "active",
            "value": {"amount": 240000, "currency": "GBP"},
            "tenderPeriod": {"endDate": deadline},
            "items": [{"id": 1, "classification": {"scheme": "CPV", "id": "85312300",
                                                   "description": "Guidance and counselling services"}}],
            "xClassifications": {"isSuitableForSme": True, "isSuitableForVco": True},
        },
    }  # fmt: skip
    package = {"uri": "https://example.org/e2e.json", "version": "1.1", "releases": [release]}
    return json.dumps(package).encode()


def test_import_match_follow_and_decide_to_bid(signed_in: Callable[[User], Page], personas: Personas) -> None:
    MembershipFactory(organisation=personas.org_a, status=MembershipStatus.ACTIVE, staff_count=8)
    capability = Capability.objects.create(
        organisation=personas.org_a, category=ServiceCategory.objects.get(code="advice-advocacy")
    )
    capability.areas.set([Area.objects.get(name="Preston")])

    page = signed_in(personas.manager)
    page.goto("/opportunities/notices/import-file/")
    page.get_by_label("Release or record packages").set_input_files(
        {"name": "preston-advice.json", "mimeType": "application/json", "buffer": notice_file()}
    )
    page.get_by_role("button", name="Import the file").click()
    expect(page.get_by_role("status")).to_contain_text("Imported preston-advice.json: 1 new notices")

    # Found by searching, with the member who could deliver it.
    page.goto("/opportunities/notices/?q=welfare+advice")
    page.get_by_role("link", name="Welfare benefits advice in Preston").click()
    matches = page.locator("#matches")
    expect(matches).to_contain_text("Alpha Advice Centre")
    expect(matches).to_contain_text("Delivers this service; works in Preston")

    # Followed into the pipeline, and taken to the bid/no-bid decision.
    page.get_by_role("button", name="Follow this notice in the pipeline").click()
    expect(page.get_by_role("heading", name="Welfare benefits advice in Preston", level=1)).to_be_visible()
    page.get_by_role("button", name="Qualifying").click()
    expect(page.get_by_role("heading", name="Stage: Qualifying")).to_be_visible()
    page.get_by_role("button", name="Bid/no-bid").click()
    page.get_by_role("link", name="Bid/no-bid").click()
    # Wait for the scoring form before listing its fields: .all() does not wait for the page.
    scores = page.get_by_role("spinbutton")
    expect(scores).to_have_count(len(BID_CRITERIA))
    for field in scores.all():
        field.fill("4")
    page.get_by_role("button", name="Save my scores").click()
    expect(page.locator("#result-summary")).to_have_text("Weighted score 80.0% from 1 scorer.")

    page.get_by_label("Bid", exact=True).check()
    page.get_by_label("Rationale").fill("Our advice members cover Preston and the value covers the bid.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", name="Decided: Bid")).to_be_visible()
    page.get_by_role("link", name="Opportunity", exact=True).click()
    expect(page.get_by_role("heading", name="Stage: Bidding")).to_be_visible()
