"""API of the funding app: every record type; 360Giving data read only (it comes in by import)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import status as http
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from consortia.core.api import RestrictedModelViewSet, api_refusal
from consortia.funding import filtersets
from consortia.funding.api import serializers
from consortia.funding.models import (
    Application,
    FundingPayment,
    GrantDataset,
    GrantRecord,
    Prospect,
    ReportingRequirement,
)
from consortia.funding.services.applications import move_application


class ProspectViewSet(RestrictedModelViewSet):
    base_queryset = Prospect.objects.select_related("funder")  # type: ignore[assignment]
    serializer_class = serializers.ProspectSerializer
    filterset_class = filtersets.ProspectFilterSet


class ApplicationViewSet(RestrictedModelViewSet):
    base_queryset = Application.objects.select_related("prospect")  # type: ignore[assignment]
    serializer_class = serializers.FundingApplicationSerializer
    filterset_class = filtersets.ApplicationFilterSet

    @action(detail=True, methods=["post"], serializer_class=serializers.MoveSerializer)
    def move(self, request: Request, pk: Any = None) -> Response:
        """Move the application to a new status (submitted, awarded, declined, withdrawn, completed)."""
        application = self.get_object()
        if not request.user.has_perm("funding.change_application"):
            return Response({"detail": "You may not change applications."}, status=http.HTTP_403_FORBIDDEN)
        payload = serializers.MoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data: Any = payload.validated_data
        try:
            moved = move_application(
                application,
                request.user,
                data["status"],
                data.get("on"),
                award_amount=data.get("award_amount"),
                conditions=data.get("conditions") or None,
            )
        except ValidationError as error:
            raise api_refusal(error) from None
        return Response(serializers.FundingApplicationSerializer(moved, context=self.get_serializer_context()).data)


class FundingPaymentViewSet(RestrictedModelViewSet):
    base_queryset = FundingPayment.objects.select_related("application")  # type: ignore[assignment]
    serializer_class = serializers.FundingPaymentSerializer
    filterset_class = filtersets.FundingPaymentFilterSet


class ReportingRequirementViewSet(RestrictedModelViewSet):
    base_queryset = ReportingRequirement.objects.select_related("application")  # type: ignore[assignment]
    serializer_class = serializers.ReportingRequirementSerializer
    filterset_class = filtersets.ReportingRequirementFilterSet


class GrantDatasetViewSet(RestrictedModelViewSet):
    """Read only: datasets are made by importing a 360Giving file."""

    http_method_names = ["get", "head", "options"]
    base_queryset = GrantDataset.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.GrantDatasetSerializer
    filterset_class = filtersets.GrantDatasetFilterSet


class GrantRecordViewSet(RestrictedModelViewSet):
    """Read only: grants come from 360Giving files."""

    http_method_names = ["get", "head", "options"]
    base_queryset = GrantRecord.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.GrantRecordSerializer
    filterset_class = filtersets.GrantRecordFilterSet


routes: list[tuple[str, Any, str]] = [
    ("funding-prospects", ProspectViewSet, "prospect"),
    ("funding-applications", ApplicationViewSet, "fundingapplication"),
    ("funding-payments", FundingPaymentViewSet, "fundingpayment"),
    ("funding-reports", ReportingRequirementViewSet, "reportingrequirement"),
    ("360giving-datasets", GrantDatasetViewSet, "grantdataset"),
    ("360giving-grants", GrantRecordViewSet, "grantrecord"),
]
