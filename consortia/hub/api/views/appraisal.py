"""API for the hub's appraisal records."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework import serializers as drf

from consortia.core.api import RestrictedModelViewSet
from consortia.hub.api.serializers import appraisal as serializers
from consortia.hub.filtersets import appraisal as filtersets
from consortia.hub.models import Appraisal, AppraisalCriterion, AppraisalScore, DeliveryModel, HubDecision
from consortia.hub.services import appraisal as services


class DeliveryModelViewSet(RestrictedModelViewSet):
    base_queryset = DeliveryModel.objects.all()
    serializer_class = serializers.DeliveryModelSerializer
    filterset_class = filtersets.DeliveryModelFilterSet
    ordering_fields = ["order", "name", "created", "updated"]


class AppraisalViewSet(RestrictedModelViewSet):
    base_queryset = Appraisal.objects.prefetch_related("options", "scorers")
    serializer_class = serializers.AppraisalSerializer
    filterset_class = filtersets.AppraisalFilterSet
    ordering_fields = ["title", "created", "updated", "closes_on"]

    @transaction.atomic
    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        # Like the add page: every delivery model (unless options were given) and the default criteria.
        appraisal: Any = self._save(serializer)
        services.open_appraisal(appraisal, self.request.user)


class AppraisalCriterionViewSet(RestrictedModelViewSet):
    base_queryset = AppraisalCriterion.objects.select_related("appraisal")
    serializer_class = serializers.AppraisalCriterionSerializer
    filterset_class = filtersets.AppraisalCriterionFilterSet
    ordering_fields = ["order", "name", "weight", "created", "updated"]


class AppraisalScoreViewSet(RestrictedModelViewSet):
    base_queryset = AppraisalScore.objects.select_related("criterion", "option", "scorer")
    serializer_class = serializers.AppraisalScoreSerializer
    filterset_class = filtersets.AppraisalScoreFilterSet
    ordering_fields = ["score", "created", "updated"]


class HubDecisionViewSet(RestrictedModelViewSet):
    base_queryset = HubDecision.objects.select_related("chosen_model", "provider", "appraisal")
    serializer_class = serializers.HubDecisionSerializer
    filterset_class = filtersets.HubDecisionFilterSet
    ordering_fields = ["decided_on", "created", "updated"]

    @transaction.atomic
    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        data: Any = serializer.validated_data
        serializer.instance = services.record_decision(
            data.get("appraisal"),
            self.request.user,
            chosen_model=data["chosen_model"],
            provider=data.get("provider"),
            decided_on=data["decided_on"],
            decided_by=data["decided_by"],
            minute_reference=data.get("minute_reference", ""),
            rationale=data["rationale"],
        )


routes: list[tuple[str, Any, str]] = [
    ("delivery-models", DeliveryModelViewSet, "deliverymodel"),
    ("appraisals", AppraisalViewSet, "appraisal"),
    ("appraisal-criteria", AppraisalCriterionViewSet, "appraisalcriterion"),
    ("appraisal-scores", AppraisalScoreViewSet, "appraisalscore"),
    ("hub-decisions", HubDecisionViewSet, "hubdecision"),
]
