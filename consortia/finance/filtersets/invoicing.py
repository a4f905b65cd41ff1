"""Filters of invoices and receipts."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from consortia.core.filtersets import BaseFilterSet
from consortia.finance.choices import InvoiceStatus
from consortia.finance.models import Invoice, InvoiceLine, Receipt


class InvoiceFilterSet(BaseFilterSet):
    search_fields = ("number", "contract__reference", "notes")
    status = django_filters.ChoiceFilter(choices=InvoiceStatus.choices, empty_label="Any")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue")
    contract = django_filters.NumberFilter(field_name="contract_id", label="Contract")

    class Meta:
        model = Invoice
        fields = ["q", "status", "overdue", "contract"]

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        overdue = {"status": InvoiceStatus.SENT, "due_on__lt": timezone.localdate()}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


class InvoiceLineFilterSet(BaseFilterSet):
    search_fields = ("description",)
    invoice = django_filters.NumberFilter(field_name="invoice_id", label="Invoice")

    class Meta:
        model = InvoiceLine
        fields = ["q", "invoice"]


class ReceiptFilterSet(BaseFilterSet):
    search_fields = ("reference", "invoice__number")
    invoice = django_filters.NumberFilter(field_name="invoice_id", label="Invoice")

    class Meta:
        model = Receipt
        fields = ["q", "invoice"]
