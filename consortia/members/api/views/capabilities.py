"""API for service categories, client groups, capabilities, quality marks and case studies."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.members.api.serializers import capabilities as serializers
from consortia.members.filtersets import capabilities as filtersets
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory


class ServiceCategoryViewSet(RestrictedModelViewSet):
    base_queryset = ServiceCategory.objects.all()
    serializer_class = serializers.ServiceCategorySerializer
    filterset_class = filtersets.ServiceCategoryFilterSet
    ordering_fields = ["name", "order", "created", "updated"]


class ClientGroupViewSet(RestrictedModelViewSet):
    base_queryset = ClientGroup.objects.all()
    serializer_class = serializers.ClientGroupSerializer
    filterset_class = filtersets.ClientGroupFilterSet
    ordering_fields = ["name", "order", "created", "updated"]


class CapabilityViewSet(RestrictedModelViewSet):
    base_queryset = Capability.objects.select_related("organisation", "category").prefetch_related(
        "client_groups", "areas"
    )
    serializer_class = serializers.CapabilitySerializer
    filterset_class = filtersets.CapabilityFilterSet
    ordering_fields = ["created", "updated"]


class QualityMarkViewSet(RestrictedModelViewSet):
    base_queryset = QualityMark.objects.select_related("organisation")
    serializer_class = serializers.QualityMarkSerializer
    filterset_class = filtersets.QualityMarkFilterSet
    ordering_fields = ["name", "expires_on", "created", "updated"]


class CaseStudyViewSet(RestrictedModelViewSet):
    base_queryset = CaseStudy.objects.select_related("organisation", "category")
    serializer_class = serializers.CaseStudySerializer
    filterset_class = filtersets.CaseStudyFilterSet
    ordering_fields = ["title", "year", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("service-categories", ServiceCategoryViewSet, "servicecategory"),
    ("client-groups", ClientGroupViewSet, "clientgroup"),
    ("capabilities", CapabilityViewSet, "capability"),
    ("quality-marks", QualityMarkViewSet, "qualitymark"),
    ("case-studies", CaseStudyViewSet, "casestudy"),
]
