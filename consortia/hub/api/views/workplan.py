"""API for the hub's workplan."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.hub.api.serializers import workplan as serializers
from consortia.hub.filtersets import workplan as filtersets
from consortia.hub.models import WorkplanItem


class WorkplanItemViewSet(RestrictedModelViewSet):
    base_queryset = WorkplanItem.objects.select_related("function", "lead")
    serializer_class = serializers.WorkplanItemSerializer
    filterset_class = filtersets.WorkplanItemFilterSet
    ordering_fields = ["start_month", "end_month", "activity", "created", "updated"]


routes: list[tuple[str, Any, str]] = [("workplan-items", WorkplanItemViewSet, "workplanitem")]
