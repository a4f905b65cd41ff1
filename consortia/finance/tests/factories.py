"""Factories for finance: contracts and signed subcontracts, fee rules, validated outcomes, runs, invoices.

Contracts and subcontracts are made directly (eligibility is the contracts app's business).
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from consortia.contracts.choices import PaymentModel, SubcontractStatus
from consortia.contracts.models import Contract, Subcontract
from consortia.directory.models import Organisation
from consortia.finance.choices import FeeKind
from consortia.finance.models import FeeRule, FeeTier, Invoice, InvoiceLine, PaymentRun
from consortia.finance.services.runs import build_payment_run
from consortia.performance.choices import ReturnStatus
from consortia.performance.models import KPI, MonitoringReturn, OutcomeClaim
from consortia.performance.tests import factories as performance

_numbers = itertools.count(1)
START = date(2026, 4, 1)
END = date(2027, 3, 31)


def contract(commissioner: Organisation, **fields: Any) -> Contract:
    number = next(_numbers)
    fields.setdefault("reference", f"FIN-{number:04d}")
    fields.setdefault("title", f"Advice and wellbeing service {number}")
    fields.setdefault("start_date", START)
    fields.setdefault("end_date", END)
    fields.setdefault("original_value", Decimal("240000.00"))
    fields.setdefault("payment_model", PaymentModel.BLOCK)
    return Contract.objects.create(commissioner=commissioner, **fields)


def subcontract(of: Contract, organisation: Organisation, value: str = "120000.00", **fields: Any) -> Subcontract:
    fields.setdefault("status", SubcontractStatus.SIGNED)
    fields.setdefault("signed_on", of.start_date)
    fields.setdefault("data_processing_agreed_on", of.start_date)
    fields.setdefault("scope", "Advice sessions in the district.")
    fields.setdefault("start_date", of.start_date)
    fields.setdefault("end_date", of.end_date)
    fields.setdefault("payment_model", PaymentModel.BLOCK)
    return Subcontract.objects.create(contract=of, organisation=organisation, value=Decimal(value), **fields)


def percent_fee(on: Contract | Subcontract, percentage: str = "7.5") -> FeeRule:
    if isinstance(on, Subcontract):
        return FeeRule.objects.create(kind=FeeKind.PERCENT, percentage=Decimal(percentage), subcontract=on)
    return FeeRule.objects.create(kind=FeeKind.PERCENT, percentage=Decimal(percentage), contract=on)


def tiered_fee(on: Contract, bands: list[tuple[str | None, str]]) -> FeeRule:
    rule = FeeRule.objects.create(kind=FeeKind.TIERED, contract=on)
    for up_to, percentage in bands:
        FeeTier.objects.create(rule=rule, up_to=Decimal(up_to) if up_to else None, percentage=Decimal(percentage))
    return rule


def outcome_kpi(of: Contract, price: str = "325.50", name: str = "Into sustained work") -> KPI:
    return performance.kpi(of, name, outcome_price=Decimal(price))


def validated_outcomes(
    sub: Subcontract, kpi: KPI, count: int, validated: date = date(2026, 7, 10), prefix: str = "C"
) -> list[OutcomeClaim]:
    """A validated return (in a new quarter of the contract) with `count` outcome claims."""
    from consortia.core.dates import month_start

    taken = MonitoringReturn.objects.filter(subcontract=sub).count()
    starts = month_start(sub.contract.start_date.replace(day=1), 3 * taken)
    ends = month_start(starts, 3) - timedelta(days=1)
    period = sub.contract.return_periods.filter(starts_on=starts).first() or performance.period(
        sub.contract, starts, ends
    )
    moment = timezone.make_aware(datetime.combine(validated, time(12)))
    made = MonitoringReturn.objects.create(
        subcontract=sub, period=period, status=ReturnStatus.VALIDATED, validated_at=moment
    )
    return [
        OutcomeClaim.objects.create(
            monitoring_return=made, kpi=kpi, client_reference=f"{prefix}{next(_numbers):05d}", achieved_on=starts
        )
        for _ in range(count)
    ]


def run(user: Any, start: date = date(2026, 6, 1), end: date = date(2026, 6, 30)) -> PaymentRun:
    return build_payment_run(start, end, user)


def invoice(of: Contract, amount: str = "1000.00", **fields: Any) -> Invoice:
    from consortia.finance.services.invoices import next_number, refresh_totals

    fields.setdefault("number", next_number())
    fields.setdefault("issued_on", date(2026, 6, 30))
    made = Invoice.objects.create(contract=of, **fields)
    InvoiceLine.objects.create(invoice=made, description=f"Services for {made.number}", amount=Decimal(amount))
    return refresh_totals(made)
