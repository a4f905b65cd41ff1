"""The business plan's API."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview
from consortia.hub.tests.plan.factories import (
    BusinessPlanFactory,
    PlanIndicatorFactory,
    PlanIndicatorReadingFactory,
    PlanObjectiveFactory,
    PlanReviewFactory,
)
from consortia.users.testing import Personas


class TestBusinessPlanApi(RecordApiTests):
    basename = "businessplan"
    model = BusinessPlan
    member_can_view = False
    change = {"title": "Business plan 2026 to 2030"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> BusinessPlan:
        return BusinessPlanFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"title": "Business plan", "period_start": "2026-04-01", "period_end": "2029-03-31", "status": "draft"}


class TestPlanObjectiveApi(RecordApiTests):
    basename = "planobjective"
    model = PlanObjective
    member_can_view = False
    change = {"title": "Grow the membership to 60"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PlanObjective:
        return PlanObjectiveFactory(owner=personas.manager)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "plan": BusinessPlanFactory().pk,
            "number": 1,
            "title": "Grow the membership",
            "owner": personas.manager.pk,
        }


class TestPlanIndicatorApi(RecordApiTests):
    basename = "planindicator"
    model = PlanIndicator
    member_can_view = False
    change = {"target": "45.00"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PlanIndicator:
        indicator = PlanIndicatorFactory()
        PlanIndicatorReadingFactory(indicator=indicator)
        PlanIndicatorFactory(objective=indicator.objective, measure="hub.workplan_on_track", unit="percent")
        return indicator

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "objective": PlanObjectiveFactory().pk,
            "name": "Members recruited",
            "target": "40",
            "target_date": "2028-03-31",
            "direction": "at_least",
        }


class TestPlanIndicatorReadingApi(RecordApiTests):
    basename = "planindicatorreading"
    model = PlanIndicatorReading
    member_can_view = False
    change = {"note": "Corrected"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PlanIndicatorReading:
        return PlanIndicatorReadingFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"indicator": PlanIndicatorFactory().pk, "date": "2026-09-30", "value": "4"}


class TestPlanReviewApi(RecordApiTests):
    basename = "planreview"
    model = PlanReview
    member_can_view = False
    read_only_personas = ("auditor",)
    change = {"summary": "Revised after the meeting."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PlanReview:
        return PlanReviewFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "plan": BusinessPlanFactory().pk,
            "reviewed_on": "2026-09-15",
            "reviewed_by": "The board",
            "summary": "Fine.",
        }


def test_the_board_writes_reviews_through_the_api(personas: Personas) -> None:
    payload = TestPlanReviewApi().create_payload(personas)
    response = api_client(personas.board).post("/api/plan-reviews/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert api_client(personas.board).post("/api/business-plans/", {}, format="json").status_code == 403


def test_a_computed_indicator_takes_its_measures_unit_through_the_api(personas: Personas) -> None:
    payload = TestPlanIndicatorApi().create_payload(personas) | {"measure": "hub.workplan_on_track", "unit": "count"}
    response = api_client(personas.manager).post("/api/plan-indicators/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["unit"] == "percent"
    assert response.json()["current"]["progress"] in ("on_track", "at_risk", "off_track", "no_data")
