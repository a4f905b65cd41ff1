"""Requirements', evidence's and reviews' API endpoints, through the generic API tests."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.members.models import DueDiligenceReview, Evidence, Requirement
from consortia.members.tests.diligence.factories import (
    DueDiligenceReviewFactory,
    EvidenceFactory,
    RequirementFactory,
    requirement,
)
from consortia.users.testing import Personas


class TestRequirementApi(RecordApiTests):
    basename = "requirement"
    model = Requirement
    change = {"description": "Your statement, signed by a trustee."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Requirement:
        return RequirementFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Modern slavery statement", "kind": "document", "renewal_months": 12}


class TestEvidenceApi(RecordApiTests):
    basename = "evidence"
    model = Evidence
    change = {"answer": "Trusted Charity, Level 3."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Evidence:
        return EvidenceFactory(organisation=organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation": personas.org_a.pk,
            "requirement": requirement("Quality marks held").pk,
            "answer": "Trusted Charity, Level 2.",
        }


class TestDueDiligenceReviewApi(RecordApiTests):
    basename = "duediligencereview"
    model = DueDiligenceReview
    change = {"reasons": "All evidence current."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> DueDiligenceReview:
        return DueDiligenceReviewFactory(organisation=organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation": personas.org_a.pk,
            "year": 2026,
            "reviewed_on": "2026-06-01",
            "rag": "green",
            "reasons": "Everything current and checked.",
        }


def test_an_amber_review_needs_an_action_plan(personas: Personas) -> None:
    payload = {
        "organisation": personas.org_a.pk,
        "year": 2026,
        "reviewed_on": "2026-06-01",
        "rag": "amber",
        "reasons": "Insurance lapsed.",
    }
    response = api_client(personas.manager).post(reverse("api:duediligencereview-list"), payload, format="json")
    assert response.status_code == 400
    assert response.json()["action_plan"] == ["An amber review needs an action plan."]
    assert not DueDiligenceReview.objects.exists()


def test_member_users_read_but_do_not_write_reviews(personas: Personas) -> None:
    own = DueDiligenceReviewFactory(organisation=personas.org_a)
    client = api_client(personas.member_a)
    assert client.get(reverse("api:duediligencereview-detail", args=[own.pk])).status_code == 200
    response = client.patch(reverse("api:duediligencereview-detail", args=[own.pk]), {"rag": "green"}, format="json")
    assert response.status_code == 403
