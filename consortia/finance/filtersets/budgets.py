"""Filters of budgets."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.finance.choices import CostLine, Direction
from consortia.finance.models import Budget, BudgetLine


class BudgetFilterSet(BaseFilterSet):
    search_fields = ("notes",)

    class Meta:
        model = Budget
        fields = ["q", "year"]


class BudgetLineFilterSet(BaseFilterSet):
    search_fields = ("description",)
    budget = django_filters.NumberFilter(field_name="budget_id", label="Budget")
    cost_line = django_filters.ChoiceFilter(choices=CostLine.choices, empty_label="Any")
    direction = django_filters.ChoiceFilter(choices=Direction.choices, empty_label="Any")

    class Meta:
        model = BudgetLine
        fields = ["q", "budget", "cost_line", "direction"]
