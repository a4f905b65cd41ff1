"""The capabilities area's API."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Area, Organisation
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory
from consortia.members.tests.capabilities.factories import (
    CapabilityFactory,
    CaseStudyFactory,
    ClientGroupFactory,
    QualityMarkFactory,
    ServiceCategoryFactory,
)
from consortia.users.testing import Personas


class TestServiceCategoryApi(RecordApiTests):
    basename = "servicecategory"
    model = ServiceCategory
    change = {"description": "Changed"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ServiceCategory:
        return ServiceCategoryFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Welfare rights", "code": "welfare-rights"}


class TestClientGroupApi(RecordApiTests):
    basename = "clientgroup"
    model = ClientGroup
    change = {"name": "Veterans and families"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> ClientGroup:
        return ClientGroupFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Veterans"}


class TestCapabilityApi(RecordApiTests):
    basename = "capability"
    model = Capability
    change = {"clients_per_year": 450}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Capability:
        return CapabilityFactory(
            organisation=organisation,
            client_groups=[ClientGroup.objects.first()],
            areas=[Area.objects.get(name="Preston")],
        )

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "organisation": personas.org_a.pk,
            "category": ServiceCategory.objects.get(code="food-poverty").pk,
            "client_groups": [ClientGroup.objects.get(name="People in poverty").pk],
            "areas": [Area.objects.get(name="Burnley").pk],
        }


class TestQualityMarkApi(RecordApiTests):
    basename = "qualitymark"
    model = QualityMark
    change = {"reference": "TC-123"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> QualityMark:
        return QualityMarkFactory(organisation=organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"organisation": personas.org_a.pk, "name": "Matrix", "awarded_on": "2025-01-01"}


class TestCaseStudyApi(RecordApiTests):
    basename = "casestudy"
    model = CaseStudy
    change = {"year": 2024}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> CaseStudy:
        return CaseStudyFactory(organisation=organisation)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"organisation": personas.org_a.pk, "title": "Food club", "summary": "Weekly food club."}


def test_a_quality_mark_cannot_expire_before_it_was_awarded(personas: Personas) -> None:
    payload = {
        "organisation": personas.org_a.pk,
        "name": "Matrix",
        "awarded_on": "2025-01-01",
        "expires_on": "2024-01-01",
    }
    response = api_client(personas.manager).post("/api/quality-marks/", payload, format="json")
    assert response.status_code == 400
    assert "expires_on" in response.json()


def test_a_member_cannot_add_a_capability_for_another_member(personas: Personas) -> None:
    payload = TestCapabilityApi().create_payload(personas) | {"organisation": personas.org_b.pk}
    response = api_client(personas.member_a).post("/api/capabilities/", payload, format="json")
    assert response.status_code in (400, 403)
    assert not Capability.objects.filter(organisation=personas.org_b).exists()
