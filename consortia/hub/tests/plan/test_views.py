"""The business plan's record types through the generic view tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from consortia.core.testing.views import EditableRecordTests, form_token
from consortia.directory.models import Organisation
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview
from consortia.hub.tests.plan.factories import (
    BusinessPlanFactory,
    PlanIndicatorFactory,
    PlanIndicatorReadingFactory,
    PlanObjectiveFactory,
    PlanReviewFactory,
)
from consortia.hub.views.plan import (
    BusinessPlanViews,
    PlanIndicatorReadingViews,
    PlanIndicatorViews,
    PlanObjectiveViews,
    PlanReviewViews,
)
from consortia.users.testing import Personas


class TestBusinessPlanViews(EditableRecordTests):
    record = BusinessPlanViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"approval_note": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> BusinessPlan:
        return BusinessPlanFactory(title=f"Business plan {index} for {organisation}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "title": "Business plan 2026 to 2029",
            "period_start": "01/04/2026",
            "period_end": "31/03/2029",
            "status": "draft",
        }

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        # Still a draft: an approved plan cannot be deleted, and the test deletes it next.
        return self.form_data(personas) | {"next_review": "15/09/2026", "approval_note": "To the board in March."}


class TestPlanObjectiveViews(EditableRecordTests):
    record = PlanObjectiveViews
    member_can_view = False
    list_queries = 7  # session, user, 2 × permissions, the plans filter's choices, count, page (plan, owner joined)
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PlanObjective:
        return PlanObjectiveFactory(title=f"Objective {index} for {organisation}", owner=personas.manager)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        plan = BusinessPlanFactory()
        return {
            "plan": str(plan.pk),
            "number": "1",
            "title": "Grow the membership",
            "owner": str(personas.manager.pk),
            "order": "0",
        }


class TestPlanIndicatorViews(EditableRecordTests):
    record = PlanIndicatorViews
    member_can_view = False
    list_queries = (
        7  # session, user, 2 × permissions, the plans filter's choices, count, page (latest reading annotated)
    )
    concurrent_change = {"order": 9}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PlanIndicator:
        indicator = PlanIndicatorFactory(name=f"Indicator {index} for {organisation}")
        PlanIndicatorReadingFactory(indicator=indicator)
        return indicator

    def form_data(self, personas: Personas) -> dict[str, Any]:
        objective = PlanObjectiveFactory()
        return {
            "objective": str(objective.pk),
            "name": "Members recruited",
            "order": "0",
            "measure": "",
            "period": "quarter",
            "unit": "count",
            "baseline": "12",
            "target": "40",
            "direction": "at_least",
            "tolerance": "5",
            "target_date": "31/03/2028",
        }


class TestPlanIndicatorReadingViews(EditableRecordTests):
    record = PlanIndicatorReadingViews
    member_can_view = False
    list_queries = 7  # session, user, 2 × permissions, the indicators filter's choices, count, page
    concurrent_change = {"note": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PlanIndicatorReading:
        return PlanIndicatorReadingFactory(indicator__name=f"Indicator {index} for {organisation}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        indicator = PlanIndicatorFactory()
        return {"indicator": str(indicator.pk), "date": "30/09/2026", "value": "4", "note": "Two more won in Q2."}


class TestPlanReviewViews(EditableRecordTests):
    record = PlanReviewViews
    member_can_view = False
    read_only_personas = ("auditor",)  # the board writes its own reviews
    list_queries = 7  # session, user, 2 × permissions, the plans filter's choices, count, page (plan joined)
    concurrent_change = {"summary": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PlanReview:
        return PlanReviewFactory(plan__title=f"Plan {index} for {organisation}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        plan = BusinessPlanFactory()
        return {
            "plan": str(plan.pk),
            "reviewed_on": "15/09/2026",
            "reviewed_by": "The board",
            "minute_reference": "B26/41",
            "summary": "Bidding ahead of plan; membership behind.",
        }


def test_the_board_records_a_review_but_only_reads_the_plan(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    plan = BusinessPlanFactory()
    client = client_for(personas.board)
    url = "/hub/plan-reviews/add/"
    data = TestPlanReviewViews().form_data(personas) | {"plan": str(plan.pk), "_token": form_token(client, url)}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    review = PlanReview.objects.get(plan=plan)
    assert review.created_by == personas.board
    assert client.get(f"/hub/business-plans/{plan.pk}/edit/").status_code == 403
    assert client.get("/hub/plan-objectives/add/").status_code == 403
    assert client.get("/hub/plan-indicators/add/").status_code == 403
    assert client.get(plan.get_absolute_url()).status_code == 200


def test_member_users_see_nothing_of_the_plan(personas: Personas, client_for: Callable[..., Client]) -> None:
    review = PlanReviewFactory()
    indicator = PlanIndicatorFactory(objective__plan=review.plan)
    client = client_for(personas.member_a)
    for url in (
        "/hub/business-plans/",
        review.plan.get_absolute_url(),
        indicator.get_absolute_url(),
        review.get_absolute_url(),
        f"/hub/business-plans/{review.plan.pk}/business-plan/",
        "/api/business-plans/",
        "/api/plan-indicators/",
    ):
        assert client.get(url).status_code in (403, 404), url


def test_the_plan_pages_are_in_the_hub_menu(personas: Personas, client_for: Callable[..., Client]) -> None:
    page = client_for(personas.auditor).get("/").content.decode()
    assert 'href="/hub/business-plans/"' in page
    assert 'href="/hub/plan-reviews/"' in page
