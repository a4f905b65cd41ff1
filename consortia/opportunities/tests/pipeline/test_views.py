"""Opportunities through the generic view and API tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.opportunities.models import Opportunity
from consortia.opportunities.tests.pipeline.factories import OpportunityFactory
from consortia.opportunities.views.pipeline import OpportunityViews
from consortia.users.testing import Personas


class TestOpportunityViews(EditableRecordTests):
    record = OpportunityViews
    member_can_view = False
    # session, user, 2 × permissions, the owner filter's users, count, page (commissioner,
    # owner and notice joined)
    list_queries = 7
    concurrent_change = {"notes": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Opportunity:
        return OpportunityFactory(commissioner=organisation, title=f"Opportunity {organisation.pk}-{index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "title": "Carers support service",
            "kind": "contract",
            "commissioner": str(personas.org_a.pk),
            "description": "Support for unpaid carers.",
            "value": "480000",
            "clarification_deadline": "2026-12-01 12:00",
            "submission_deadline": "2026-12-14 12:00",
            "award_date": "2027-02-01",
            "start_date": "2027-04-01",
            "stage": "identified",
            "owner": str(personas.manager.pk),
        }


class TestOpportunityApi(RecordApiTests):
    basename = "opportunity"
    model = Opportunity
    member_can_view = False
    change = {"notes": "Worth a look."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Opportunity:
        return OpportunityFactory(commissioner=organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"title": "Carers support service", "kind": "grant", "commissioner": personas.org_a.pk}
