"""A member payment learns when the commissioner paid for its work from the invoices' receipts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from consortia.contracts.choices import PaymentModel, VatTreatment
from consortia.finance.services import invoices, runs
from consortia.finance.tests import factories
from consortia.users.testing import Personas

JUNE = (date(2026, 6, 1), date(2026, 6, 30))


def test_paying_the_invoice_for_the_month_dates_the_members_payment(personas: Personas) -> None:
    contract = factories.contract(personas.org_c, vat=VatTreatment.EXEMPT)
    factories.subcontract(contract, personas.org_a, "60000.00")
    factories.subcontract(contract, personas.org_b, "60000.00")
    run = runs.build_payment_run(*JUNE, personas.finance_officer)
    assert list(run.payments.values_list("commissioner_paid_on", flat=True)) == [None, None]

    invoice = invoices.raise_schedule_invoice(contract, *JUNE, personas.finance_officer)
    # Part-paid is not paid: the 30 days have not started.
    invoices.record_receipt(invoice, date(2026, 7, 10), invoice.gross - Decimal("0.01"), personas.finance_officer)
    assert list(run.payments.values_list("commissioner_paid_on", flat=True)) == [None, None]
    invoices.record_receipt(invoice, date(2026, 7, 14), Decimal("0.01"), personas.finance_officer)
    assert list(run.payments.values_list("commissioner_paid_on", flat=True)) == [date(2026, 7, 14)] * 2
    assert run.payments.first().updated_by == personas.finance_officer


def test_a_payment_waits_until_all_its_work_is_paid_for_and_takes_the_latest_date(personas: Personas) -> None:
    contract = factories.contract(personas.org_c, payment_model=PaymentModel.MIXED, vat=VatTreatment.EXEMPT)
    sub = factories.subcontract(contract, personas.org_a, "120000.00", payment_model=PaymentModel.MIXED)
    factories.validated_outcomes(sub, factories.outcome_kpi(contract), 2, validated=date(2026, 6, 20))
    payment = runs.build_payment_run(*JUNE, personas.finance_officer).payments.get()

    block = invoices.raise_schedule_invoice(contract, *JUNE, personas.finance_officer)
    invoices.record_receipt(block, date(2026, 7, 3), block.gross, personas.finance_officer)
    payment.refresh_from_db()
    assert payment.commissioner_paid_on is None  # the outcomes are not paid for yet

    outcomes = invoices.raise_outcomes_invoice(contract, date(2026, 6, 30), personas.finance_officer)
    invoices.record_receipt(outcomes, date(2026, 7, 21), outcomes.gross, personas.finance_officer)
    payment.refresh_from_db()
    assert payment.commissioner_paid_on == date(2026, 7, 21)
    assert payment.pay_by == date(2026, 8, 20)


def test_a_run_built_after_the_commissioner_paid_starts_with_the_date(personas: Personas) -> None:
    contract = factories.contract(personas.org_c, vat=VatTreatment.EXEMPT)
    factories.subcontract(contract, personas.org_a, "120000.00")
    invoice = invoices.raise_schedule_invoice(contract, *JUNE, personas.finance_officer)
    invoices.record_receipt(invoice, date(2026, 6, 29), invoice.gross, personas.finance_officer)
    payment = runs.build_payment_run(*JUNE, personas.finance_officer).payments.get()
    assert payment.commissioner_paid_on == date(2026, 6, 29)


def test_a_date_recorded_by_hand_is_kept(personas: Personas) -> None:
    contract = factories.contract(personas.org_c, vat=VatTreatment.EXEMPT)
    factories.subcontract(contract, personas.org_a, "120000.00")
    run = runs.build_payment_run(*JUNE, personas.finance_officer)
    runs.record_commissioner_paid(run.payments.all(), date(2026, 7, 1), personas.finance_officer)
    invoice = invoices.raise_schedule_invoice(contract, *JUNE, personas.finance_officer)
    invoices.record_receipt(invoice, date(2026, 7, 9), invoice.gross, personas.finance_officer)
    assert run.payments.get().commissioner_paid_on == date(2026, 7, 1)


def test_another_contracts_invoice_dates_nothing(personas: Personas) -> None:
    ours = factories.contract(personas.org_c, vat=VatTreatment.EXEMPT)
    factories.subcontract(ours, personas.org_a, "120000.00")
    other = factories.contract(personas.org_c, vat=VatTreatment.EXEMPT)
    payment = runs.build_payment_run(*JUNE, personas.finance_officer).payments.get()
    invoice = invoices.raise_schedule_invoice(other, *JUNE, personas.finance_officer)
    invoices.record_receipt(invoice, date(2026, 7, 2), invoice.gross, personas.finance_officer)
    payment.refresh_from_db()
    assert payment.commissioner_paid_on is None
