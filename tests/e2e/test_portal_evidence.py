"""A member organisation's user gives the hub their due-diligence evidence through the portal."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from consortia.members.choices import Tier
from consortia.members.models import Evidence, Membership, Requirement
from consortia.portal.tests import factories
from consortia.users.models import User
from consortia.users.testing import Personas


def test_member_uploads_and_replaces_evidence(
    signed_in: Callable[[User], Page],
    personas: Personas,
    site: str,
    tmp_path,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.MEDIA_ROOT = tmp_path
    Requirement.objects.update(active=False)
    policy = factories.requirement("Safeguarding policy", description="Your current policy, signed by a trustee.")
    Membership.objects.create(organisation=personas.org_a, tier=Tier.FULL)
    theirs = factories.evidence(personas.org_b, policy, original_filename="beta-policy.pdf")
    first = tmp_path / "Safeguarding policy 2025.pdf"
    first.write_bytes(factories.PDF)
    second = tmp_path / "Safeguarding policy 2026.pdf"
    second.write_bytes(factories.PDF)

    page = signed_in(personas.member_a)
    expect(page).to_have_url(f"{site}/portal/")
    portal = page.get_by_role("navigation", name="Your organisation")
    portal.get_by_role("link", name="Evidence").click()
    expect(page.get_by_role("heading", name="Your due-diligence evidence", level=1)).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Safeguarding policy"))
    expect(row).to_contain_text("Required")
    expect(row).to_contain_text("Missing")

    row.get_by_role("link", name="Upload Safeguarding policy").click()
    expect(page.get_by_role("heading", name="Safeguarding policy", level=1)).to_be_visible()
    page.get_by_label("File").set_input_files(str(first))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_contain_text("waiting to be checked")
    row = page.get_by_role("row", name=re.compile("Safeguarding policy"))
    expect(row).to_contain_text("Waiting to be checked")
    expect(row.get_by_role("link", name="Safeguarding policy 2025.pdf")).to_be_visible()

    # Replace it: the new one is current, the earlier kept on record.
    row.get_by_role("link", name="Replace Safeguarding policy").click()
    page.get_by_label("File").set_input_files(str(second))
    page.get_by_role("button", name="Upload").click()
    row = page.get_by_role("row", name=re.compile("Safeguarding policy"))
    expect(row.get_by_role("link", name="Safeguarding policy 2026.pdf")).to_be_visible()
    expect(row).not_to_contain_text("2025")
    assert Evidence.objects.filter(organisation=personas.org_a, superseded_by__isnull=False).count() == 1

    with page.expect_download() as download:
        row.get_by_role("link", name="Safeguarding policy 2026.pdf").click()
    assert download.value.suggested_filename == "Safeguarding policy 2026.pdf"

    # Another organisation's evidence, by its address: not found.
    response = page.goto(f"/portal/evidence/{theirs.pk}/download/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_text("beta-policy")).to_have_count(0)
