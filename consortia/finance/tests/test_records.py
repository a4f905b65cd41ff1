"""The kit's generic tests for every record type of the finance app (pages and API)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from consortia.core.dates import month_start
from consortia.core.testing.api import RecordApiTests
from consortia.core.testing.views import EditableRecordTests, RecordViewTests
from consortia.directory.models import Organisation
from consortia.finance.choices import CostLine, Direction, FeeKind
from consortia.finance.models import (
    Budget,
    BudgetLine,
    FeeRule,
    FeeTier,
    Invoice,
    InvoiceLine,
    MemberPayment,
    PaymentLine,
    PaymentRun,
    Receipt,
)
from consortia.finance.services.runs import approve_run, build_payment_run
from consortia.finance.tests import factories
from consortia.finance.views.budgets import BudgetLineViews, BudgetViews
from consortia.finance.views.invoicing import InvoiceLineViews, InvoiceViews, ReceiptViews
from consortia.finance.views.payments import (
    FeeRuleViews,
    FeeTierViews,
    MemberPaymentViews,
    PaymentLineViews,
    PaymentRunViews,
)
from consortia.users.testing import Personas


def month(index: int) -> tuple[date, date]:
    first = month_start(date(2026, 1, 1), index)
    return first, month_start(first, 1) - timedelta(days=1)


def fee_rule(personas: Personas, index: int = 0) -> FeeRule:
    return factories.percent_fee(factories.contract(personas.org_c), str(Decimal(index % 50) / 10 + 1))


def fee_tier(personas: Personas, index: int = 0) -> FeeTier:
    rule = factories.tiered_fee(factories.contract(personas.org_c), [(f"{1000 + index}.00", "10")])
    return rule.tiers.get()


def run(personas: Personas, index: int = 0) -> PaymentRun:
    return build_payment_run(*month(index), personas.finance_officer)


def payment(personas: Personas, organisation: Organisation, index: int = 0) -> MemberPayment:
    """A payment to `organisation` in a run of its own month (its subcontract runs that month only)."""
    first, last = month(index)
    contract = factories.contract(personas.org_c, start_date=first, end_date=last, original_value=Decimal("5000"))
    factories.subcontract(contract, organisation, "3000.00")
    factories.percent_fee(contract)
    made = build_payment_run(first, last, personas.finance_officer)
    approve_run(made, personas.finance_officer)  # a member sees a payment once its run is approved
    return made.payments.get()


def invoice(personas: Personas, index: int = 0) -> Invoice:
    return factories.invoice(factories.contract(personas.org_c), f"{1000 + index}.00")


def blank_invoice(personas: Personas, number: str) -> Invoice:
    return Invoice.objects.filter(number=number).first() or Invoice.objects.create(
        contract=factories.contract(personas.org_c), number=number, issued_on=date(2026, 6, 30)
    )


class TestFeeRuleViews(EditableRecordTests):
    record = FeeRuleViews
    member_can_view = False
    # session, user, 2 × permissions, count, page (contract, subcontract's contract and member joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> FeeRule:
        return fee_rule(personas, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"contract": factories.contract(personas.org_c).pk, "kind": FeeKind.PERCENT, "percentage": "7.5"}


class TestFeeRuleApi(RecordApiTests):
    basename = "feerule"
    model = FeeRule
    member_can_view = False
    change = {"notes": "Agreed at the March board."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> FeeRule:
        return fee_rule(personas, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"contract": factories.contract(personas.org_c).pk, "kind": FeeKind.FLAT, "flat_amount": "25.00"}


class TestFeeTierViews(EditableRecordTests):
    record = FeeTierViews
    member_can_view = False
    concurrent_change = {"percentage": Decimal("9")}
    # session, user, 2 × permissions, count, page (the rule, its contract and subcontract joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> FeeTier:
        return fee_tier(personas, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        rule = factories.tiered_fee(factories.contract(personas.org_c), [])
        return {"rule": rule.pk, "up_to": "5000.00", "percentage": "10"}


class TestFeeTierApi(RecordApiTests):
    basename = "feetier"
    model = FeeTier
    member_can_view = False
    change = {"percentage": "8.000"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> FeeTier:
        return fee_tier(personas, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        rule = factories.tiered_fee(factories.contract(personas.org_c), [])
        return {"rule": rule.pk, "up_to": None, "percentage": "5"}


class TestPaymentRunViews(EditableRecordTests):
    record = PaymentRunViews
    member_can_view = False
    # session, user, 2 × permissions, count, page (approver joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PaymentRun:
        return run(personas, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"period_start": "01/01/2040", "period_end": "31/01/2040", "notes": "January's run."}


class TestPaymentRunApi(RecordApiTests):
    basename = "paymentrun"
    model = PaymentRun
    member_can_view = False
    change = {"notes": "Checked against the bank."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PaymentRun:
        return run(personas, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"period_start": "2040-01-01", "period_end": "2040-01-31"}


class TestMemberPaymentViews(RecordViewTests):
    record = MemberPaymentViews
    # session, user, 2 × permissions, count, page (run, member, subcontract and contract joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> MemberPayment:
        return payment(personas, organisation, index)


class TestMemberPaymentApi(RecordApiTests):
    basename = "memberpayment"
    model = MemberPayment
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> MemberPayment:
        return payment(personas, organisation, index)


class TestPaymentLineViews(RecordViewTests):
    record = PaymentLineViews
    # session, user, 2 × permissions, count, page (payment joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PaymentLine:
        return payment(personas, organisation, index).lines.get()


class TestPaymentLineApi(RecordApiTests):
    basename = "paymentline"
    model = PaymentLine
    writable = False

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> PaymentLine:
        return payment(personas, organisation, index).lines.get()


class TestInvoiceViews(EditableRecordTests):
    record = InvoiceViews
    member_can_view = False
    # session, user, 2 × permissions, count, page (contract and commissioner joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Invoice:
        return invoice(personas, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"contract": factories.contract(personas.org_c).pk, "number": "INV-2099-0001", "issued_on": "30/06/2026"}


class TestInvoiceApi(RecordApiTests):
    basename = "invoice"
    model = Invoice
    member_can_view = False
    change = {"notes": "Sent by e-mail to accounts payable."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Invoice:
        return invoice(personas, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"contract": factories.contract(personas.org_c).pk, "number": "INV-2099-0002", "issued_on": "2026-06-30"}


class TestInvoiceLineViews(EditableRecordTests):
    record = InvoiceLineViews
    member_can_view = False
    concurrent_change = {"amount": Decimal("5.00")}
    # session, user, 2 × permissions, count, page (invoice joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> InvoiceLine:
        return invoice(personas, index).lines.get()

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {
            "invoice": blank_invoice(personas, "INV-2099-0900").pk,
            "description": "Extra sessions in May",
            "amount": "450.00",
        }


class TestInvoiceLineApi(RecordApiTests):
    basename = "invoiceline"
    model = InvoiceLine
    member_can_view = False
    change = {"description": "Extra sessions in June"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> InvoiceLine:
        return invoice(personas, index).lines.get()

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"invoice": invoice(personas, 901).pk, "description": "Extra sessions in May", "amount": "450.00"}


def receipt(personas: Personas, index: int = 0) -> Receipt:
    made = invoice(personas, index)
    return Receipt.objects.create(invoice=made, received_on=date(2026, 7, 15), amount=Decimal(f"{100 + index}.00"))


class TestReceiptViews(EditableRecordTests):
    record = ReceiptViews
    member_can_view = False
    concurrent_change = {"reference": "Changed by someone else"}
    # session, user, 2 × permissions, count, page (invoice joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Receipt:
        return receipt(personas, index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"invoice": invoice(personas, 902).pk, "received_on": "15/07/2026", "amount": "1902.00"}


class TestReceiptApi(RecordApiTests):
    basename = "receipt"
    model = Receipt
    member_can_view = False
    change = {"reference": "BACS 20260715"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Receipt:
        return receipt(personas, index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"invoice": invoice(personas, 903).pk, "received_on": "2026-07-15", "amount": "1903.00"}


class TestBudgetViews(EditableRecordTests):
    record = BudgetViews
    member_can_view = False
    # session, user, 2 × permissions, count, page
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Budget:
        return Budget.objects.create(year=2000 + index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        return {"year": "2099", "notes": "Agreed by the board."}


class TestBudgetApi(RecordApiTests):
    basename = "budget"
    model = Budget
    member_can_view = False
    change = {"notes": "Revised in September."}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> Budget:
        return Budget.objects.create(year=2000 + index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        return {"year": 2098}


def budget_line(index: int = 0) -> BudgetLine:
    budget, _ = Budget.objects.get_or_create(year=2026)
    return BudgetLine.objects.create(
        budget=budget,
        cost_line=CostLine.OTHER,
        description=f"Line {index} of the budget",
        direction=Direction.EXPENSE,
        amount=Decimal("1000.00"),
    )


class TestBudgetLineViews(EditableRecordTests):
    record = BudgetLineViews
    member_can_view = False
    concurrent_change = {"amount": Decimal("1.00")}
    # session, user, 2 × permissions, count, page (budget joined)
    list_queries = 6

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> BudgetLine:
        return budget_line(index)

    def form_data(self, personas: Personas) -> dict[str, Any]:
        budget, _ = Budget.objects.get_or_create(year=2027)
        return {
            "budget": budget.pk,
            "cost_line": CostLine.PREMISES,
            "direction": Direction.EXPENSE,
            "amount": "1200.00",
        }


class TestBudgetLineApi(RecordApiTests):
    basename = "budgetline"
    model = BudgetLine
    member_can_view = False
    change = {"amount": "1500.00"}

    def make(self, personas: Personas, organisation: Organisation, index: int = 0) -> BudgetLine:
        return budget_line(index)

    def create_payload(self, personas: Personas) -> dict[str, Any]:
        budget, _ = Budget.objects.get_or_create(year=2027)
        return {"budget": budget.pk, "cost_line": CostLine.STAFF, "direction": Direction.EXPENSE, "amount": "30000.00"}
