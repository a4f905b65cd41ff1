"""API for service standards (with their computed results), hand readings and procedures."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from consortia.core.api import RestrictedModelViewSet
from consortia.hub.api.serializers import standards as serializers
from consortia.hub.filtersets import standards as filtersets
from consortia.hub.models import PerformanceProcedure, ServiceStandard, StandardReading
from consortia.hub.services.standards import standard_results


class ServiceStandardViewSet(RestrictedModelViewSet):
    base_queryset = ServiceStandard.objects.select_related("function", "responsible")
    serializer_class = serializers.ServiceStandardSerializer
    filterset_class = filtersets.ServiceStandardFilterSet
    ordering_fields = ["name", "created", "updated"]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: Any = None) -> Response:
        """The standard's last six periods: actual, RAG (green, amber, red or no_data) and the trend."""
        return Response(standard_results([self.get_object()])[0].as_dict())


class StandardReadingViewSet(RestrictedModelViewSet):
    base_queryset = StandardReading.objects.select_related("standard")
    serializer_class = serializers.StandardReadingSerializer
    filterset_class = filtersets.StandardReadingFilterSet
    ordering_fields = ["period_start", "created", "updated"]


class PerformanceProcedureViewSet(RestrictedModelViewSet):
    base_queryset = PerformanceProcedure.objects.all()
    serializer_class = serializers.PerformanceProcedureSerializer
    filterset_class = filtersets.PerformanceProcedureFilterSet
    ordering_fields = ["name", "next_review", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("service-standards", ServiceStandardViewSet, "servicestandard"),
    ("standard-readings", StandardReadingViewSet, "standardreading"),
    ("performance-procedures", PerformanceProcedureViewSet, "performanceprocedure"),
]
