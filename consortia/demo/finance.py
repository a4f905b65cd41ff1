"""The demo's finance, on the contracts of `consortia.demo.contracts` and the returns of `.performance`.

- Fee rules: the social prescribing contract's 7.5% top-slice; the young carers contract's fee in
  bands (8% of the first £5,000 of a payment, 5% above).
- A paid payment run for the month before last: every member's block payment and the outcomes
  validated by then, less the top-slice, approved by the finance officer; the commissioner paid
  the hub on the 10th of the next month and the members were paid 12 days later (within 30).
- A draft run for last month, waiting for approval.
- Invoices to the commissioners: the social prescribing schedule for both months (the first
  paid, by a receipt on the day the commissioner paid), and an invoice for its validated outcomes.
- The budget for this financial year, with lines counted from the records and lines entered.

Made only where missing (fee rules by contract, runs by period, invoices by contract and month,
the budget by year): running it again changes nothing.
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from consortia.contracts.models import Contract
from consortia.core.dates import month_start
from consortia.demo.contracts import AWARDED_REFERENCE, BY_HAND_REFERENCE, TOP_SLICE
from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.finance.choices import CostLine, Direction, FeeKind, LineKind, RunStatus
from consortia.finance.models import Budget, BudgetLine, FeeRule, FeeTier, InvoiceLine, PaymentRun
from consortia.finance.services import invoices, runs
from consortia.users.models import User

# cost line, direction, budgeted, actual entered (None: counted from the records), description
BUDGET_LINES = (
    (CostLine.MANAGEMENT_FEE, Direction.INCOME, "36000.00", None, ""),
    (CostLine.GRANTS, Direction.INCOME, "25000.00", "25000.00", "Lancashire Community Foundation development grant"),
    (CostLine.CONTRACT_INCOME, Direction.INCOME, "300000.00", None, ""),
    (CostLine.MEMBER_PAYMENTS, Direction.EXPENSE, "265000.00", None, ""),
    (CostLine.STAFF_RECHARGES, Direction.EXPENSE, "12000.00", None, ""),
    (CostLine.STAFF, Direction.EXPENSE, "38000.00", "17250.00", "Hub manager (0.8 FTE)"),
    (CostLine.PREMISES, Direction.EXPENSE, "4200.00", "2100.00", "Desk space at the CVS"),
)


def _user(name: str) -> User:
    user = User.objects.filter(email=f"{name}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {name}@{DEMO_DOMAIN} is missing; load the personas first.")
    return user


def _month_end(month: date) -> date:
    return month_start(month, 1) - timedelta(days=1)


@transaction.atomic
def load() -> None:
    finance = _user("finance")
    by_hand = Contract.objects.filter(reference=BY_HAND_REFERENCE).first()
    if by_hand is None:
        raise DemoDataError(f"The contract {BY_HAND_REFERENCE} is missing; load the contracts first.")
    awarded = Contract.objects.filter(reference=AWARDED_REFERENCE).first()
    _fee_rules(by_hand, awarded)

    this_month = month_start(timezone.localdate())
    paid_month, draft_month = month_start(this_month, -2), month_start(this_month, -1)
    commissioner_paid = month_start(paid_month, 1) + timedelta(days=9)  # the 10th of last month
    members_paid = commissioner_paid + timedelta(days=12)
    _paid_run(paid_month, finance, commissioner_paid, members_paid)
    _draft_run(draft_month, finance)
    _invoices(by_hand, paid_month, draft_month, finance, commissioner_paid)
    _budget(this_month)


def _fee_rules(by_hand: Contract, awarded: Contract | None) -> None:
    if not FeeRule.objects.filter(contract=by_hand).exists():
        rule = FeeRule(contract=by_hand, kind=FeeKind.PERCENT, percentage=TOP_SLICE, notes="Agreed in the bid.")
        rule.full_clean()
        rule.save()
    if awarded is not None and not FeeRule.objects.filter(contract=awarded).exists():
        rule = FeeRule.objects.create(
            contract=awarded, kind=FeeKind.TIERED, notes="Lower on the larger payments, as agreed with the partners."
        )
        FeeTier.objects.create(rule=rule, up_to=Decimal("5000.00"), percentage=Decimal(8))
        FeeTier.objects.create(rule=rule, up_to=None, percentage=Decimal(5))


def _paid_run(month: date, finance: User, commissioner_paid: date, members_paid: date) -> None:
    if PaymentRun.objects.filter(period_start=month).exists():
        return
    try:
        run = runs.build_payment_run(month, _month_end(month), finance, "The monthly run.")
        runs.approve_run(run, finance)
        runs.record_commissioner_paid(list(run.payments.all()), commissioner_paid, finance)
        if run.payments.exists():
            runs.record_run_paid(run, members_paid, finance)
    except ValidationError as error:
        raise DemoDataError(f"The demo's paid payment run failed: {' '.join(error.messages)}") from error


def _draft_run(month: date, finance: User) -> None:
    if PaymentRun.objects.filter(period_start=month).exists():
        return
    try:
        runs.build_payment_run(month, _month_end(month), finance, "Waiting for the finance officer's approval.")
    except ValidationError as error:
        raise DemoDataError(f"The demo's draft payment run failed: {' '.join(error.messages)}") from error


def _invoices(contract: Contract, paid_month: date, draft_month: date, finance: User, received: date) -> None:
    invoiced = set(InvoiceLine.objects.filter(contract=contract, kind=LineKind.BLOCK).values_list("month", flat=True))
    for month in (paid_month, draft_month):
        if month in invoiced or not contract.start_date <= month <= contract.end_date:
            continue
        invoice = invoices.raise_schedule_invoice(contract, month, _month_end(month), finance, _month_end(month))
        if month == paid_month:
            invoices.record_receipt(invoice, received, invoice.gross, finance, "ICB remittance")
    if not InvoiceLine.objects.filter(contract=contract, kind=LineKind.OUTCOME).exists():
        with contextlib.suppress(ValidationError):  # none validated yet in this demo's dates
            invoices.raise_outcomes_invoice(contract, _month_end(paid_month), finance, _month_end(paid_month))


def _budget(this_month: date) -> None:
    year = this_month.year if this_month.month >= 4 else this_month.year - 1
    budget, _ = Budget.objects.get_or_create(year=year, defaults={"notes": "Agreed by the board in March."})
    have = set(BudgetLine.objects.filter(budget=budget).values_list("cost_line", "description"))
    for cost_line, direction, amount, actual, description in BUDGET_LINES:
        if (cost_line, description) in have:
            continue
        line = BudgetLine(
            budget=budget,
            cost_line=cost_line,
            direction=direction,
            amount=Decimal(amount),
            actual_entered=Decimal(actual) if actual else None,
            description=description,
        )
        line.full_clean()
        line.save()


def summary() -> str:
    paid = PaymentRun.objects.filter(status=RunStatus.PAID).count()
    draft = PaymentRun.objects.filter(status=RunStatus.DRAFT).count()
    return (
        f"Finance: {FeeRule.objects.count()} fee rules, {paid} paid and {draft} draft payment runs, "
        f"{InvoiceLine.objects.values('invoice').distinct().count()} invoices, {Budget.objects.count()} budget."
    )
