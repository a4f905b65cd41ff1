"""Invoices to commissioners, their lines, and the receipts that pay them."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone

from consortia.contracts.models import Contract
from consortia.core.formats import pounds
from consortia.core.forms import style_widgets
from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDeleteView, ObjectDetailView, RecordView, RecordViews, detail_fields
from consortia.finance.filtersets import invoicing as filtersets
from consortia.finance.forms import invoicing as forms
from consortia.finance.models import Invoice, InvoiceLine, Receipt
from consortia.finance.services import invoices
from consortia.finance.tables import invoicing as tables
from consortia.finance.views.payments import MENU


@register
class InvoiceViews(RecordViews):
    model = Invoice
    table = tables.InvoiceTable
    filterset = filtersets.InvoiceFilterSet
    form = forms.InvoiceForm
    detail_fields = ["contract", "number", "issued_on", "due_on", "net", "vat", "gross", "state", "notes"]
    search_fields = ("number",)
    search_description = "notes"
    menu_group = MENU
    menu_order = 40

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Invoice.objects.select_related("contract__commissioner")

    @classmethod
    def after_save(cls, request: HttpRequest, obj: Any, created: bool) -> None:
        invoices.refresh_totals(obj)  # the contract (and so the VAT) may have changed

    @classmethod
    def edit_blockers(cls, obj: Any) -> list[str]:
        return invoices.line_blockers(obj)

    @classmethod
    def urls(cls) -> list[URLPattern]:
        patterns = [
            path(str(p.pattern), InvoiceDetailView.as_view(record=cls), name=p.name)
            if p.name == "invoice_detail"
            else p
            for p in super().urls()
        ]
        return [*patterns, path(f"{cls.slug()}/raise/", RaiseInvoiceView.as_view(record=cls), name="invoice_raise")]


class InvoiceDetailView(ObjectDetailView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        invoice = self.get_object()
        context = self.base_context() | {
            "object": invoice,
            "fields": detail_fields(invoice, self.record),
            "tab": "detail",
            "edit_blockers": self.record.edit_blockers(invoice) if self.record else [],
            "lines": list(InvoiceLine.objects.restrict(request.user, "view").filter(invoice=invoice)),
            "receipts": list(Receipt.objects.restrict(request.user, "view").filter(invoice=invoice)),
            "can_line": request.user.has_perm("finance.add_invoiceline"),
            "can_receipt": request.user.has_perm("finance.add_receipt"),
        }
        return render(request, "finance/invoice_detail.html", context)


class RaiseForm(django_forms.Form):
    KINDS = [("schedule", "Months of the contract's payment schedule"), ("outcomes", "Validated outcomes")]

    contract = django_forms.ModelChoiceField(queryset=Contract.objects.none())
    kind = django_forms.ChoiceField(choices=KINDS, label="Invoice for", widget=django_forms.RadioSelect)
    period_start = django_forms.DateField(label="From", required=False, help_text="For the schedule: the first month.")
    period_end = django_forms.DateField(
        label="To", help_text="The last month of the schedule, or the last day of validation."
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contract: Any = self.fields["contract"]
        contract.queryset = Contract.objects.restrict(user, "view").order_by("reference")
        style_widgets(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "schedule" and not data.get("period_start"):
            self.add_error("period_start", "Give the first month to invoice.")
        return data


class RaiseInvoiceView(RecordView):
    """Raise an invoice to the commissioner from the contract's schedule or its validated outcomes."""

    def permission_actions(self) -> list[str]:
        return ["add"]

    def show(self, form: RaiseForm, status: int = 200) -> HttpResponse:
        context = self.base_context() | {"form": form}
        return render(self.request, "finance/invoice_raise.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        return self.show(
            RaiseForm(
                initial={"kind": "schedule", "period_start": today.replace(day=1), "period_end": today},
                user=request.user,
            )
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RaiseForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.show(form, 422)
        data = form.cleaned_data
        try:
            if data["kind"] == "schedule":
                invoice = invoices.raise_schedule_invoice(
                    data["contract"], data["period_start"], data["period_end"], request.user
                )
            else:
                invoice = invoices.raise_outcomes_invoice(data["contract"], data["period_end"], request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.show(form, 422)
        messages.success(request, f"Invoice {invoice} raised: {pounds(invoice.gross)} including VAT.")
        return HttpResponseRedirect(invoice.get_absolute_url())


class RefreshingDeleteView(ObjectDeleteView):
    """Delete a line or receipt, then bring its invoice's totals and status up to date."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        invoice = obj.invoice
        with transaction.atomic():
            response = super().post(request, pk)
            if response.status_code == 302:
                invoices.refresh_totals(invoice)
        return response


def with_refreshing_delete(record: type[RecordViews], patterns: list[URLPattern]) -> list[URLPattern]:
    name = f"{record.model._meta.model_name}_delete"
    return [
        path(str(p.pattern), RefreshingDeleteView.as_view(record=record), name=p.name) if p.name == name else p
        for p in patterns
    ]


@register
class InvoiceLineViews(RecordViews):
    model = InvoiceLine
    table = tables.InvoiceLineTable
    filterset = filtersets.InvoiceLineFilterSet
    form = forms.InvoiceLineForm
    detail_fields = ["invoice", "kind", "description", "amount", "month", "outcome_claim"]
    search_fields = ("description",)
    menu_group = None  # reached from its invoice
    url_slug = "invoice-lines"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return InvoiceLine.objects.select_related("invoice")

    @classmethod
    def after_save(cls, request: HttpRequest, obj: Any, created: bool) -> None:
        invoices.refresh_totals(obj.invoice)

    @classmethod
    def edit_blockers(cls, obj: Any) -> list[str]:
        return invoices.line_blockers(obj.invoice)

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        return invoices.line_blockers(obj.invoice)

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return with_refreshing_delete(cls, super().urls())


@register
class ReceiptViews(RecordViews):
    model = Receipt
    table = tables.ReceiptTable
    filterset = filtersets.ReceiptFilterSet
    form = forms.ReceiptForm
    search_fields = ("reference", "invoice__number")
    menu_group = MENU
    menu_order = 50

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Receipt.objects.select_related("invoice")

    @classmethod
    def after_save(cls, request: HttpRequest, obj: Any, created: bool) -> None:
        invoices.settle(obj.invoice, request.user)

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return with_refreshing_delete(cls, super().urls())


urlpatterns: list[URLPattern] = [*InvoiceViews.urls(), *InvoiceLineViews.urls(), *ReceiptViews.urls()]
