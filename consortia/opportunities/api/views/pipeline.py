"""API of the pipeline."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.opportunities.api.serializers.pipeline import OpportunitySerializer
from consortia.opportunities.filtersets.pipeline import OpportunityFilterSet
from consortia.opportunities.models import Opportunity


class OpportunityViewSet(RestrictedModelViewSet):
    base_queryset = Opportunity.objects.select_related("commissioner", "owner")  # type: ignore[assignment]
    serializer_class = OpportunitySerializer
    filterset_class = OpportunityFilterSet
    ordering_fields = ["title", "submission_deadline", "value", "stage", "created", "updated"]


routes: list[tuple[str, Any, str]] = [("opportunities", OpportunityViewSet, "opportunity")]
