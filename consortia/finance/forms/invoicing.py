"""Forms of invoices to commissioners and receipts."""

from __future__ import annotations

from typing import Any

from consortia.core.forms import BaseModelForm
from consortia.finance.models import Invoice, InvoiceLine, Receipt


class InvoiceForm(BaseModelForm):
    class Meta:
        model = Invoice
        fields = ["contract", "number", "issued_on", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            from consortia.finance.services.invoices import next_number

            self.fields["number"].initial = next_number  # called only when the field is drawn


class InvoiceLineForm(BaseModelForm):
    class Meta:
        model = InvoiceLine
        fields = ["invoice", "description", "amount"]


class ReceiptForm(BaseModelForm):
    class Meta:
        model = Receipt
        fields = ["invoice", "received_on", "amount", "reference"]
