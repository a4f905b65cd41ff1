"""Factories for performance: a contract with members' subcontracts, KPIs, periods and returns.

Contracts and subcontracts are made directly (the contracts app's rules, such as eligibility,
are its own tests' business).
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from consortia.contracts.choices import PaymentModel, SubcontractStatus
from consortia.contracts.models import Contract, Subcontract
from consortia.directory.models import Organisation
from consortia.performance.choices import Direction, Frequency, ReturnStatus, Unit
from consortia.performance.models import KPI, MonitoringReturn, ReturnPeriod

_numbers = itertools.count(1)


def contract(commissioner: Organisation, **fields: Any) -> Contract:
    number = next(_numbers)
    fields.setdefault("reference", f"PERF-{number:04d}")
    fields.setdefault("title", f"Community wellbeing service {number}")
    fields.setdefault("start_date", date(2026, 4, 1))
    fields.setdefault("end_date", date(2027, 3, 31))
    fields.setdefault("original_value", Decimal("120000.00"))
    fields.setdefault("payment_model", PaymentModel.MIXED)
    return Contract.objects.create(commissioner=commissioner, **fields)


def subcontract(of: Contract, organisation: Organisation, share: str = "50", **fields: Any) -> Subcontract:
    fields.setdefault("status", SubcontractStatus.SIGNED)
    fields.setdefault("scope", "Wellbeing support for adults in the area.")
    fields.setdefault("value", Decimal("60000.00"))
    fields.setdefault("start_date", of.start_date)
    fields.setdefault("end_date", of.end_date)
    return Subcontract.objects.create(contract=of, organisation=organisation, share=Decimal(share), **fields)


def kpi(of: Contract, name: str = "Clients supported", **fields: Any) -> KPI:
    fields.setdefault("unit", Unit.NUMBER)
    fields.setdefault("target", Decimal(100))
    fields.setdefault("direction", Direction.HIGHER)
    fields.setdefault("frequency", Frequency.QUARTERLY)
    return KPI.objects.create(contract=of, name=name, **fields)


def period(
    of: Contract, starts_on: date = date(2026, 4, 1), ends_on: date = date(2026, 6, 30), **fields: Any
) -> ReturnPeriod:
    fields.setdefault("label", f"{starts_on:%B} to {ends_on:%B %Y}")
    fields.setdefault("opens_on", ends_on.replace(day=max(1, ends_on.day - 6)))
    fields.setdefault("due_on", date(ends_on.year + (ends_on.month == 12), ends_on.month % 12 + 1, 14))
    return ReturnPeriod.objects.create(contract=of, starts_on=starts_on, ends_on=ends_on, **fields)


def monitoring_return(
    sub: Subcontract, in_period: ReturnPeriod, status: str = ReturnStatus.DUE, **fields: Any
) -> MonitoringReturn:
    return MonitoringReturn.objects.create(subcontract=sub, period=in_period, status=status, **fields)


def setting(commissioner: Organisation, *members: Organisation) -> dict[str, Any]:
    """A contract with a subcontract per member (shares split evenly), one KPI and one period."""
    made = contract(commissioner)
    share = str(Decimal(100) / len(members)) if members else "0"
    subs = [subcontract(made, member, share) for member in members]
    return {"contract": made, "subcontracts": subs, "kpi": kpi(made), "period": period(made)}
