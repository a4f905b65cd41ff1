"""The demo's finance: fee rules, a paid run with the top-slice taken within 30 days, a draft run,
invoices and receipts, a budget; loading again changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from consortia.demo.services import load_demo
from consortia.finance.choices import InvoiceStatus, RunStatus
from consortia.finance.models import (
    Budget,
    BudgetLine,
    FeeRule,
    Invoice,
    MemberPayment,
    PaymentLine,
    PaymentRun,
    Receipt,
)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def counts() -> dict[str, int]:
    models = (FeeRule, PaymentRun, MemberPayment, PaymentLine, Invoice, Receipt, Budget, BudgetLine)
    return {model.__name__: model.objects.count() for model in models}


def test_demo_finance_is_made_once(db: None) -> None:
    load_demo()
    paid = PaymentRun.objects.get(status=RunStatus.PAID)
    assert PaymentRun.objects.filter(status=RunStatus.DRAFT).count() == 1
    payments = list(paid.payments.select_related("subcontract"))
    assert payments
    for payment in payments:
        assert payment.fee > 0
        assert payment.net == payment.gross - payment.fee
        assert payment.days_to_pay() == 12
        assert not payment.over_terms()
    assert paid.payments.filter(gross_outcomes__gt=0).exists()  # validated outcomes paid
    assert Invoice.objects.filter(status=InvoiceStatus.PAID).exists()
    assert Invoice.objects.filter(status=InvoiceStatus.SENT).exists()
    assert Budget.objects.get().lines.count() == 7
    before = counts()
    load_demo()
    assert counts() == before
