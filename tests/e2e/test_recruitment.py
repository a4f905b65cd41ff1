"""A panel member scores the applicants in the shortlisting grid and sees the totals and the flags."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from consortia.people.models import Assessment
from consortia.people.tests.recruitment.factories import recruitment
from consortia.users.models import User
from consortia.users.testing import Personas


def test_panel_member_scores_the_shortlisting_grid(signed_in: Callable[[User], Page], personas: Personas) -> None:
    r = recruitment(personas)
    page = signed_in(personas.board)
    page.goto(r.vacancy.get_absolute_url())
    page.get_by_role("link", name="Shortlisting: scores against the criteria assessed at application").click()
    expect(page.get_by_role("heading", name="Your scores")).to_be_visible()

    grid = page.get_by_role("region", name="Your scores")
    grid.get_by_label("Score for Ann Able on “Has run a consortium hub”").select_option("3")
    grid.get_by_label("Score for Ann Able on “Knows Lancashire's commissioners”").select_option("2")
    grid.get_by_label("Score for Ben Brook on “Has run a consortium hub”").select_option("1")
    grid.get_by_role("button", name="Save scores").click()

    expect(page.get_by_role("status")).to_contain_text("Saved Chair's scores (3 changes)")
    totals = page.get_by_role("region", name="Totals by panel member")
    ann = totals.get_by_role("row", name="Ann Able")
    expect(ann.get_by_role("cell").nth(0)).to_have_text("5")  # Chair's total (the row header is not a cell)
    expect(ann.get_by_role("cell").nth(1)).to_have_text("—")  # the manager has not scored
    ben = totals.get_by_role("row", name="Ben Brook")
    expect(ben).to_contain_text("Not met")
    expect(ben).to_contain_text("Has run a consortium hub")
    assert Assessment.objects.filter(panel_member=personas.board).count() == 3
