"""Invoices to commissioners and the receipts that pay them.

An invoice's net is the sum of its lines; its VAT is the net at the rate of the contract's
treatment (standard 20%, reduced 5%; zero-rated, exempt and outside the scope 0%), rounded to
the penny half up; its total is net plus VAT. It is due the contract's payment terms (days)
after it is issued. Receipts against it mark it paid once they cover its total.

Invoices are raised from the contract's payment schedule (its value spread evenly over its
months, as for members: `services.schedule`) or from its validated outcomes at their KPI's
price. A month of the schedule is invoiced once and each outcome once (database constraints,
and the services leave out what is already invoiced). Once an invoice is paid, the member payments
for the work it bills get the date the commissioner paid (`commissioner_paid`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from consortia.contracts.choices import VatTreatment
from consortia.contracts.models import Contract
from consortia.finance.choices import InvoiceStatus, LineKind
from consortia.finance.models import Invoice, InvoiceLine, Receipt
from consortia.finance.services.commissioner_paid import fill_commissioner_paid, payments_for_invoice
from consortia.finance.services.fees import to_penny
from consortia.finance.services.schedule import instalment, months_in

VAT_RATES = {
    VatTreatment.STANDARD: Decimal(20),
    VatTreatment.REDUCED: Decimal(5),
    VatTreatment.ZERO: Decimal(0),
    VatTreatment.EXEMPT: Decimal(0),
    VatTreatment.OUTSIDE: Decimal(0),
}


def vat_on(net: Decimal, treatment: str) -> Decimal:
    return to_penny(net * VAT_RATES.get(VatTreatment(treatment), Decimal(0)) / 100)


def next_number(on: date | None = None) -> str:
    """The next invoice number of the year: INV-2026-0001, INV-2026-0002, …"""
    year = (on or timezone.localdate()).year
    prefix = f"INV-{year}-"
    taken = Invoice.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    highest = max((int(number[len(prefix) :]) for number in taken if number[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{highest + 1:04d}"


@transaction.atomic
def refresh_totals(invoice: Invoice) -> Invoice:
    """Net, VAT and total from the invoice's lines and its contract's VAT treatment."""
    locked = Invoice.objects.select_for_update().select_related("contract").order_by().get(pk=invoice.pk)
    net = locked.lines.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    locked.net = net
    locked.vat = vat_on(net, locked.contract.vat)
    locked.gross = net + locked.vat
    locked.save(update_fields=["net", "vat", "gross", "due_on", "updated"])
    _settle(locked)
    invoice.refresh_from_db()
    return invoice


def _settle(invoice: Invoice, user: Any = None) -> None:
    received = invoice.receipts.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    status = InvoiceStatus.PAID if invoice.gross > 0 and received >= invoice.gross else InvoiceStatus.SENT
    if status != invoice.status:
        invoice.status = status
        invoice.save(update_fields=["status", "updated"])
    if status == InvoiceStatus.PAID:
        # The members' payments for the work it bills now know when the commissioner paid.
        fill_commissioner_paid(payments_for_invoice(invoice.pk), user)


def line_blockers(invoice: Invoice) -> list[str]:
    if invoice.receipts.exists():
        return [f"Invoice {invoice} has been paid in part or whole; its lines are kept as they were sent."]
    return []


@transaction.atomic
def raise_schedule_invoice(
    contract: Contract, period_start: date, period_end: date, user: Any, issued_on: date | None = None
) -> Invoice:
    """An invoice for the months of the contract's schedule in the period not yet invoiced."""
    taken = set(InvoiceLine.objects.filter(contract=contract, kind=LineKind.BLOCK).values_list("month", flat=True))
    months = [
        month
        for month in months_in(period_start, period_end, contract.start_date, contract.end_date)
        if month not in taken
    ]
    if not months:
        raise ValidationError(f"Every month of {contract.reference}'s schedule in this period is already invoiced.")
    invoice = _new_invoice(contract, user, issued_on)
    InvoiceLine.objects.bulk_create(
        [
            InvoiceLine(
                invoice=invoice,
                contract=contract,
                kind=LineKind.BLOCK,
                month=month,
                amount=instalment(contract.value, contract.start_date, contract.end_date, month),
                description=f"{contract.reference}: services for {month:%B %Y}",
                created_by=invoice.created_by,
                updated_by=invoice.created_by,
            )
            for month in months
        ]
    )
    return refresh_totals(invoice)


@transaction.atomic
def raise_outcomes_invoice(contract: Contract, up_to: date, user: Any, issued_on: date | None = None) -> Invoice:
    """An invoice for the contract's validated outcomes (validated by `up_to`) not yet invoiced."""
    # Invoiced whether or not the member has been paid for them yet.
    from consortia.performance.choices import ReturnStatus
    from consortia.performance.models import OutcomeClaim

    claims = list(
        OutcomeClaim.objects.filter(
            contract=contract,
            monitoring_return__status=ReturnStatus.VALIDATED,
            monitoring_return__validated_at__date__lte=up_to,
            kpi__outcome_price__isnull=False,
            invoice_line__isnull=True,
        )
        .select_related("kpi")
        .order_by("achieved_on", "pk")
    )
    if not claims:
        raise ValidationError(f"{contract.reference} has no validated outcomes waiting to be invoiced.")
    invoice = _new_invoice(contract, user, issued_on)
    InvoiceLine.objects.bulk_create(
        [
            InvoiceLine(
                invoice=invoice,
                contract=contract,
                kind=LineKind.OUTCOME,
                outcome_claim=claim,
                amount=claim.kpi.outcome_price,
                description=f"{claim.kpi.name}: client {claim.client_reference}, achieved {claim.achieved_on:%d/%m/%Y}",
                created_by=invoice.created_by,
                updated_by=invoice.created_by,
            )
            for claim in claims
        ]
    )
    return refresh_totals(invoice)


def _new_invoice(contract: Contract, user: Any, issued_on: date | None = None) -> Invoice:
    day = issued_on or timezone.localdate()
    invoice = Invoice(contract=contract, number=next_number(day), issued_on=day)
    invoice.stamp(user)
    invoice.save()
    return invoice


@transaction.atomic
def record_receipt(invoice: Invoice, received_on: date, amount: Decimal, user: Any, reference: str = "") -> Receipt:
    """Record money received against an invoice; the invoice is paid once its total is covered."""
    locked = Invoice.objects.select_for_update().order_by().get(pk=invoice.pk)
    receipt = Receipt(invoice=locked, received_on=received_on, amount=amount, reference=reference)
    receipt.full_clean()
    receipt.stamp(user)
    receipt.save()
    _settle(locked, user)
    return receipt


@transaction.atomic
def settle(invoice: Invoice, user: Any = None) -> None:
    """Mark the invoice paid or sent by what has been received (after a receipt is changed or deleted)."""
    _settle(Invoice.objects.select_for_update().order_by().get(pk=invoice.pk), user)
