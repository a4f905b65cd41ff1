"""API of the contracts app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import serializers as drf

from consortia.contracts.api.serializers import contracts as serializers
from consortia.contracts.filtersets import contracts as filtersets
from consortia.contracts.models import Contract, ContractDocument, ContractMilestone, Subcontract, Variation
from consortia.contracts.services import contracts as services
from consortia.core.api import RestrictedModelViewSet, api_refusal


class ContractViewSet(RestrictedModelViewSet):
    base_queryset = Contract.objects.select_related("commissioner")  # type: ignore[assignment]
    serializer_class = serializers.ContractSerializer
    filterset_class = filtersets.ContractFilterSet


class ContractMilestoneViewSet(RestrictedModelViewSet):
    base_queryset = ContractMilestone.objects.select_related("contract")  # type: ignore[assignment]
    serializer_class = serializers.ContractMilestoneSerializer
    filterset_class = filtersets.ContractMilestoneFilterSet


class VariationViewSet(RestrictedModelViewSet):
    base_queryset = Variation.objects.select_related("contract")  # type: ignore[assignment]
    serializer_class = serializers.VariationSerializer
    filterset_class = filtersets.VariationFilterSet

    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        data: Any = serializer.validated_data
        try:
            serializer.instance = services.agree_variation(
                data["contract"],
                self.request.user,
                data["description"],
                data.get("value_change", 0),
                data["agreed_on"],
                data.get("new_end_date"),
            )
        except ValidationError as error:
            raise api_refusal(error) from None


class SubcontractViewSet(RestrictedModelViewSet):
    base_queryset = Subcontract.objects.select_related("contract", "organisation").prefetch_related("areas")  # type: ignore[assignment]
    serializer_class = serializers.SubcontractSerializer
    filterset_class = filtersets.SubcontractFilterSet


class ContractDocumentViewSet(RestrictedModelViewSet):
    """Read only: documents are uploaded on the contract's page."""

    http_method_names = ["get", "head", "options"]
    base_queryset = ContractDocument.objects.select_related("contract")  # type: ignore[assignment]
    serializer_class = serializers.ContractDocumentSerializer
    filterset_class = filtersets.ContractDocumentFilterSet


routes: list[tuple[str, Any, str]] = [
    ("contracts", ContractViewSet, "contract"),
    ("contract-milestones", ContractMilestoneViewSet, "contractmilestone"),
    ("contract-variations", VariationViewSet, "variation"),
    ("subcontracts", SubcontractViewSet, "subcontract"),
    ("contract-documents", ContractDocumentViewSet, "contractdocument"),
]
