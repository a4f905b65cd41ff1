"""The API of the hub's functions, tasks, deliverers and allocations, through the generic API tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.api import RecordApiTests, api_client
from consortia.directory.models import Organisation
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation
from consortia.hub.tests.delivery.factories import (
    DelivererFactory,
    HubFunctionFactory,
    HubTaskFactory,
    JobRoleFactory,
    TaskAllocationFactory,
    function,
)
from consortia.users.testing import Personas


class TestHubFunctionApi(RecordApiTests):
    basename = "hubfunction"
    model = HubFunction
    member_can_view = False
    change = {"purpose": "Reworded by the hub manager."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> HubFunction:
        return HubFunctionFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"code": "network", "name": "Run the members' network"}


class TestHubTaskApi(RecordApiTests):
    basename = "hubtask"
    model = HubTask
    member_can_view = False
    change = {"retired": True}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> HubTask:
        return HubTaskFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"function": function("bidding").pk, "name": "Keep the answer library fresh"}


class TestDelivererApi(RecordApiTests):
    basename = "deliverer"
    model = Deliverer
    member_can_view = False
    change = {"hours_per_month": "20.0"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Deliverer:
        return DelivererFactory(kind="job_role", job_role=JobRoleFactory(), hours_per_month=None)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"kind": "member", "name": "Alpha Advice Centre", "organisation": personas.org_a.pk}


class TestTaskAllocationApi(RecordApiTests):
    basename = "taskallocation"
    model = TaskAllocation
    member_can_view = False
    change = {"raci": "A"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> TaskAllocation:
        return TaskAllocationFactory()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        task = HubTask.objects.get(name="Invoice commissioners")
        return {"task": task.pk, "deliverer": DelivererFactory().pk, "raci": "R", "hours_per_month": "6.0"}


def test_a_member_deliverer_needs_its_organisation(personas: Personas) -> None:
    response = api_client(personas.manager).post("/api/deliverers/", {"kind": "member", "name": "X"}, format="json")
    assert response.status_code == 400
    assert "organisation" in response.json()


def test_the_deliverers_capacity_comes_from_its_job_role(personas: Personas) -> None:
    deliverer = DelivererFactory(kind="job_role", job_role=JobRoleFactory(hours_per_week=30), hours_per_month=None)
    body = api_client(personas.board).get(f"/api/deliverers/{deliverer.pk}/").json()
    assert body["capacity"] == "130.0"
