"""Filters of the contracts lists (the list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.contracts.choices import ContractStatus, DocumentKind, PaymentModel, SubcontractStatus
from consortia.contracts.models import Contract, ContractDocument, ContractMilestone, Subcontract, Variation
from consortia.core.filtersets import BaseFilterSet


class ContractFilterSet(BaseFilterSet):
    search_fields = ("reference", "title", "commissioner__name")
    status = django_filters.ChoiceFilter(choices=ContractStatus.choices, empty_label="Any")
    payment_model = django_filters.ChoiceFilter(choices=PaymentModel.choices, empty_label="Any")
    ends_before = django_filters.DateFilter(field_name="end_date", lookup_expr="lte", label="Ends by")

    class Meta:
        model = Contract
        fields = ["q", "status", "payment_model", "ends_before"]


class ContractMilestoneFilterSet(BaseFilterSet):
    contract = django_filters.NumberFilter(field_name="contract_id", label="Contract")
    done = django_filters.BooleanFilter(field_name="done_on", lookup_expr="isnull", exclude=True, label="Done")
    search_fields = ("name", "contract__reference")

    class Meta:
        model = ContractMilestone
        fields = ["q", "contract", "done"]


class VariationFilterSet(BaseFilterSet):
    contract = django_filters.NumberFilter(field_name="contract_id", label="Contract")
    search_fields = ("description", "contract__reference")

    class Meta:
        model = Variation
        fields = ["q", "contract"]


class SubcontractFilterSet(BaseFilterSet):
    contract = django_filters.NumberFilter(field_name="contract_id", label="Contract")
    status = django_filters.ChoiceFilter(choices=SubcontractStatus.choices, empty_label="Any")
    search_fields = ("organisation__name", "contract__reference", "contract__title")

    class Meta:
        model = Subcontract
        fields = ["q", "contract", "status"]


class ContractDocumentFilterSet(BaseFilterSet):
    contract = django_filters.NumberFilter(field_name="contract_id", label="Contract")
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, empty_label="Any")
    search_fields = ("title", "contract__reference")

    class Meta:
        model = ContractDocument
        fields = ["q", "contract", "kind"]
