"""Filters of the hub's functions, tasks, deliverers and allocations (list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.hub.choices import DelivererKind, Raci
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation


def function_choices():  # type: ignore[no-untyped-def]
    return reference_choices(HubFunction.objects.order_by("order", "name"))


class HubFunctionFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "purpose")

    class Meta:
        model = HubFunction
        fields = ["q"]


class HubTaskFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    function = django_filters.ChoiceFilter(choices=function_choices(), empty_label="Any")
    oversees_members = django_filters.BooleanFilter(label="Oversees members' work")
    retired = django_filters.BooleanFilter(label="Retired")

    class Meta:
        model = HubTask
        fields = ["q", "function", "oversees_members", "retired"]


class DelivererFilterSet(BaseFilterSet):
    search_fields = ("name",)

    kind = django_filters.ChoiceFilter(choices=DelivererKind.choices, empty_label="Any")

    class Meta:
        model = Deliverer
        fields = ["q", "kind"]


class TaskAllocationFilterSet(BaseFilterSet):
    search_fields = ("task__name", "deliverer__name", "notes")

    function = django_filters.ChoiceFilter(field_name="task__function", choices=function_choices(), empty_label="Any")
    deliverer = django_filters.NumberFilter(field_name="deliverer_id", label="Deliverer (id)")
    task = django_filters.NumberFilter(field_name="task_id", label="Task (id)")
    raci = django_filters.ChoiceFilter(choices=Raci.choices, empty_label="Any", label="RACI")
    retired = django_filters.BooleanFilter(field_name="task__retired", label="Task retired")

    class Meta:
        model = TaskAllocation
        fields = ["q", "function", "deliverer", "task", "raci", "retired"]
