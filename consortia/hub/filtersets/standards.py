"""Filters for service standards, readings and procedures (the list pages and the API)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.hub.choices import Period, ReviewCadence
from consortia.hub.models import HubFunction, PerformanceProcedure, ServiceStandard, StandardReading


class ServiceStandardFilterSet(BaseFilterSet):
    search_fields = ("name", "function__name", "responsible__name")

    function = django_filters.ChoiceFilter(
        choices=reference_choices(HubFunction.objects.order_by("order")), label="Hub function", empty_label="Any"
    )
    period = django_filters.ChoiceFilter(choices=Period.choices, empty_label="Any")
    computed = django_filters.BooleanFilter(label="Computed from records", method="filter_computed")
    active = django_filters.BooleanFilter()

    class Meta:
        model = ServiceStandard
        fields = ["q", "function", "period", "computed", "active"]

    def filter_computed(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.exclude(measure="") if value else queryset.filter(measure="")


class StandardReadingFilterSet(BaseFilterSet):
    search_fields = ("standard__name", "note")

    standard = django_filters.ChoiceFilter(
        choices=reference_choices(ServiceStandard.objects.filter(measure="").order_by("name")),
        label="Standard",
        empty_label="Any",
    )
    period_start = django_filters.DateFilter(lookup_expr="gte", label="Periods from")

    class Meta:
        model = StandardReading
        fields = ["q", "standard", "period_start"]


class PerformanceProcedureFilterSet(BaseFilterSet):
    search_fields = ("name", "reviewed_by", "procedure")

    review_cadence = django_filters.ChoiceFilter(choices=ReviewCadence.choices, label="Reviewed", empty_label="Any")

    class Meta:
        model = PerformanceProcedure
        fields = ["q", "review_cadence"]
