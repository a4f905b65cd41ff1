"""API for due diligence: requirements, evidence (with its checking) and reviews."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from consortia.core.api import RestrictedModelViewSet
from consortia.members.api.serializers import diligence as serializers
from consortia.members.filtersets import diligence as filtersets
from consortia.members.models import DueDiligenceReview, Evidence, Requirement
from consortia.members.services import diligence as services
from consortia.members.views.diligence import EvidenceViews


class RequirementViewSet(RestrictedModelViewSet):
    base_queryset = Requirement.objects.all()
    serializer_class = serializers.RequirementSerializer
    filterset_class = filtersets.RequirementFilterSet
    ordering_fields = ["name", "order", "created", "updated"]


class EvidenceViewSet(RestrictedModelViewSet):
    """A new piece of evidence replaces (supersedes) the organisation's earlier evidence for the
    same requirement; checked or replaced evidence cannot be changed."""

    base_queryset = Evidence.objects.select_related("organisation", "requirement")
    serializer_class = serializers.EvidenceSerializer
    filterset_class = filtersets.EvidenceFilterSet
    ordering_fields = ["expires_on", "issued_on", "status", "created", "updated"]

    @transaction.atomic
    def perform_create(self, serializer: drf_serializers.BaseSerializer) -> None:
        evidence = self._save(serializer)
        services.supersede_earlier(evidence, self.request.user)

    @transaction.atomic
    def perform_update(self, serializer: drf_serializers.BaseSerializer) -> None:
        blockers = EvidenceViews.edit_blockers(serializer.instance)
        if blockers:
            raise drf_serializers.ValidationError({"non_field_errors": blockers})
        self._save(serializer)

    def _check(self, request: Request, verdict: str) -> Response:
        evidence = self.get_object()
        if not services.can_check(request.user):
            raise PermissionDenied("Only the hub's staff can check evidence.")
        try:
            if verdict == "verify":
                services.verify_evidence(evidence, request.user)
            else:
                data = serializers.RejectSerializer(data=request.data)
                data.is_valid(raise_exception=True)
                services.reject_evidence(evidence, data.validated_data["reason"], request.user)
        except DjangoValidationError as error:
            raise drf_serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from None
        return Response(self.get_serializer(evidence).data)

    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: Any = None) -> Response:
        """Accept the evidence (the hub's staff only)."""
        return self._check(request, "verify")

    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: Any = None) -> Response:
        """Reject the evidence, giving the `reason` the member is shown (the hub's staff only)."""
        return self._check(request, "reject")


class DueDiligenceReviewViewSet(RestrictedModelViewSet):
    base_queryset = DueDiligenceReview.objects.select_related("organisation", "reviewer")
    serializer_class = serializers.DueDiligenceReviewSerializer
    filterset_class = filtersets.DueDiligenceReviewFilterSet
    ordering_fields = ["reviewed_on", "year", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("requirements", RequirementViewSet, "requirement"),
    ("evidence", EvidenceViewSet, "evidence"),
    ("due-diligence-reviews", DueDiligenceReviewViewSet, "duediligencereview"),
]
