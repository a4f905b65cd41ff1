"""API of the policies app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from consortia.core.api import RestrictedModelViewSet, api_refusal
from consortia.policies import filtersets
from consortia.policies.api import serializers
from consortia.policies.models import Acknowledgement, Policy, PolicyArea, PolicyVersion, Risk, RiskAction, RiskReview
from consortia.policies.services import policies as policy_services
from consortia.policies.services import risks as risk_services


class PolicyAreaViewSet(RestrictedModelViewSet):
    base_queryset = PolicyArea.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.PolicyAreaSerializer
    filterset_class = filtersets.PolicyAreaFilterSet


class PolicyViewSet(RestrictedModelViewSet):
    base_queryset = Policy.objects.select_related("area", "owner").prefetch_related("members")  # type: ignore[assignment]
    serializer_class = serializers.PolicySerializer
    filterset_class = filtersets.PolicyFilterSet


class PolicyVersionViewSet(RestrictedModelViewSet):
    """Versions are uploaded as drafts (multipart) and approved through `POST …/approve/`; as on
    their pages, only a draft may be changed or deleted."""

    base_queryset = PolicyVersion.objects.select_related("policy")  # type: ignore[assignment]
    serializer_class = serializers.PolicyVersionSerializer
    filterset_class = filtersets.PolicyVersionFilterSet

    @action(detail=True, methods=["post"], serializer_class=serializers.PolicyApproveSerializer)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        if not request.user.has_perm("policies.change_policyversion"):
            raise PermissionDenied("You may not approve policy versions.")
        version = self.get_object()
        data = serializers.PolicyApproveSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        try:
            approved = policy_services.approve_version(
                version,
                request.user,
                data.validated_data.get("approved_on"),
                data.validated_data.get("approval_minute", ""),
                data.validated_data.get("decision"),
            )
        except ValidationError as error:
            raise api_refusal(error) from None
        return Response(serializers.PolicyVersionSerializer(approved, context=self.get_serializer_context()).data)


class AcknowledgementViewSet(RestrictedModelViewSet):
    base_queryset = Acknowledgement.objects.select_related("version__policy", "organisation")  # type: ignore[assignment]
    serializer_class = serializers.AcknowledgementSerializer
    filterset_class = filtersets.AcknowledgementFilterSet

    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        data: Any = serializer.validated_data
        try:
            acknowledgement = policy_services.acknowledge(data["version"], data["organisation"], self.request.user)
        except ValidationError as error:
            raise api_refusal(error) from None
        if data.get("acknowledged_on") and self.request.user.organisation_id is None:  # type: ignore[union-attr]
            acknowledgement.acknowledged_on = data["acknowledged_on"]
            acknowledgement.save(update_fields=["acknowledged_on", "updated"])
        serializer.instance = acknowledgement


class RiskViewSet(RestrictedModelViewSet):
    base_queryset = Risk.objects.select_related("owner")  # type: ignore[assignment]
    serializer_class = serializers.RiskSerializer
    filterset_class = filtersets.RiskFilterSet


class RiskReviewViewSet(RestrictedModelViewSet):
    base_queryset = RiskReview.objects.select_related("risk")  # type: ignore[assignment]
    serializer_class = serializers.RiskReviewSerializer
    filterset_class = filtersets.RiskReviewFilterSet

    def _record(self, serializer: drf.BaseSerializer) -> None:
        data: Any = serializer.validated_data
        instance: Any = serializer.instance
        if instance is not None and "risk" in data and data["risk"] != instance.risk:
            raise ApiValidationError({"risk": "A review stays with its risk."})

        def value(name: str, default: Any = None) -> Any:
            return data[name] if name in data else getattr(instance, name, default)

        try:
            serializer.instance = risk_services.record_review(
                value("risk"),
                self.request.user,
                value("reviewed_on"),
                value("likelihood"),
                value("impact"),
                value("note", ""),
                value("next_review_on"),
                review=instance,
            )
        except ValidationError as error:
            raise api_refusal(error) from None

    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        self._record(serializer)

    def perform_update(self, serializer: drf.BaseSerializer) -> None:
        self._record(serializer)


class RiskActionViewSet(RestrictedModelViewSet):
    base_queryset = RiskAction.objects.select_related("risk", "owner")  # type: ignore[assignment]
    serializer_class = serializers.RiskActionSerializer
    filterset_class = filtersets.RiskActionFilterSet


routes: list[tuple[str, Any, str]] = [
    ("policy-areas", PolicyAreaViewSet, "policyarea"),
    ("policies", PolicyViewSet, "policy"),
    ("policy-versions", PolicyVersionViewSet, "policyversion"),
    ("policy-acknowledgements", AcknowledgementViewSet, "acknowledgement"),
    ("risks", RiskViewSet, "risk"),
    ("risk-reviews", RiskReviewViewSet, "riskreview"),
    ("risk-actions", RiskActionViewSet, "riskaction"),
]
