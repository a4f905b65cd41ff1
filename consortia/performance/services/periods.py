"""Return periods from a contract's KPIs, their returns, and KPIs passed down to the members."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from consortia.contracts.choices import SubcontractStatus
from consortia.contracts.models import Contract, Subcontract
from consortia.core.dates import add_months
from consortia.core.workdays import add_working_days
from consortia.performance.choices import ADDITIVE_UNITS, MONTHS
from consortia.performance.models import KPI, MonitoringReturn, ReturnPeriod, SubcontractKPI

OPENS_DAYS_BEFORE_END = 6  # members may submit from the last week of the period
DUE_WORKING_DAYS = 10  # and must by ten working days after it ends


def period_label(starts_on: date, ends_on: date) -> str:
    """ "April 2027", "April to June 2027", "December 2026 to February 2027", or the dates."""
    whole_months = starts_on.day == 1 and ends_on == date(
        ends_on.year, ends_on.month, calendar.monthrange(ends_on.year, ends_on.month)[1]
    )
    if not whole_months:
        return f"{starts_on:%d/%m/%Y} to {ends_on:%d/%m/%Y}"
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        return f"{starts_on:%B %Y}"
    if starts_on.year == ends_on.year:
        return f"{starts_on:%B} to {ends_on:%B %Y}"
    return f"{starts_on:%B %Y} to {ends_on:%B %Y}"


def period_months(kpis: list[KPI]) -> int:
    """The length of a contract's periods: that of its most frequent KPI (a year when it has none)."""
    return min((MONTHS[kpi.frequency] for kpi in kpis), default=12)  # type: ignore[index]


def kpis_due(kpis: list[KPI], period: ReturnPeriod, contract: Contract) -> list[KPI]:
    """The KPIs reported in `period`: each at the end of its own cycle counted from the contract's
    start (a quarterly KPI in every third monthly return), and every KPI in the last period."""
    after = period.ends_on + timedelta(days=1)
    months = (after.year - contract.start_date.year) * 12 + after.month - contract.start_date.month
    last = period.ends_on >= contract.end_date
    return [kpi for kpi in kpis if last or months % MONTHS[kpi.frequency] == 0]  # type: ignore[index]


@dataclass
class Generated:
    periods: int
    returns: int


@transaction.atomic
def generate_periods(contract: Contract, user: Any = None) -> Generated:
    """The contract's return periods over its dates, at its most frequent KPI's length, and a due
    return for every signed subcontract in each period it runs in. Running it again adds only
    what is missing."""
    kpis = list(contract.kpis.all())
    if not kpis:
        return Generated(0, 0)
    step = period_months(kpis)
    existing = {period.starts_on: period for period in contract.return_periods.all()}
    periods: list[ReturnPeriod] = []
    made_periods = 0
    start = contract.start_date
    while start <= contract.end_date:
        end = min(add_months(start, step) - timedelta(days=1), contract.end_date)
        period = existing.get(start)
        if period is None:
            period = ReturnPeriod(
                contract=contract,
                label=period_label(start, end),
                starts_on=start,
                ends_on=end,
                opens_on=max(start, end - timedelta(days=OPENS_DAYS_BEFORE_END)),
                due_on=add_working_days(end, DUE_WORKING_DAYS),
            )
            period.stamp(user)
            period.save()
            made_periods += 1
        periods.append(period)
        start = end + timedelta(days=1)
    made_returns = 0
    signed = list(contract.subcontracts.filter(status=SubcontractStatus.SIGNED))
    have = set(
        MonitoringReturn.objects.filter(subcontract__contract=contract).values_list("subcontract_id", "period_id")
    )
    for subcontract in signed:
        for period in periods:
            if (subcontract.pk, period.pk) in have:
                continue
            if period.ends_on < subcontract.start_date or period.starts_on > subcontract.end_date:
                continue
            monitoring_return = MonitoringReturn(subcontract=subcontract, period=period)
            monitoring_return.stamp(user)
            monitoring_return.save()
            made_returns += 1
    return Generated(made_periods, made_returns)


def member_target(kpi: KPI, subcontract: Subcontract) -> Decimal:
    """The member's part of a KPI's target: their share of a count or an amount; the contract's
    own target for a rate (a percentage, days, yes/no), which every member must meet."""
    if kpi.unit in ADDITIVE_UNITS:
        return (kpi.target * subcontract.share / Decimal(100)).quantize(Decimal("0.01"))
    return kpi.target


@transaction.atomic
def pass_down_kpis(contract: Contract, user: Any = None) -> tuple[int, int]:
    """Each KPI of the contract passed down to each of its subcontracts not ended, with the member's
    target (`member_target`). Returns (added, updated); targets already right are left alone."""
    kpis = list(contract.kpis.all())
    subcontracts = list(contract.subcontracts.exclude(status=SubcontractStatus.ENDED))
    stored = {(row.subcontract_id, row.kpi_id): row for row in SubcontractKPI.objects.filter(kpi__contract=contract)}
    added = updated = 0
    for subcontract in subcontracts:
        for kpi in kpis:
            target = member_target(kpi, subcontract)
            row = stored.get((subcontract.pk, kpi.pk))
            if row is None:
                row = SubcontractKPI(subcontract=subcontract, kpi=kpi, target=target)
                added += 1
            elif row.target != target:
                row.target = target
                updated += 1
            else:
                continue
            row.stamp(user)
            row.save()
    return added, updated
