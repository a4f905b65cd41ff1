"""Filters for the workplan (the list page and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.hub.choices import Rag, WorkplanStatus
from consortia.hub.models import HubFunction, WorkplanItem


class WorkplanItemFilterSet(BaseFilterSet):
    search_fields = ("activity", "milestone", "success_measure", "lead__name")

    function = django_filters.ChoiceFilter(
        choices=reference_choices(HubFunction.objects.order_by("order")), label="Strand", empty_label="Any"
    )
    status = django_filters.ChoiceFilter(choices=WorkplanStatus.choices, empty_label="Any")
    rag = django_filters.ChoiceFilter(choices=Rag.choices, label="RAG", empty_label="Any")
    active_in = django_filters.DateFilter(label="Under way in the month of", method="filter_active_in")

    class Meta:
        model = WorkplanItem
        fields = ["q", "function", "status", "rag", "active_in"]

    def filter_active_in(self, queryset, name, value):  # type: ignore[no-untyped-def]
        if not value:
            return queryset
        month = value.replace(day=1)
        return queryset.filter(start_month__lte=month, end_month__gte=month)
