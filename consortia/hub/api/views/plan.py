"""API for the business plan, its objectives, indicators (with their current values), readings and reviews."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.hub.api.serializers import plan as serializers
from consortia.hub.filtersets import plan as filtersets
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview
from consortia.hub.services.plan import with_latest_reading


class BusinessPlanViewSet(RestrictedModelViewSet):
    base_queryset = BusinessPlan.objects.all()
    serializer_class = serializers.BusinessPlanSerializer
    filterset_class = filtersets.BusinessPlanFilterSet
    ordering_fields = ["period_start", "title", "created", "updated"]


class PlanObjectiveViewSet(RestrictedModelViewSet):
    base_queryset = PlanObjective.objects.select_related("plan", "owner")
    serializer_class = serializers.PlanObjectiveSerializer
    filterset_class = filtersets.PlanObjectiveFilterSet
    ordering_fields = ["number", "order", "created", "updated"]


class PlanIndicatorViewSet(RestrictedModelViewSet):
    # The latest hand reading comes annotated; a measure is computed once per response and period.
    base_queryset = with_latest_reading(PlanIndicator.objects.select_related("objective__plan"))
    serializer_class = serializers.PlanIndicatorSerializer
    filterset_class = filtersets.PlanIndicatorFilterSet
    ordering_fields = ["name", "target_date", "order", "created", "updated"]


class PlanIndicatorReadingViewSet(RestrictedModelViewSet):
    base_queryset = PlanIndicatorReading.objects.select_related("indicator")
    serializer_class = serializers.PlanIndicatorReadingSerializer
    filterset_class = filtersets.PlanIndicatorReadingFilterSet
    ordering_fields = ["date", "created", "updated"]


class PlanReviewViewSet(RestrictedModelViewSet):
    base_queryset = PlanReview.objects.select_related("plan")
    serializer_class = serializers.PlanReviewSerializer
    filterset_class = filtersets.PlanReviewFilterSet
    ordering_fields = ["reviewed_on", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("business-plans", BusinessPlanViewSet, "businessplan"),
    ("plan-objectives", PlanObjectiveViewSet, "planobjective"),
    ("plan-indicators", PlanIndicatorViewSet, "planindicator"),
    ("plan-indicator-readings", PlanIndicatorReadingViewSet, "planindicatorreading"),
    ("plan-reviews", PlanReviewViewSet, "planreview"),
]
