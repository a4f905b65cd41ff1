"""Budgets by financial year, with their actuals counted from the records."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.finance.filtersets import budgets as filtersets
from consortia.finance.forms import budgets as forms
from consortia.finance.models import Budget, BudgetLine
from consortia.finance.services.reports import budget_report
from consortia.finance.tables import budgets as tables
from consortia.finance.views.payments import MENU


@register
class BudgetViews(RecordViews):
    model = Budget
    table = tables.BudgetTable
    filterset = filtersets.BudgetFilterSet
    form = forms.BudgetForm
    search_fields = ("notes",)
    menu_group = MENU
    menu_order = 60

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [
            path(str(p.pattern), BudgetDetailView.as_view(record=cls), name=p.name) if p.name == "budget_detail" else p
            for p in super().urls()
        ]


class BudgetDetailView(ObjectDetailView):
    """The budget against its actuals, line by line."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        budget = self.get_object()
        context = self.base_context() | {
            "object": budget,
            "fields": detail_fields(budget, self.record),
            "tab": "detail",
            "report": budget_report(budget),
            "can_line": request.user.has_perm("finance.add_budgetline"),
        }
        return render(request, "finance/budget_detail.html", context)


@register
class BudgetLineViews(RecordViews):
    model = BudgetLine
    table = tables.BudgetLineTable
    filterset = filtersets.BudgetLineFilterSet
    form = forms.BudgetLineForm
    search_fields = ("description",)
    menu_group = None  # reached from its budget
    url_slug = "budget-lines"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return BudgetLine.objects.select_related("budget")


urlpatterns: list[URLPattern] = [*BudgetViews.urls(), *BudgetLineViews.urls()]
