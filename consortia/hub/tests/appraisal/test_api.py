"""The options appraisal's API endpoints, through the generic API tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.hub.models import Appraisal, AppraisalCriterion, AppraisalScore, DeliveryModel, HubDecision
from consortia.hub.tests.appraisal.factories import (
    AppraisalCriterionFactory,
    AppraisalFactory,
    AppraisalScoreFactory,
    DeliveryModelFactory,
    HubDecisionFactory,
    delivery_model,
)
from consortia.users.testing import Personas


class TestDeliveryModelApi(RecordApiTests):
    basename = "deliverymodel"
    model = DeliveryModel
    member_can_view = False
    change = {"summary": "Reworded by the board."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> DeliveryModel:
        return DeliveryModelFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"code": "shared", "name": "Shared hub", "summary": "Two consortia share one hub team."}


class TestAppraisalApi(RecordApiTests):
    basename = "appraisal"
    model = Appraisal
    member_can_view = False
    change = {"purpose": "For the board's June meeting."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Appraisal:
        return AppraisalFactory(scorers=[personas.board])

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"title": "How should our hub be delivered?", "scorers": [personas.board.pk]}


class TestAppraisalCriterionApi(RecordApiTests):
    basename = "appraisalcriterion"
    model = AppraisalCriterion
    member_can_view = False
    change = {"weight": "4.00"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> AppraisalCriterion:
        return AppraisalCriterionFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"appraisal": AppraisalFactory(prepared=False).pk, "name": "Local knowledge", "weight": "2"}


class TestAppraisalScoreApi(RecordApiTests):
    basename = "appraisalscore"
    model = AppraisalScore
    member_can_view = False
    # Board members write their own scores (see test_appraisal); here the board member's own are not at stake.
    read_only_personas = ("auditor",)
    change = {"score": 5}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> AppraisalScore:
        return AppraisalScoreFactory(scorer=personas.manager)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        criterion = AppraisalFactory().criteria.first()
        return {"criterion": criterion.pk, "option": delivery_model("member").pk, "score": 4}


class TestHubDecisionApi(RecordApiTests):
    basename = "hubdecision"
    model = HubDecision
    member_can_view = False
    change = {"minute_reference": "B/23/15"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> HubDecision:
        return HubDecisionFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "chosen_model": delivery_model("member").pk,
            "provider": personas.org_a.pk,
            "decided_on": "2023-06-14",
            "decided_by": "The board",
            "rationale": "No staff to employ before we win contracts.",
        }


def test_the_board_cannot_change_another_scorers_score(personas: Personas) -> None:
    score = AppraisalScoreFactory(scorer=personas.manager)
    client = api_client(personas.board)
    assert client.get(f"/api/appraisal-scores/{score.pk}/").status_code == 200
    assert client.patch(f"/api/appraisal-scores/{score.pk}/", {"score": 0}, format="json").status_code == 404
    assert client.delete(f"/api/appraisal-scores/{score.pk}/").status_code == 404
    score.refresh_from_db()
    assert score.score == 3


def test_a_second_score_for_the_same_cell_is_refused(personas: Personas) -> None:
    score = AppraisalScoreFactory(scorer=personas.manager)
    payload = {"criterion": score.criterion_id, "option": score.option_id, "score": 1}
    response = api_client(personas.manager).post("/api/appraisal-scores/", payload, format="json")
    assert response.status_code == 400
    assert AppraisalScore.objects.count() == 1


def test_an_outsourced_decision_without_a_provider_is_refused(personas: Personas) -> None:
    payload = {
        "chosen_model": delivery_model("external").pk,
        "decided_on": "2023-06-14",
        "decided_by": "The board",
        "rationale": "Expertise we lack.",
    }
    response = api_client(personas.manager).post("/api/hub-decisions/", payload, format="json")
    assert response.status_code == 400
    assert "provider" in response.json()


def test_a_delivery_models_code_is_fixed(personas: Personas) -> None:
    central = delivery_model("central")
    response = api_client(personas.manager).patch(f"/api/delivery-models/{central.pk}/", {"code": "x"}, format="json")
    assert response.status_code == 400
