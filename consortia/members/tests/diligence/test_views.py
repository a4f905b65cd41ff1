"""Requirements', evidence's and reviews' record pages, through the generic view tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.members.models import DueDiligenceReview, Evidence, Requirement
from consortia.members.tests.diligence.factories import (
    DueDiligenceReviewFactory,
    EvidenceFactory,
    RequirementFactory,
    requirement,
)
from consortia.members.views.diligence import DueDiligenceReviewViews, EvidenceViews, RequirementViews
from consortia.users.testing import Personas


class TestRequirementViews(EditableRecordTests):
    record = RequirementViews
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"description": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Requirement:
        return RequirementFactory(name=f"Modern slavery statement {organisation.name} {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "name": "Modern slavery statement",
            "description": "Your statement on modern slavery in your supply chain.",
            "kind": "document",
            "order": "200",
            "active": "on",
            "mandatory_full": "on",
            "renewal_months": "12",
            "verified_by": "contracts",
        }


class TestEvidenceViews(EditableRecordTests):
    record = EvidenceViews
    list_queries = 7  # session, user, 2 × permissions, requirement choices, count, page
    concurrent_change = {"answer": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Evidence:
        return EvidenceFactory(
            organisation=organisation, requirement=RequirementFactory(name=f"Quality check {organisation.name} {index}")
        )

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation": personas.org_a.pk,
            "requirement": requirement("Quality marks held").pk,
            "answer": "Trusted Charity, Level 2, until 2027.",
            "issued_on": "01/04/2026",
        }


class TestDueDiligenceReviewViews(EditableRecordTests):
    record = DueDiligenceReviewViews
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"reasons": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> DueDiligenceReview:
        return DueDiligenceReviewFactory(organisation=organisation, year=2000 + index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation": personas.org_a.pk,
            "year": "2026",
            "reviewed_on": "01/06/2026",
            "reviewer": personas.manager.pk,
            "rag": "amber",
            "reasons": "Public liability insurance lapsed in May.",
            "action_plan": "Renewed certificate to be uploaded by 30/06/2026.",
        }
