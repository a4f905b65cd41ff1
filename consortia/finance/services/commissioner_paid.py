"""When the commissioner paid for a member's work, read from the invoices and their receipts.

The 30-day rule runs from the day the commissioner paid the hub for the work a member payment
covers. A payment line is matched to the invoice line for the same work: a block payment's
month of the same contract, or the same outcome claim. A payment's commissioner-paid date is
filled once every one of its lines is on an invoice that is paid, as the latest of those
invoices' last receipts (until then the commissioner has not paid for all of it). A date
already recorded by hand is never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Max, Q

from consortia.finance.choices import InvoiceStatus, LineKind
from consortia.finance.models import InvoiceLine, MemberPayment, PaymentLine, Receipt


def payments_for_invoice(invoice_id: int) -> list[int]:
    """The member payments holding work that this invoice bills."""
    billed = InvoiceLine.objects.filter(invoice_id=invoice_id).values_list(
        "kind", "contract_id", "month", "outcome_claim_id"
    )
    months = Q(pk__in=[])
    claims = []
    for kind, contract_id, month, claim_id in billed:
        if kind == LineKind.BLOCK and month is not None:
            months |= Q(kind=LineKind.BLOCK, subcontract__contract_id=contract_id, month=month)
        elif claim_id is not None:
            claims.append(claim_id)
    return list(
        PaymentLine.objects.filter(months | Q(outcome_claim_id__in=claims))
        .order_by()
        .values_list("payment_id", flat=True)
        .distinct()
    )


def fill_commissioner_paid(payment_ids: Iterable[int], user: Any = None) -> int:
    """Fill the commissioner-paid date of these payments where their invoices are all paid; returns how many."""
    waiting = list(
        MemberPayment.objects.filter(pk__in=list(payment_ids), commissioner_paid_on__isnull=True).order_by("pk")
    )
    if not waiting:
        return 0
    lines = list(
        PaymentLine.objects.filter(payment__in=waiting)
        .order_by()
        .values_list("payment_id", "kind", "subcontract__contract_id", "month", "outcome_claim_id")
    )
    contracts = {contract for _, _, contract, _, _ in lines}
    claims = [claim for *_, claim in lines if claim is not None]
    billed = InvoiceLine.objects.filter(
        Q(kind=LineKind.BLOCK, contract_id__in=contracts) | Q(outcome_claim_id__in=claims),
        invoice__status=InvoiceStatus.PAID,
    ).values_list("invoice_id", "kind", "contract_id", "month", "outcome_claim_id")
    invoice_of_month: dict[tuple[int, date], int] = {}
    invoice_of_claim: dict[int, int] = {}
    for invoice_id, kind, contract_id, month, claim_id in billed:
        if kind == LineKind.BLOCK and month is not None:
            invoice_of_month[(contract_id, month)] = invoice_id
        elif claim_id is not None:
            invoice_of_claim[claim_id] = invoice_id
    paid_on = dict(
        Receipt.objects.filter(invoice_id__in={*invoice_of_month.values(), *invoice_of_claim.values()})
        .order_by()
        .values("invoice_id")
        .annotate(last=Max("received_on"))
        .values_list("invoice_id", "last")
    )

    latest: dict[int, date] = {}
    unpaid: set[int] = set()
    for payment_id, kind, contract_id, month, claim_id in lines:
        if kind == LineKind.BLOCK:
            invoice_id = invoice_of_month.get((contract_id, month))
        else:
            invoice_id = invoice_of_claim.get(claim_id)
        day = paid_on.get(invoice_id) if invoice_id is not None else None
        if day is None:
            unpaid.add(payment_id)  # some of its work is not paid for yet
        elif payment_id not in latest or day > latest[payment_id]:
            latest[payment_id] = day
    filled = 0
    for payment in waiting:
        day = latest.get(payment.pk)
        if day is None or payment.pk in unpaid:
            continue
        payment.commissioner_paid_on = day
        payment.stamp(user)
        payment.save(update_fields=["commissioner_paid_on", "updated", "updated_by"])
        filled += 1
    return filled
