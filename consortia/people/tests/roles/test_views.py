"""Job roles and person specification criteria through the generic view tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.views import EditableRecordTests
from consortia.directory.models import Organisation
from consortia.people.models import JobRole, PersonSpecCriterion
from consortia.people.tests.roles.factories import CriterionFactory, JobRoleFactory
from consortia.people.views.roles import JobRoleViews, PersonSpecCriterionViews
from consortia.users.testing import Personas


class TestJobRoleViews(EditableRecordTests):
    record = JobRoleViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page (with the role it reports to joined)
    concurrent_change = {"purpose": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> JobRole:
        return JobRoleFactory(title=f"Role {organisation.pk}-{index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "title": "Volunteer Coordinator",
            "purpose": "To recruit and support the consortium's volunteers.",
            "status": "draft",
            "hours_per_week": "22.5",
            "fte": "0.6",
            "contract_type": "permanent",
            "salary_from": "24000",
            "salary_to": "26000",
            "location": "Preston",
            "responsibilities": "Recruit volunteers.\nSupport volunteers.",
        }


class TestPersonSpecCriterionViews(EditableRecordTests):
    record = PersonSpecCriterionViews
    member_can_view = False
    list_queries = 7  # session, user, 2 × permissions, job roles for the filter, count, page (role joined)
    concurrent_change = {"text": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PersonSpecCriterion:
        return CriterionFactory(text=f"Criterion {organisation.pk}-{index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        role = JobRole.objects.filter(title="Criteria Role").first() or JobRoleFactory(title="Criteria Role")
        return {
            "job_role": str(role.pk),
            "category": "skills",
            "text": "Able to write clearly",
            "requirement": "essential",
            "order": "1",
            "at_application": "on",
            "at_interview": "on",
        }
