"""The options appraisal's record pages, through the generic view tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.views import EditableRecordTests
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
from consortia.hub.views.appraisal import (
    AppraisalCriterionViews,
    AppraisalScoreViews,
    AppraisalViews,
    DeliveryModelViews,
    HubDecisionViews,
)
from consortia.users.testing import Personas


class TestDeliveryModelViews(EditableRecordTests):
    record = DeliveryModelViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"summary": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> DeliveryModel:
        return DeliveryModelFactory(name=f"Shared hub model {index}", code=f"shared-{index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "name": "Hub shared with a neighbouring consortium",
            "code": "shared",
            "summary": "Two consortia share one hub team and split its cost.",
            "advantages": "Half the cost\nA bigger team",
            "disadvantages": "Divided loyalties",
            "suits": "Small consortia next to each other.",
            "order": "50",
        }


class TestAppraisalViews(EditableRecordTests):
    record = AppraisalViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"purpose": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Appraisal:
        return AppraisalFactory(title=f"Hub options {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"title": "How should our hub be delivered?", "purpose": "For the board.", "scale_max": "5"}

    def edit_data(self, personas: Personas, obj: Any) -> dict[str, Any]:
        options = [str(pk) for pk in DeliveryModel.objects.values_list("pk", flat=True)]
        return self.form_data(personas) | {"status": "open", "options": options, "scorers": [str(personas.board.pk)]}


class TestAppraisalCriterionViews(EditableRecordTests):
    record = AppraisalCriterionViews
    member_can_view = False
    list_queries = 7  # session, user, 2 × permissions, count, appraisals for the filter, page
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> AppraisalCriterion:
        return AppraisalCriterionFactory(name=f"Local knowledge {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        appraisal = AppraisalFactory(prepared=False)
        return {"appraisal": str(appraisal.pk), "name": "Local knowledge", "weight": "2", "order": "80"}


class TestAppraisalScoreViews(EditableRecordTests):
    record = AppraisalScoreViews
    member_can_view = False
    # Board members write their own scores: the board is not read-only here (see test_appraisal).
    read_only_personas = ("auditor",)
    list_queries = 8  # session, user, 2 × permissions, count, appraisals and options for the filters, page
    concurrent_change = {"comment": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> AppraisalScore:
        return AppraisalScoreFactory(scorer=personas.manager, comment=f"Score {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        appraisal = AppraisalFactory()
        criterion = appraisal.criteria.first()
        return {
            "criterion": str(criterion.pk),
            "option": str(delivery_model("virtual").pk),
            "scorer": str(personas.manager.pk),
            "score": "4",
        }


class TestHubDecisionViews(EditableRecordTests):
    record = HubDecisionViews
    member_can_view = False
    list_queries = 7  # session, user, 2 × permissions, count, delivery models for the filter, page
    concurrent_change = {"rationale": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> HubDecision:
        return HubDecisionFactory(minute_reference=f"B/{index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "chosen_model": str(delivery_model("member").pk),
            "provider": str(personas.org_a.pk),
            "decided_on": "2023-06-14",
            "decided_by": "The board",
            "minute_reference": "B/23/14",
            "rationale": "No staff to employ before we win contracts.",
        }
