"""A board meeting: a director with a declared interest in the member an item concerns is left
out of it, the quorum is recalculated, a decision is refused without it and recorded with it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from consortia.governance.tests import factories
from consortia.users.testing import Personas

from .conftest import sign_in


def test_a_conflicted_director_is_left_out_and_the_quorum_recalculates(page: Page, personas: Personas) -> None:
    board = factories.body("Board of directors", quorum_number=3)
    ann, bob, cat, dan = (factories.director(name) for name in ("Ann Able", "Bob Brook", "Cat Cole", "Dan Dale"))
    for person in (ann, bob, cat, dan):
        factories.appoint(board, person)
    factories.interest(ann, personas.org_a)  # Ann is a trustee of Alpha Advice Centre
    meeting = factories.meeting(board)
    factories.item(meeting, "Award of the advice subcontract", concerns=[personas.org_a])

    sign_in(page, personas.board)
    page.goto(meeting.get_absolute_url())
    expect(page.get_by_role("heading", name="1. Declarations of interest")).to_be_visible()
    page.get_by_role("link", name="Take the register").click()
    for person in ("Ann Able", "Bob Brook", "Cat Cole"):
        page.get_by_role("group", name=f"{person} (director)").get_by_label("Present").check()
    page.get_by_role("button", name="Save the register").click()

    quorum = page.get_by_role("group", name="Quorum for item 3")
    expect(quorum).to_contain_text("Not quorate")
    expect(quorum).to_contain_text(
        "Ann Able — trustee, director or committee member of Alpha Advice Centre (register of interests)"
    )
    expect(quorum).to_contain_text("2 voting members can take part (3 present, 1 left out for a conflict of interest)")

    page.get_by_role("link", name="Record a decision on item 3").click()
    page.get_by_label("Resolution").fill("To award the advice subcontract to Alpha Advice Centre.")
    page.get_by_label("Proposer").select_option(label="Bob Brook")
    page.get_by_label("Seconder").select_option(label="Cat Cole")
    page.get_by_label("Votes for").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("No decision can be recorded on item 3 because it is not quorate")

    # Dan arrives: three can take part, and the decision is recorded with Ann's exclusion in it.
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Take the register").click()
    page.get_by_role("group", name="Dan Dale (director)").get_by_label("Present").check()
    page.get_by_role("button", name="Save the register").click()
    quorum = page.get_by_role("group", name="Quorum for item 3")
    expect(quorum).to_contain_text("Quorate: 3 taking part, 3 needed.")
    expect(quorum).to_contain_text("Ann Able — trustee")

    page.get_by_role("link", name="Record a decision on item 3").click()
    page.get_by_label("Resolution").fill("To award the advice subcontract to Alpha Advice Centre.")
    page.get_by_label("Proposer").select_option(label="Bob Brook")
    page.get_by_label("Seconder").select_option(label="Cat Cole")
    page.get_by_label("Votes for").fill("3")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Created decision")
    expect(page.get_by_text("Ann Able: trustee, director or committee member of Alpha Advice Centre")).to_be_visible()
