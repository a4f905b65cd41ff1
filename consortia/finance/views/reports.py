"""The finance reports: the 12-month cash-flow forecast and the accounting export (CSV and Excel)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views import View

from consortia.core.forms import style_widgets
from consortia.core.registry import MenuItem, add_menu_item
from consortia.finance.services import reports
from consortia.finance.views.payments import MENU


class CashFlowView(LoginRequiredMixin, View):
    permission = "finance.view_paymentrun"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm(self.permission):
            raise PermissionDenied("You may not see the hub's cash flow.")
        months = reports.cash_flow_forecast()
        totals = {
            "receipts": sum((month.receipts for month in months), reports.ZERO),
            "to_members": sum((month.to_members for month in months), reports.ZERO),
            "fee_income": sum((month.fee_income for month in months), reports.ZERO),
        }
        totals["net"] = totals["receipts"] - totals["to_members"]
        return render(request, "finance/cash_flow.html", {"months": months, "totals": totals})


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", required=False)
    end = forms.DateField(label="To", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ExportView(LoginRequiredMixin, View):
    """The page, and `?what=invoices|receipts|payments&format=csv` or `?format=xlsx` for the files."""

    permission = "finance.view_invoice"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm(self.permission):
            raise PermissionDenied("You may not export the hub's accounts.")
        form = PeriodForm(request.GET or None)
        start: date | None = None
        end: date | None = None
        if form.is_bound and form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        fmt = request.GET.get("format")
        stamp = f"{start or 'start'}-to-{end or 'now'}"
        if fmt == "xlsx":
            built = reports.accounting_workbook(request.user, start, end)
            response = HttpResponse(
                built.content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            response["Content-Disposition"] = f'attachment; filename="accounting-export-{stamp}.xlsx"'
            return response
        if fmt == "csv":
            what = request.GET.get("what", "")
            if what not in reports.EXPORTS:
                raise Http404("No such export.")
            _name, headers, rows, model, _money = reports.EXPORTS[what]
            content = reports.to_csv(headers, rows(model.objects.restrict(request.user, "view"), start, end))
            response = HttpResponse(content, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{what}-{stamp}.csv"'
            return response
        return render(
            request, "finance/export.html", {"form": form, "exports": reports.EXPORTS, "query": request.GET.urlencode()}
        )


add_menu_item(MENU[0], MENU[1], MenuItem("Cash-flow forecast", "finance:cash_flow", "finance.view_paymentrun", 70))
add_menu_item(MENU[0], MENU[1], MenuItem("Accounting export", "finance:export", "finance.view_invoice", 80))

urlpatterns: list[URLPattern] = [
    path("cash-flow/", CashFlowView.as_view(), name="cash_flow"),
    path("export/", ExportView.as_view(), name="export"),
]
