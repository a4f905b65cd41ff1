"""Filters for service agreements (the list page and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.hub.choices import AgreementStatus, FeeBasis
from consortia.hub.models import ServiceAgreement


class ServiceAgreementFilterSet(BaseFilterSet):
    search_fields = ("title", "provider__name")

    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices, empty_label="Any")
    fee_basis = django_filters.ChoiceFilter(choices=FeeBasis.choices, label="Fee basis", empty_label="Any")
    provider = django_filters.NumberFilter(field_name="provider_id", label="Provider (id)")

    class Meta:
        model = ServiceAgreement
        fields = ["q", "status", "fee_basis", "provider"]
