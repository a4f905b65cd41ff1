"""Lists of invoices to commissioners and receipts."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html

from consortia.core.tables import BaseTable, MoneyColumn
from consortia.finance.models import Invoice, InvoiceLine, Receipt


class InvoiceTable(BaseTable):
    number = tables.Column(linkify=True)
    contract = tables.Column(accessor="contract__reference", verbose_name="Contract")
    commissioner = tables.Column(accessor="contract__commissioner", verbose_name="Commissioner")
    issued_on = tables.DateColumn(format="d/m/Y", verbose_name="Issued")
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due")
    net = MoneyColumn()
    vat = MoneyColumn(verbose_name="VAT")
    gross = MoneyColumn(verbose_name="Total")
    status = tables.Column(empty_values=())

    class Meta(BaseTable.Meta):
        model = Invoice
        fields = ("number", "contract", "commissioner", "issued_on", "due_on", "net", "vat", "gross", "status")

    def render_status(self, record: Invoice) -> str:
        return record.state

    def value_status(self, record: Invoice) -> str:
        return record.state


class InvoiceLineTable(BaseTable):
    description = tables.Column(linkify=True)
    invoice = tables.Column(linkify=True)
    kind = tables.Column()
    amount = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = InvoiceLine
        fields = ("description", "invoice", "kind", "amount")


class ReceiptTable(BaseTable):
    heading = tables.Column(accessor="pk", verbose_name="Receipt", empty_values=(), order_by=("received_on",))
    invoice = tables.Column(linkify=True)
    received_on = tables.DateColumn(format="d/m/Y", verbose_name="Received")
    amount = MoneyColumn()
    reference = tables.Column(default="—")

    class Meta(BaseTable.Meta):
        model = Receipt
        fields = ("heading", "invoice", "received_on", "amount", "reference")

    def render_heading(self, record: Receipt) -> str:
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), str(record))  # type: ignore[return-value]
