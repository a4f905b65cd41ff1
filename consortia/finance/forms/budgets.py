"""Forms of budgets."""

from __future__ import annotations

from consortia.core.forms import BaseModelForm
from consortia.finance.models import Budget, BudgetLine


class BudgetForm(BaseModelForm):
    class Meta:
        model = Budget
        fields = ["year", "notes"]


class BudgetLineForm(BaseModelForm):
    class Meta:
        model = BudgetLine
        fields = ["budget", "cost_line", "description", "direction", "amount", "actual_entered"]
