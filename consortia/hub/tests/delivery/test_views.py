"""The hub's functions, tasks, deliverers and allocations, through the generic view tests."""

from __future__ import annotations

from typing import Any

from consortia.core.testing.views import EditableRecordTests, ImportableRecordTests
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
from consortia.hub.views.delivery import DelivererViews, HubFunctionViews, HubTaskViews, TaskAllocationViews
from consortia.users.testing import Personas


class TestHubFunctionViews(EditableRecordTests):
    record = HubFunctionViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page
    concurrent_change = {"purpose": "Changed by someone else meanwhile."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> HubFunction:
        return HubFunctionFactory(name=f"Run the members' network {index}", code=f"network-{index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"name": "Run the members' network", "code": "network", "purpose": "Peer support.", "order": "110"}


class TestHubTaskViews(EditableRecordTests, ImportableRecordTests):
    record = HubTaskViews
    member_can_view = False
    list_queries = 7  # session, user, 2 × permissions, count, functions for the filter, page
    concurrent_change = {"description": "Changed by someone else meanwhile."}
    import_csv = (
        "Function,Task,Description,Oversees members,Retired\n"
        "bidding,Keep the answer library fresh,Review answers every six months,no,no\n"
        "Manage contracts and the performance of subcontractors,Visit members delivering contracts,,yes,\n"
    )
    bad_import_csv = "Function,Task\nbidding,Keep the answer library fresh\nnot a function,Visit members\n"
    bad_import_error = (3, "Function")

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> HubTask:
        return HubTaskFactory(name=f"Chase missing bid answers {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"function": str(function("bidding").pk), "name": "Keep the answer library fresh", "order": "70"}


class TestDelivererViews(EditableRecordTests):
    record = DelivererViews
    member_can_view = False
    list_queries = 6  # session, user, 2 × permissions, count, page (job roles and organisations joined)
    concurrent_change = {"name": "Renamed by someone else meanwhile"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Deliverer:
        if index % 2:
            return DelivererFactory(kind="member", organisation=organisation, name=f"{organisation.name} {index}")
        role = JobRoleFactory(title=f"Hub Officer {index}")
        return DelivererFactory(kind="job_role", job_role=role, name=f"Hub Officer {index}", hours_per_month=None)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"kind": "member", "name": "Alpha Advice Centre", "organisation": str(personas.org_a.pk)}


class TestTaskAllocationViews(EditableRecordTests):
    record = TaskAllocationViews
    member_can_view = False
    list_queries = 7  # session, user, 2 × permissions, count, functions for the filter, page

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> TaskAllocation:
        return TaskAllocationFactory(notes=f"Allocation {index}")

    def form_data(self, personas: Personas) -> dict[str, Any]:
        task = HubTask.objects.get(name="Monitor Find a Tender and Contracts Finder")
        deliverer, _ = Deliverer.objects.get_or_create(name="Bid Manager", defaults={"kind": "committee"})
        return {"task": str(task.pk), "deliverer": str(deliverer.pk), "raci": "R", "hours_per_month": "8"}
