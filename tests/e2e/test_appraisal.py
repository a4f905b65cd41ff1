"""A board member scores the options appraisal in the grid and watches the results and recommendation."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from playwright.sync_api import Page, expect

from consortia.hub.models import AppraisalScore
from consortia.hub.tests.appraisal.factories import AppraisalCriterionFactory, AppraisalFactory, delivery_model
from consortia.users.models import User
from consortia.users.testing import Personas


def fill_grid(page: Page, scores: dict[tuple[str, str], int]) -> None:
    for (option, criterion), score in scores.items():
        page.get_by_label(f"Score for {option} against {criterion}").fill(str(score))
    page.get_by_role("button", name="Save my scores").click()


def test_a_board_member_scores_the_appraisal(signed_in: Callable[[User], Page], personas: Personas) -> None:
    appraisal = AppraisalFactory(prepared=False, title="How should our hub be delivered?", scorers=[personas.board])
    appraisal.options.set([delivery_model("central"), delivery_model("virtual")])
    AppraisalCriterionFactory(appraisal=appraisal, name="Cost before contracts are won", weight=Decimal(3), order=1)
    AppraisalCriterionFactory(appraisal=appraisal, name="Control by the members", weight=Decimal(1), order=2)

    page = signed_in(personas.board)
    page.goto(appraisal.get_absolute_url())
    expect(page.get_by_role("heading", name="How should our hub be delivered?", level=1)).to_be_visible()
    expect(page.locator("#weights-note")).to_have_text("Weights add up to 4; each is shown as its share of 100%.")
    recommendation = page.locator("#recommendation")
    expect(recommendation).to_contain_text("No recommendation yet")

    fill_grid(
        page,
        {
            ("Central staff team", "Cost before contracts are won"): 1,
            ("Central staff team", "Control by the members"): 4,
            ("Virtual hub", "Cost before contracts are won"): 5,
            ("Virtual hub", "Control by the members"): 3,
        },
    )
    expect(page.get_by_role("status").filter(has_text="Your scores are saved")).to_be_visible()
    results = page.locator("#results-table")
    # Central: 1×75% + 4×25% = 1.75 of 5; virtual: 5×75% + 3×25% = 4.5 of 5.
    expect(results.get_by_role("row", name="Weighted score (out of 5)")).to_contain_text("1.75")
    expect(results.get_by_role("row", name="% of the maximum")).to_contain_text("90.0%")
    expect(results.get_by_role("row", name="Range between scorers")).to_contain_text("4.50 to 4.50")
    expect(recommendation).to_contain_text("Virtual hub has the highest weighted score.")

    # Second thoughts: the central team comes out on top.
    fill_grid(
        page,
        {
            ("Central staff team", "Cost before contracts are won"): 5,
            ("Central staff team", "Control by the members"): 5,
            ("Virtual hub", "Cost before contracts are won"): 2,
        },
    )
    expect(recommendation).to_contain_text("Central staff team has the highest weighted score.")
    expect(results.get_by_role("row", name="% of the maximum")).to_contain_text("100.0%")

    # A score off the scale: a clear message, and nothing saved.
    page.get_by_label("Score for Virtual hub against Control by the members").fill("8")
    page.get_by_label("Score for Central staff team against Control by the members").fill("0")
    page.get_by_role("button", name="Save my scores").click()
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text("no scores were saved")
    expect(problem).to_contain_text(
        "Virtual hub, Control by the members: scores run from 0 to 5; 8 is outside the scale."
    )
    expect(problem).to_be_focused()
    expect(page.get_by_label("Score for Virtual hub against Control by the members")).to_have_value("8")
    expect(recommendation).to_contain_text("Central staff team has the highest weighted score.")
    assert set(AppraisalScore.objects.values_list("score", flat=True)) == {5, 2, 3}
