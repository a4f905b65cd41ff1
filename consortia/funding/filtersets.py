"""Filters of the funding lists (the list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.funding.choices import ApplicationStatus, FundingKind, MoneyKind, ProspectStatus, RecipientType
from consortia.funding.models import (
    Application,
    FundingPayment,
    GrantDataset,
    GrantRecord,
    Prospect,
    ReportingRequirement,
)


class ProspectFilterSet(BaseFilterSet):
    search_fields = ("programme", "funder__name", "eligibility")
    funder = django_filters.NumberFilter(field_name="funder_id", label="Funder")
    kind = django_filters.ChoiceFilter(choices=FundingKind.choices, empty_label="Any")
    status = django_filters.ChoiceFilter(choices=ProspectStatus.choices, empty_label="Any")
    fit_at_least = django_filters.NumberFilter(field_name="fit", lookup_expr="gte", label="Fit at least")
    deadline_by = django_filters.DateFilter(field_name="deadline", lookup_expr="lte", label="Deadline by")

    class Meta:
        model = Prospect
        fields = ["q", "funder", "kind", "status", "fit_at_least", "deadline_by"]


class ApplicationFilterSet(BaseFilterSet):
    search_fields = ("title", "prospect__programme", "prospect__funder__name")
    prospect = django_filters.NumberFilter(field_name="prospect_id", label="Prospect")
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, empty_label="Any")
    money_kind = django_filters.ChoiceFilter(choices=MoneyKind.choices, empty_label="Any", label="Kind of money")

    class Meta:
        model = Application
        fields = ["q", "prospect", "status", "money_kind"]


class FundingPaymentFilterSet(BaseFilterSet):
    search_fields = ("application__title", "application__prospect__funder__name")
    application = django_filters.NumberFilter(field_name="application_id", label="Application")
    received = django_filters.BooleanFilter(
        field_name="received_on", lookup_expr="isnull", exclude=True, label="Received"
    )
    due_by = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label="Due by")

    class Meta:
        model = FundingPayment
        fields = ["q", "application", "received", "due_by"]


class ReportingRequirementFilterSet(BaseFilterSet):
    search_fields = ("title", "application__title", "application__prospect__funder__name")
    application = django_filters.NumberFilter(field_name="application_id", label="Application")
    sent = django_filters.BooleanFilter(field_name="submitted_on", lookup_expr="isnull", exclude=True, label="Sent")
    due_by = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label="Due by")

    class Meta:
        model = ReportingRequirement
        fields = ["q", "application", "sent", "due_by"]


class GrantDatasetFilterSet(BaseFilterSet):
    search_fields = ("publisher", "title", "file_name")

    class Meta:
        model = GrantDataset
        fields = ["q"]


class GrantRecordFilterSet(BaseFilterSet):
    """The API's filters of 360Giving grants (the research page has its own form)."""

    search_fields = ("title", "recipient_name", "funder_name")
    recipient_type = django_filters.ChoiceFilter(choices=RecipientType.choices, empty_label="Any")
    funder_name = django_filters.CharFilter(label="Funder")
    programme = django_filters.CharFilter(label="Programme")
    area = django_filters.CharFilter(field_name="beneficiary_locations", lookup_expr="icontains", label="Area")
    # A year a date can hold: the database's year lookup fails on a year outside 1-9999.
    year = django_filters.NumberFilter(
        field_name="award_date", lookup_expr="year", label="Year awarded", min_value=1, max_value=9999, decimal_places=0
    )
    dataset = django_filters.NumberFilter(field_name="dataset_id", label="Dataset")

    class Meta:
        model = GrantRecord
        fields = ["q", "recipient_type", "funder_name", "programme", "area", "year", "dataset"]
