"""API of bid/no-bid: criteria (editable), and scores and decisions (read: they are made on the page,
where conflicts of interest are checked)."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.opportunities.api.serializers import decisions as serializers
from consortia.opportunities.filtersets import decisions as filtersets
from consortia.opportunities.models import BidCriterion, BidDecision, BidScore


class BidCriterionViewSet(RestrictedModelViewSet):
    base_queryset = BidCriterion.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.BidCriterionSerializer
    filterset_class = filtersets.BidCriterionFilterSet
    ordering_fields = ["order", "name", "weight"]


class BidScoreViewSet(RestrictedModelViewSet):
    base_queryset = BidScore.objects.select_related("opportunity", "criterion", "scorer")  # type: ignore[assignment]
    serializer_class = serializers.BidScoreSerializer
    filterset_class = filtersets.BidScoreFilterSet
    ordering_fields = ["created", "updated"]
    http_method_names = ["get", "head", "options"]


class BidDecisionViewSet(RestrictedModelViewSet):
    base_queryset = BidDecision.objects.select_related("opportunity", "decided_by")  # type: ignore[assignment]
    serializer_class = serializers.BidDecisionSerializer
    filterset_class = filtersets.BidDecisionFilterSet
    ordering_fields = ["decided_on", "created", "updated"]
    http_method_names = ["get", "head", "options"]


routes: list[tuple[str, Any, str]] = [
    ("bid-criteria", BidCriterionViewSet, "bidcriterion"),
    ("bid-scores", BidScoreViewSet, "bidscore"),
    ("bid-decisions", BidDecisionViewSet, "biddecision"),
]
