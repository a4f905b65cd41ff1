"""Worked examples of the money: the top-slice, block schedules, outcome payments, rounding, VAT.

Every figure here is to the penny, rounded half up (£0.125 is £0.13) once per payment.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from consortia.contracts.choices import PaymentModel, VatTreatment
from consortia.finance.choices import FeeKind, InvoiceStatus, LineKind, RunStatus
from consortia.finance.models import FeeRule, MemberPayment, PaymentLine
from consortia.finance.services import invoices, runs
from consortia.finance.services.fees import Fee, fee_for, tiered
from consortia.finance.services.schedule import instalment, schedule
from consortia.finance.tests import factories
from consortia.users.testing import Personas

JUNE = (date(2026, 6, 1), date(2026, 6, 30))
JULY = (date(2026, 7, 1), date(2026, 7, 31))


def pence(text: str) -> Decimal:
    return Decimal(text)


def test_block_subcontract_over_twelve_months_at_seven_and_a_half_percent(personas: Personas) -> None:
    """£120,000 over April 2026 to March 2027 at 7.5%: £10,000.00 gross, £750.00 fee, £9,250.00 net a month."""
    contract = factories.contract(personas.org_c)
    sub = factories.subcontract(contract, personas.org_a, "120000.00")
    factories.percent_fee(contract, "7.5")
    run = runs.build_payment_run(*JUNE, personas.finance_officer)
    payment = run.payments.get()
    assert (payment.gross_block, payment.gross_outcomes, payment.fee, payment.net) == (
        pence("10000.00"),
        pence("0.00"),
        pence("750.00"),
        pence("9250.00"),
    )
    assert payment.organisation == personas.org_a
    line = payment.lines.get()
    assert (line.kind, line.month, line.amount, line.description) == (
        LineKind.BLOCK,
        date(2026, 6, 1),
        pence("10000.00"),
        "Block payment for June 2026",
    )
    assert fee_for(sub, pence("10000.00")) == pence("750.00")
    assert run.status == RunStatus.DRAFT


def test_outcomes_at_the_kpi_price_with_the_fee_rounded_half_up_once(personas: Personas) -> None:
    """Mixed: £10,000.00 block + 3 outcomes at £325.50 (£976.50) = £10,976.50; 7.5% is £823.2375 → £823.24."""
    contract = factories.contract(personas.org_c, payment_model=PaymentModel.MIXED)
    sub = factories.subcontract(contract, personas.org_a, "120000.00", payment_model=PaymentModel.MIXED)
    factories.percent_fee(contract, "7.5")
    kpi = factories.outcome_kpi(contract, "325.50")
    claims = factories.validated_outcomes(sub, kpi, 3, validated=date(2026, 6, 20))
    # A validated return after the period, and an unvalidated one, wait for a later run.
    later = factories.validated_outcomes(sub, kpi, 1, validated=date(2026, 7, 2), prefix="L")
    payment = runs.build_payment_run(*JUNE, personas.finance_officer).payments.get()
    assert payment.gross_outcomes == pence("976.50")
    assert payment.gross == pence("10976.50")
    assert payment.fee == pence("823.24")
    assert payment.net == pence("10153.26")
    assert payment.fee + payment.net == payment.gross
    paid = set(payment.lines.filter(kind=LineKind.OUTCOME).values_list("outcome_claim_id", flat=True))
    assert paid == {claim.pk for claim in claims}
    # July pays July's block and the outcome validated in July, and none of June's again.
    july = runs.build_payment_run(*JULY, personas.finance_officer).payments.get()
    assert july.gross_outcomes == pence("325.50")
    assert set(july.lines.filter(kind=LineKind.OUTCOME).values_list("outcome_claim_id", flat=True)) == {later[0].pk}
    assert list(july.lines.filter(kind=LineKind.BLOCK).values_list("month", flat=True)) == [date(2026, 7, 1)]


def test_fee_rules_percentage_flat_tiered_and_the_subcontracts_own_overrides(personas: Personas) -> None:
    contract = factories.contract(personas.org_c)
    sub_a = factories.subcontract(contract, personas.org_a)
    sub_b = factories.subcontract(contract, personas.org_b)
    # Tiered: the first £5,000 at 10%, the rest at 5%: £8,000 pays £500 + £150 = £650.00.
    factories.tiered_fee(contract, [("5000.00", "10"), (None, "5")])
    assert fee_for(sub_a, pence("8000.00")) == pence("650.00")
    assert fee_for(sub_a, pence("4000.00")) == pence("400.00")
    # Three bands, rounding once: £10,000.01 is 2,500 at 12.5%, 7,500 at 8% and 0.01 at 4%: 312.5 + 600 + 0.0004.
    assert tiered(
        pence("10000.01"), [(pence("2500"), pence("12.5")), (pence("10000"), pence("8")), (None, pence("4"))]
    ) == pence("912.5004")
    # The subcontract's own rule overrides its contract's.
    factories.percent_fee(sub_b, "5")
    assert fee_for(sub_b, pence("8000.00")) == pence("400.00")
    # Flat per payment, never more than the payment.
    flat = Fee(FeeKind.FLAT, flat_amount=pence("50.00"))
    assert (flat.on(pence("1000.00")), flat.on(pence("20.00")), flat.on(pence("0"))) == (
        pence("50.00"),
        pence("20.00"),
        pence("0.00"),
    )
    # Rounding to the penny, half up: 7.5% of £1.67 is £0.12525 → £0.13; of £333.33 is £24.99975 → £25.00.
    seven_and_a_half = Fee(FeeKind.PERCENT, percentage=pence("7.5"))
    assert seven_and_a_half.on(pence("1.67")) == pence("0.13")
    assert seven_and_a_half.on(pence("333.33")) == pence("25.00")
    # A rule names a contract or a subcontract, not both; the database agrees.
    with pytest.raises(ValidationError):
        FeeRule(kind=FeeKind.PERCENT, percentage=1, contract=contract, subcontract=sub_a).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        FeeRule.objects.create(kind=FeeKind.PERCENT, percentage=1)


def test_block_schedule_spreads_the_value_and_the_last_month_takes_the_pennies() -> None:
    assert [amount for _, amount in schedule(pence("1000.00"), date(2026, 4, 1), date(2026, 6, 30))] == [
        pence("333.33"),
        pence("333.33"),
        pence("333.34"),
    ]
    # 15 April 2026 to 14 April 2027 touches 13 months: twelve of £9,230.77 and a last of £9,230.76.
    months = schedule(pence("120000.00"), date(2026, 4, 15), date(2027, 4, 14))
    assert len(months) == 13
    assert months[0] == (date(2026, 4, 1), pence("9230.77"))
    assert months[-1] == (date(2027, 4, 1), pence("9230.76"))
    assert sum(amount for _, amount in months) == pence("120000.00")
    assert instalment(pence("120000.00"), date(2026, 4, 15), date(2027, 4, 14), date(2027, 5, 1)) == pence("0.00")


def test_money_is_never_paid_twice(personas: Personas) -> None:
    contract = factories.contract(personas.org_c, payment_model=PaymentModel.RESULTS)
    sub = factories.subcontract(contract, personas.org_a, payment_model=PaymentModel.RESULTS)
    kpi = factories.outcome_kpi(contract)
    claim = factories.validated_outcomes(sub, kpi, 1, validated=date(2026, 6, 5))[0]
    run = runs.build_payment_run(*JUNE, personas.finance_officer)
    payment = run.payments.get()
    assert payment.gross_block == pence("0.00")  # payment by results: no block payments
    # An overlapping run is refused, naming the run it overlaps.
    with pytest.raises(ValidationError, match="overlaps Payment run 01/06/2026 to 30/06/2026"):
        runs.build_payment_run(date(2026, 6, 15), date(2026, 7, 15), personas.finance_officer)
    # The database refuses a second line for the same outcome, or the same subcontract and month.
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentLine.objects.create(
            payment=payment, subcontract=sub, kind=LineKind.OUTCOME, outcome_claim=claim, amount=1, description="Again"
        )
    PaymentLine.objects.create(
        payment=payment, subcontract=sub, kind=LineKind.BLOCK, month=date(2026, 6, 1), amount=1, description="June"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentLine.objects.create(
            payment=payment, subcontract=sub, kind=LineKind.BLOCK, month=date(2026, 6, 1), amount=1, description="Again"
        )
    # A later run finds nothing left to pay.
    assert not runs.build_payment_run(*JULY, personas.finance_officer).payments.exists()


def test_approval_once_conflicts_and_recording_payment_with_the_thirty_day_check(personas: Personas) -> None:
    from consortia.people.models import DeclaredInterest

    contract = factories.contract(personas.org_c)
    factories.subcontract(contract, personas.org_a)
    factories.subcontract(contract, personas.org_b)
    factories.percent_fee(contract)
    run = runs.build_payment_run(*JUNE, personas.finance_officer)
    alpha, beta = run.payments.order_by("organisation__name")
    with pytest.raises(ValidationError, match="is not approved yet"):
        runs.record_member_paid(alpha, date(2026, 7, 20), personas.finance_officer)
    # Someone with a declared interest in a member paid by the run may not approve it.
    DeclaredInterest.objects.create(
        person=personas.manager, organisation=personas.org_b, nature="trustee", declared_on=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError, match="You have declared an interest"):
        runs.approve_run(run, personas.manager)
    runs.approve_run(run, personas.finance_officer)
    with pytest.raises(ValidationError, match=r"was already approved by .* it cannot be approved again"):
        runs.approve_run(run, personas.finance_officer)
    run.refresh_from_db()
    assert (run.status, run.approved_by) == (RunStatus.APPROVED, personas.finance_officer)

    assert runs.record_commissioner_paid([alpha, beta], date(2026, 7, 1), personas.finance_officer) == 2
    runs.record_member_paid(alpha, date(2026, 7, 20), personas.finance_officer, "BACS 123")
    with pytest.raises(ValidationError, match="was already paid on 20/07/2026"):
        runs.record_member_paid(alpha, date(2026, 7, 21), personas.finance_officer)
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED  # Beta is not paid yet
    runs.record_member_paid(beta, date(2026, 8, 5), personas.finance_officer)
    run.refresh_from_db()
    assert run.status == RunStatus.PAID
    alpha.refresh_from_db()
    beta.refresh_from_db()
    assert (alpha.days_to_pay(), alpha.over_terms(), alpha.reference) == (19, False, "BACS 123")
    assert (beta.days_to_pay(), beta.over_terms()) == (35, True)  # 35 days is over the 30-day terms

    from consortia.hub.measures import compute

    assert compute("finance.members_paid_within_terms", date(2026, 7, 1), date(2026, 8, 31)) == pence("50.00")
    assert compute("finance.member_payment_days", date(2026, 7, 1), date(2026, 8, 31)) == pence("27.00")
    assert compute("finance.members_paid_within_terms", date(2026, 9, 1), date(2026, 9, 30)) is None
    with pytest.raises(ValidationError, match="already recorded as paid"):
        runs.record_run_paid(run, date(2026, 8, 6), personas.finance_officer)


def test_a_run_costs_the_same_queries_for_three_members_or_thirty(personas: Personas) -> None:
    from consortia.directory.tests.factories import OrganisationFactory

    def queries(count: int, start: date, end: date) -> int:
        contract = factories.contract(personas.org_c)
        factories.percent_fee(contract)
        kpi = factories.outcome_kpi(contract)
        for _index in range(count):
            sub = factories.subcontract(contract, OrganisationFactory(), payment_model=PaymentModel.MIXED)
            factories.validated_outcomes(sub, kpi, 1, validated=start)
        with CaptureQueriesContext(connection) as captured:
            run = runs.build_payment_run(start, end, personas.finance_officer)
        assert run.payments.count() == count + (3 if count == 30 else 0)  # the first contract's members too
        return len(captured)

    assert queries(3, date(2026, 6, 1), date(2026, 6, 30)) == queries(30, date(2026, 7, 1), date(2026, 7, 31))


def test_invoices_vat_by_the_contracts_treatment_due_dates_receipts_and_schedules(personas: Personas) -> None:
    standard = factories.contract(personas.org_c, vat=VatTreatment.STANDARD, payment_terms_days=30)
    invoice = factories.invoice(standard, "1000.00", issued_on=date(2026, 6, 30))
    assert (invoice.net, invoice.vat, invoice.gross, invoice.due_on) == (
        pence("1000.00"),
        pence("200.00"),
        pence("1200.00"),
        date(2026, 7, 30),
    )
    reduced = factories.invoice(factories.contract(personas.org_c, vat=VatTreatment.REDUCED), "1000.10")
    assert (reduced.vat, reduced.gross) == (pence("50.01"), pence("1050.11"))  # 5% of £1,000.10 is £50.005
    exempt = factories.invoice(factories.contract(personas.org_c, vat=VatTreatment.EXEMPT), "1000.00")
    assert (exempt.vat, exempt.gross) == (pence("0.00"), pence("1000.00"))
    assert invoice.is_overdue(date(2026, 7, 31))
    assert not invoice.is_overdue(date(2026, 7, 30))

    invoices.record_receipt(invoice, date(2026, 7, 15), pence("600.00"), personas.finance_officer)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SENT
    invoices.record_receipt(invoice, date(2026, 7, 20), pence("600.00"), personas.finance_officer)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    assert invoices.line_blockers(invoice)

    # From the schedule: £240,000 over 12 months is £20,000.00 a month; a month is invoiced once.
    block = factories.contract(personas.org_c, vat=VatTreatment.EXEMPT)
    june = invoices.raise_schedule_invoice(block, *JUNE, personas.finance_officer)
    assert (june.net, june.lines.get().month) == (pence("20000.00"), date(2026, 6, 1))
    with pytest.raises(ValidationError, match="already invoiced"):
        invoices.raise_schedule_invoice(block, *JUNE, personas.finance_officer)
    # From validated outcomes: each at its KPI's price, each once.
    results = factories.contract(personas.org_c, payment_model=PaymentModel.RESULTS, vat=VatTreatment.EXEMPT)
    sub = factories.subcontract(results, personas.org_a, payment_model=PaymentModel.RESULTS)
    factories.validated_outcomes(sub, factories.outcome_kpi(results), 3, validated=date(2026, 6, 5))
    outcomes = invoices.raise_outcomes_invoice(results, date(2026, 6, 30), personas.finance_officer)
    assert outcomes.net == pence("976.50")
    with pytest.raises(ValidationError, match="no validated outcomes waiting"):
        invoices.raise_outcomes_invoice(results, date(2026, 6, 30), personas.finance_officer)
    assert june.number != outcomes.number
    assert outcomes.number.startswith("INV-")


def test_member_payment_scoping_in_the_queryset(personas: Personas) -> None:
    contract = factories.contract(personas.org_c)
    factories.subcontract(contract, personas.org_a)
    factories.subcontract(contract, personas.org_b)
    run = runs.build_payment_run(*JUNE, personas.finance_officer)
    assert not MemberPayment.objects.restrict(personas.member_a).exists()  # a draft may still change
    runs.approve_run(run, personas.finance_officer)
    seen = set(MemberPayment.objects.restrict(personas.member_a).values_list("organisation_id", flat=True))
    assert seen == {personas.org_a.pk}
    assert not MemberPayment.objects.restrict(personas.commissioner).exists()
    assert PaymentLine.objects.restrict(personas.member_a).count() == 1
