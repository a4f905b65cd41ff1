"""The hub checks a member's evidence and follows members' due diligence on the compliance page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from consortia.members.choices import EvidenceStatus, Tier
from consortia.members.models import Membership, Requirement
from consortia.members.services import diligence
from consortia.members.tests.diligence.factories import pdf
from consortia.users.models import User
from consortia.users.testing import Personas


def test_the_hub_checks_evidence_and_sees_compliance(
    signed_in: Callable[[User], Page], personas: Personas, site: str, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    Membership.objects.create(organisation=personas.org_a, tier=Tier.FULL)
    policy = Requirement.objects.get(name="Safeguarding policy")
    evidence = diligence.submit_evidence(
        personas.org_a, policy, personas.member_a, file=pdf("Safeguarding policy 2026.pdf")
    )

    page = signed_in(personas.manager)
    page.goto(f"{site}/members/compliance/")
    expect(page.get_by_role("heading", name="Members' due diligence", level=1)).to_be_visible()
    expect(page.locator("#count-waiting")).to_have_text("1")
    member_row = page.locator("#by-member").get_by_role("row", name=re.compile("Alpha Advice Centre"))
    expect(member_row).to_contain_text("None")  # no review yet
    page.locator("#list-waiting").get_by_role("link", name="Safeguarding policy").click()

    expect(page.get_by_text("Waiting to be checked").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Safeguarding policy 2026.pdf").click()
    assert download.value.suggested_filename == "Safeguarding policy 2026.pdf"
    page.get_by_role("button", name="Accept (verify)").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).filter(has_text="Accepted")).to_be_visible()
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.VERIFIED

    page.goto(f"{site}/members/compliance/")
    expect(page.locator("#count-waiting")).to_have_text("0")
