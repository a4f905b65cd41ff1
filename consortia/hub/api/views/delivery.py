"""API for the hub's delivery records."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.hub.api.serializers import delivery as serializers
from consortia.hub.filtersets import delivery as filtersets
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation


class HubFunctionViewSet(RestrictedModelViewSet):
    base_queryset = HubFunction.objects.all()
    serializer_class = serializers.HubFunctionSerializer
    filterset_class = filtersets.HubFunctionFilterSet
    ordering_fields = ["order", "name", "created", "updated"]


class HubTaskViewSet(RestrictedModelViewSet):
    base_queryset = HubTask.objects.select_related("function")
    serializer_class = serializers.HubTaskSerializer
    filterset_class = filtersets.HubTaskFilterSet
    ordering_fields = ["order", "name", "created", "updated"]


class DelivererViewSet(RestrictedModelViewSet):
    base_queryset = Deliverer.objects.select_related("job_role", "organisation")
    serializer_class = serializers.DelivererSerializer
    filterset_class = filtersets.DelivererFilterSet
    ordering_fields = ["name", "kind", "created", "updated"]


class TaskAllocationViewSet(RestrictedModelViewSet):
    base_queryset = TaskAllocation.objects.select_related("task", "deliverer")
    serializer_class = serializers.TaskAllocationSerializer
    filterset_class = filtersets.TaskAllocationFilterSet
    ordering_fields = ["raci", "hours_per_month", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("hub-functions", HubFunctionViewSet, "hubfunction"),
    ("hub-tasks", HubTaskViewSet, "hubtask"),
    ("deliverers", DelivererViewSet, "deliverer"),
    ("task-allocations", TaskAllocationViewSet, "taskallocation"),
]
