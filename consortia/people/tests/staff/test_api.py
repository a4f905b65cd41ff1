"""The staff API, through the generic API tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory
from consortia.people.models import StaffMember
from consortia.people.tests.staff.factories import StaffMemberFactory
from consortia.users.testing import Personas


class TestStaffMemberApi(RecordApiTests):
    basename = "staffmember"
    model = StaffMember
    member_can_view = False
    change = {"fte": "0.50"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> StaffMember:
        return StaffMemberFactory(employer=organisation, last_name=f"Api{index}")

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {
            "first_name": "Priya",
            "last_name": "Shah",
            "employer": personas.org_a.pk,
            "fte": "0.80",
            "cost_rate": "24.50",
            "start_date": "2025-04-01",
        }


def test_shared_is_reported(personas: Personas) -> None:
    cvs = OrganisationFactory(roles=["infrastructure"])
    own = OrganisationFactory(roles=[])
    shared = StaffMemberFactory(employer=cvs)
    not_shared = StaffMemberFactory(employer=own)
    rows = api_client(personas.manager).get("/api/staff/").json()["results"]
    flags = {row["id"]: row["shared"] for row in rows}
    assert flags == {shared.pk: True, not_shared.pk: False}


def test_end_before_start_is_refused(personas: Personas) -> None:
    payload = {
        "first_name": "A",
        "last_name": "B",
        "employer": personas.org_a.pk,
        "fte": "1",
        "cost_rate": "20",
        "start_date": "2025-04-01",
        "end_date": "2025-03-01",
    }
    response = api_client(personas.manager).post("/api/staff/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["end_date"] == ["The end date is before the start date."]
