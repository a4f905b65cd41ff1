"""Job roles and person specification criteria through the generic API tests, and the role's operations."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.people.choices import Requirement, RoleStatus
from consortia.people.models import JobRole, PersonSpecCriterion
from consortia.people.tests.roles.factories import CriterionFactory, JobRoleFactory
from consortia.people.tests.roles.helpers import allocate
from consortia.users.testing import Personas


class TestJobRoleApi(RecordApiTests):
    basename = "jobrole"
    model = JobRole
    member_can_view = False
    change = {"location": "Blackburn"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> JobRole:
        return JobRoleFactory(title=f"Api Role {organisation.pk}-{index}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "title": "Partnership Officer",
            "purpose": "To build the consortium's partnerships.",
            "hours_per_week": "30.0",
            "fte": "0.80",
            "contract_type": "fixed_term",
            "salary_from": "28000.00",
        }


class TestPersonSpecCriterionApi(RecordApiTests):
    basename = "personspeccriterion"
    model = PersonSpecCriterion
    member_can_view = False
    change = {"requirement": "desirable"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PersonSpecCriterion:
        return CriterionFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"job_role": JobRoleFactory().pk, "category": "skills", "text": "Writes clearly", "at_test": True}


def test_api_refuses_agreed_without_an_essential_criterion(personas: Personas) -> None:
    role = JobRoleFactory()
    CriterionFactory(job_role=role, requirement=Requirement.DESIRABLE)
    client = api_client(personas.manager)
    response = client.patch(f"/api/job-roles/{role.pk}/", {"status": "agreed"}, format="json")
    assert response.status_code == 400
    assert "at least one essential criterion" in response.json()["status"][0]
    response = client.post(f"/api/job-roles/{role.pk}/agree/")
    assert response.status_code == 400
    role.refresh_from_db()
    assert role.status == RoleStatus.DRAFT

    CriterionFactory(job_role=role, requirement=Requirement.ESSENTIAL)
    response = client.post(f"/api/job-roles/{role.pk}/agree/")
    assert response.status_code == 200
    assert response.json()["status"] == "agreed"


def test_api_draws_responsibilities_for_the_hub_manager_only(personas: Personas) -> None:
    role = JobRoleFactory(responsibilities="Old.")
    allocate(role, "bidding", "Write bid answers", "R")
    for persona in (personas.auditor, personas.board, personas.bid_writer):
        assert api_client(persona).post(f"/api/job-roles/{role.pk}/draft-responsibilities/").status_code == 403
    role.refresh_from_db()
    assert role.responsibilities == "Old."
    response = api_client(personas.manager).post(f"/api/job-roles/{role.pk}/draft-responsibilities/")
    assert response.status_code == 200
    assert response.json()["responsibilities"].endswith("Write bid answers.")
