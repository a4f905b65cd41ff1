"""Lists of budgets."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html

from consortia.core.tables import BaseTable, MoneyColumn
from consortia.finance.models import Budget, BudgetLine


class BudgetTable(BaseTable):
    heading = tables.Column(accessor="year", verbose_name="Budget")
    notes = tables.Column(default="—")

    class Meta(BaseTable.Meta):
        model = Budget
        fields = ("heading", "notes")

    def render_heading(self, record: Budget) -> str:
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), str(record))  # type: ignore[return-value]


class BudgetLineTable(BaseTable):
    heading = tables.Column(accessor="cost_line", verbose_name="Line")
    budget = tables.Column(linkify=True)
    direction = tables.Column()
    amount = MoneyColumn(verbose_name="Budgeted")

    class Meta(BaseTable.Meta):
        model = BudgetLine
        fields = ("heading", "budget", "direction", "amount")

    def render_heading(self, record: BudgetLine) -> str:
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), str(record))  # type: ignore[return-value]
