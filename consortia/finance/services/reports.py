"""The finance reports: budget against actuals, the 12-month cash-flow forecast, the accounting export.

**Actuals** for a budget's financial year (1 April to 31 March), by cost line:

- contract income: receipts from commissioners received in the year (as received, VAT included);
- management fee income: the fees of payment runs approved or paid whose period ends in the year;
- payments to members: the net paid to members (by the day they were paid) in the year;
- shared-staff recharges: the recharges (People → Recharges) whose period ends in the year;
- any other line: the actual entered on the line.

The **cash-flow forecast** reads the schedules of live and mobilising contracts: each month of a
contract's schedule (its value spread evenly over its months) is expected from the commissioner
the month after the work (30-day terms); each member's block instalment (by its subcontract's
schedule) is paid to the member in the same month as the commissioner's money arrives, net of the
management fee, which is the hub's fee income. Outcome payments cannot be forecast from a
schedule and are left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone

from consortia.contracts.choices import ContractStatus, PaymentModel, SubcontractStatus
from consortia.contracts.models import Contract, Subcontract
from consortia.core.dates import month_start
from consortia.documents.builders import Built, ExcelWorkbook
from consortia.finance.choices import COUNTED_LINES, CostLine, Direction, RunStatus
from consortia.finance.models import Budget, BudgetLine, Invoice, MemberPayment, Receipt
from consortia.finance.services.fees import fees_by_subcontract
from consortia.finance.services.schedule import schedule

ZERO = Decimal("0.00")


# -- Budget against actuals --------------------------------------------------------------------


@dataclass
class BudgetRow:
    line: BudgetLine
    actual: Decimal | None

    @property
    def variance(self) -> Decimal | None:
        """Actual less budget for income, budget less actual for expenditure: negative is worse."""
        if self.actual is None:
            return None
        if self.line.direction == Direction.INCOME:
            return self.actual - self.line.amount
        return self.line.amount - self.actual


@dataclass
class BudgetReport:
    budget: Budget
    rows: list[BudgetRow]
    totals: dict[str, dict[str, Decimal]] = field(default_factory=dict)


def counted_actuals(start: date, end: date) -> dict[str, Decimal]:
    """{cost line: actual} for the lines counted from the records, between `start` and `end` (4 queries)."""
    from consortia.people.models import Recharge

    def total(rows: QuerySet, name: str) -> Decimal:
        return rows.aggregate(total=Sum(name))["total"] or ZERO

    return {
        CostLine.CONTRACT_INCOME: total(Receipt.objects.filter(received_on__range=(start, end)), "amount"),
        CostLine.MANAGEMENT_FEE: total(
            MemberPayment.objects.filter(
                run__status__in=(RunStatus.APPROVED, RunStatus.PAID), run__period_end__range=(start, end)
            ),
            "fee",
        ),
        CostLine.MEMBER_PAYMENTS: total(MemberPayment.objects.filter(member_paid_on__range=(start, end)), "net"),
        CostLine.STAFF_RECHARGES: total(Recharge.objects.filter(period_end__range=(start, end)), "amount"),
    }


def budget_report(budget: Budget) -> BudgetReport:
    counted = counted_actuals(budget.starts_on, budget.ends_on)
    rows = []
    totals = {direction: {"budget": ZERO, "actual": ZERO} for direction in Direction.values}
    for line in budget.lines.order_by("direction", "cost_line", "description", "pk"):
        actual = counted[line.cost_line] if line.cost_line in COUNTED_LINES else line.actual_entered
        rows.append(BudgetRow(line, actual))
        totals[line.direction]["budget"] += line.amount
        totals[line.direction]["actual"] += actual or ZERO
    return BudgetReport(budget, rows, totals)


# -- The cash-flow forecast --------------------------------------------------------------------


@dataclass
class ForecastMonth:
    month: date
    receipts: Decimal = ZERO
    to_members: Decimal = ZERO
    fee_income: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.receipts - self.to_members


def cash_flow_forecast(start: date | None = None, months: int = 12) -> list[ForecastMonth]:
    """Month by month from `start`'s month: expected receipts, payments to members, fee income (4 queries)."""
    first = month_start(start or timezone.localdate())
    forecast = {month_start(first, i): ForecastMonth(month_start(first, i)) for i in range(months)}
    last = month_start(first, months - 1)
    live = (ContractStatus.MOBILISING, ContractStatus.LIVE)
    # Work done in a month is paid for the month after, so the work starts a month earlier.
    work_from, work_to = month_start(first, -1), month_start(last, -1)
    for value, begins, ends in Contract.objects.filter(
        status__in=live, end_date__gte=work_from, start_date__lte=last
    ).values_list("value", "start_date", "end_date"):
        for month, amount in schedule(value, begins, ends):
            paid_in = month_start(month, 1)
            if work_from <= month <= work_to and paid_in in forecast:
                forecast[paid_in].receipts += amount
    subcontracts = list(
        Subcontract.objects.filter(
            contract__status__in=live,
            status__in=(SubcontractStatus.SIGNED, SubcontractStatus.DRAFT),
            payment_model__in=(PaymentModel.BLOCK, PaymentModel.MIXED),
            end_date__gte=work_from,
            start_date__lte=last,
        ).values_list("pk", "contract_id", "value", "start_date", "end_date")
    )
    fees = fees_by_subcontract([(pk, contract_id) for pk, contract_id, *_ in subcontracts])
    for pk, _contract, value, begins, ends in subcontracts:
        for month, amount in schedule(value, begins, ends):
            paid_in = month_start(month, 1)
            if work_from <= month <= work_to and paid_in in forecast:
                fee = fees[pk].on(amount)
                forecast[paid_in].to_members += amount - fee
                forecast[paid_in].fee_income += fee
    return list(forecast.values())


# -- The accounting export ---------------------------------------------------------------------

INVOICE_COLUMNS = [
    "Invoice number",
    "Issued",
    "Due",
    "Customer",
    "Contract reference",
    "Net",
    "VAT",
    "Gross",
    "VAT treatment",
    "Status",
]
RECEIPT_COLUMNS = ["Received", "Invoice number", "Customer", "Amount", "Reference"]
PAYMENT_COLUMNS = [
    "Remittance number",
    "Run from",
    "Run to",
    "Run status",
    "Member",
    "Contract reference",
    "Block payments",
    "Outcome payments",
    "Gross",
    "Management fee",
    "Net",
    "Commissioner paid",
    "Member paid",
    "Days to pay",
    "Within terms",
    "Payment reference",
]


def _between(rows: QuerySet, name: str, start: date | None, end: date | None) -> QuerySet:
    if start:
        rows = rows.filter(**{f"{name}__gte": start})
    if end:
        rows = rows.filter(**{f"{name}__lte": end})
    return rows


def invoice_rows(invoices: QuerySet, start: date | None = None, end: date | None = None) -> list[list[Any]]:
    rows = _between(invoices, "issued_on", start, end).select_related("contract__commissioner")
    return [
        [
            invoice.number,
            invoice.issued_on,
            invoice.due_on,
            invoice.contract.commissioner.name,
            invoice.contract.reference,
            invoice.net,
            invoice.vat,
            invoice.gross,
            invoice.contract.get_vat_display(),
            invoice.state,
        ]
        for invoice in rows.order_by("issued_on", "number")
    ]


def receipt_rows(receipts: QuerySet, start: date | None = None, end: date | None = None) -> list[list[Any]]:
    rows = _between(receipts, "received_on", start, end).select_related("invoice__contract__commissioner")
    return [
        [
            receipt.received_on,
            receipt.invoice.number,
            receipt.invoice.contract.commissioner.name,
            receipt.amount,
            receipt.reference,
        ]
        for receipt in rows.order_by("received_on", "pk")
    ]


def payment_rows(payments: QuerySet, start: date | None = None, end: date | None = None) -> list[list[Any]]:
    rows = payments.select_related("run", "organisation", "subcontract__contract")
    if start:
        rows = rows.filter(run__period_end__gte=start)
    if end:
        rows = rows.filter(run__period_start__lte=end)
    today = timezone.localdate()
    result = []
    for payment in rows.order_by("run__period_start", "remittance"):
        days = payment.days_to_pay(today)
        within = "" if days is None else ("No" if payment.over_terms(today) else "Yes")
        result.append(
            [
                payment.remittance,
                payment.run.period_start,
                payment.run.period_end,
                payment.run.get_status_display(),
                payment.organisation.name,
                payment.subcontract.contract.reference,
                payment.gross_block,
                payment.gross_outcomes,
                payment.gross,
                payment.fee,
                payment.net,
                payment.commissioner_paid_on,
                payment.member_paid_on,
                days,
                within,
                payment.reference,
            ]
        )
    return result


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # never a formula from user text


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the £ and accents), comma-separated, CRLF lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


EXPORTS = {
    "invoices": ("Invoices", INVOICE_COLUMNS, invoice_rows, Invoice, (5, 6, 7)),
    "receipts": ("Receipts", RECEIPT_COLUMNS, receipt_rows, Receipt, (3,)),
    "payments": ("Member payments", PAYMENT_COLUMNS, payment_rows, MemberPayment, (6, 7, 8, 9, 10)),
}


def accounting_workbook(user: Any, start: date | None, end: date | None) -> Built:
    """The three exports as sheets of one Excel workbook, each row the user may see."""
    book = ExcelWorkbook("Accounting export")
    for _key, (name, headers, rows, model, money) in EXPORTS.items():
        book.sheet(name, headers, rows(model.objects.restrict(user, "view"), start, end), money_columns=money)
    return book.build("accounting-export")
