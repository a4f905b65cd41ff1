"""API for the agreement with the organisation that delivers an outsourced hub."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.hub.api.serializers import agreement as serializers
from consortia.hub.filtersets import agreement as filtersets
from consortia.hub.models import ServiceAgreement


class ServiceAgreementViewSet(RestrictedModelViewSet):
    base_queryset = ServiceAgreement.objects.select_related("provider")
    serializer_class = serializers.ServiceAgreementSerializer
    filterset_class = filtersets.ServiceAgreementFilterSet
    ordering_fields = ["start", "title", "created", "updated"]


routes: list[tuple[str, Any, str]] = [("service-agreements", ServiceAgreementViewSet, "serviceagreement")]
