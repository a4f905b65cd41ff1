"""The finance pages beyond the kit's: the payment run's buttons, remittances, the portal, reports."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from consortia.contracts.choices import VatTreatment
from consortia.core.testing.views import form_token
from consortia.finance.choices import CostLine, Direction, RunStatus
from consortia.finance.models import Budget, BudgetLine, Invoice, PaymentRun
from consortia.finance.services import invoices, reports, runs
from consortia.finance.tests import factories
from consortia.people.models import Recharge
from consortia.users.testing import Personas


def two_members(personas: Personas) -> None:
    contract = factories.contract(personas.org_c)
    factories.subcontract(contract, personas.org_a, "120000.00")
    factories.subcontract(contract, personas.org_b, "60000.00")
    factories.percent_fee(contract, "7.5")


def test_finance_officer_builds_approves_and_pays_a_run_and_the_member_sees_it(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    two_members(personas)
    hub = client_for(personas.finance_officer)
    add = reverse("finance:paymentrun_add")
    response = hub.post(add, {"period_start": "01/06/2026", "period_end": "30/06/2026", "_token": form_token(hub, add)})
    assert response.status_code == 302
    run = PaymentRun.objects.get()
    page = hub.get(run.get_absolute_url()).content.decode()
    assert "£10,000.00" in page
    assert "£750.00" in page
    assert "£9,250.00" in page
    assert "£5,000.00" in page
    assert "£375.00" in page
    assert "£4,625.00" in page
    assert "Approve this payment run" in page

    # The read-only roles and a member cannot press the buttons.
    approve = reverse("finance:paymentrun_approve", args=[run.pk])
    for outsider in (personas.auditor, personas.member_a, personas.nobody):
        assert client_for(outsider).post(approve).status_code == 403
    hub.post(approve)
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    again = hub.post(approve, follow=True).content.decode()
    assert "was already approved by Finance" in again

    alpha, beta = run.payments.order_by("organisation__name")
    hub.post(reverse("finance:paymentrun_commissioner_paid", args=[run.pk]), {"on": "2026-07-01"})
    hub.post(reverse("finance:paymentrun_payment_paid", args=[run.pk, alpha.pk]), {"on": "2026-07-20"})
    hub.post(reverse("finance:paymentrun_payment_paid", args=[run.pk, beta.pk]), {"on": "2026-08-05"})
    run.refresh_from_db()
    assert run.status == RunStatus.PAID
    page = hub.get(run.get_absolute_url()).content.decode()
    assert "1 payment is over the payment terms" in page
    assert '35 (30) <span class="badge text-bg-danger">Late</span>' in page
    assert '19 (30) <span class="badge text-bg-success">Within terms</span>' in page

    # The staff download of the remittance is kept under generated documents.
    staff_pdf = hub.get(reverse("finance:memberpayment_remittance", args=[alpha.pk]), {"format": "pdf"})
    assert b"".join(staff_pdf.streaming_content).startswith(b"%PDF")

    # The member sees their own payment, net of the top-slice, with its remittance; not Beta's.
    member = client_for(personas.member_a)
    portal = member.get(reverse("portal:payments")).content.decode()
    assert alpha.remittance in portal
    assert "£9,250.00" in portal
    assert "£750.00" in portal
    assert beta.remittance not in portal
    pdf = member.get(reverse("portal:remittance", args=[alpha.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert member.get(reverse("portal:remittance", args=[beta.pk])).status_code == 404
    assert client_for(personas.commissioner).get(reverse("portal:remittance", args=[alpha.pk])).status_code == 404
    assert client_for(personas.manager).get(reverse("portal:payments")).status_code == 404  # not a member's user


def test_a_member_does_not_see_a_draft_run(personas: Personas, client_for: Callable[..., Client]) -> None:
    two_members(personas)
    run = runs.build_payment_run(date(2026, 6, 1), date(2026, 6, 30), personas.finance_officer)
    payment = run.payments.get(organisation=personas.org_a)
    member = client_for(personas.member_a)
    assert payment.remittance not in member.get(reverse("portal:payments")).content.decode()
    assert member.get(reverse("portal:remittance", args=[payment.pk])).status_code == 404
    assert member.get(payment.get_absolute_url()).status_code == 404


def csv_of(response: object) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))  # type: ignore[attr-defined]


def test_accounting_export_cash_flow_and_budget_against_actuals(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    two_members(personas)
    run = runs.build_payment_run(date(2026, 6, 1), date(2026, 6, 30), personas.finance_officer)
    runs.approve_run(run, personas.finance_officer)
    alpha = run.payments.get(organisation=personas.org_a)
    runs.record_commissioner_paid([alpha], date(2026, 7, 1), personas.finance_officer)
    runs.record_member_paid(alpha, date(2026, 7, 20), personas.finance_officer)
    contract = factories.contract(personas.org_c, vat=VatTreatment.STANDARD)
    invoice = factories.invoice(contract, "1000.00", issued_on=date(2026, 6, 30))
    invoices.record_receipt(invoice, date(2026, 7, 15), Decimal("1200.00"), personas.finance_officer, "BACS 1")

    hub = client_for(personas.finance_officer)
    url = reverse("finance:export")
    rows = csv_of(hub.get(url, {"what": "invoices", "format": "csv"}))
    assert rows[0] == reports.INVOICE_COLUMNS
    assert rows[1] == [
        invoice.number,
        "30/06/2026",
        "30/07/2026",
        "Gamma County Council",
        contract.reference,
        "1000.00",
        "200.00",
        "1200.00",
        "Standard rate (20%)",
        "Paid",
    ]
    receipts = csv_of(hub.get(url, {"what": "receipts", "format": "csv"}))
    assert receipts[1] == ["15/07/2026", invoice.number, "Gamma County Council", "1200.00", "BACS 1"]
    payments = csv_of(hub.get(url, {"what": "payments", "format": "csv", "start": "2026-06-01", "end": "2026-06-30"}))
    assert payments[0] == reports.PAYMENT_COLUMNS
    by_member = {row[4]: row for row in payments[1:]}
    assert by_member["Alpha Advice Centre"][6:15] == [
        "10000.00",
        "0.00",
        "10000.00",
        "750.00",
        "9250.00",
        "01/07/2026",
        "20/07/2026",
        "19",
        "Yes",
    ]
    assert len(csv_of(hub.get(url, {"what": "payments", "format": "csv", "start": "2026-08-01"}))) == 1
    book = load_workbook(io.BytesIO(hub.get(url, {"format": "xlsx"}).content))
    assert book.sheetnames == ["Invoices", "Receipts", "Member payments"]
    assert book["Member payments"].max_row == 3
    for outsider in (personas.member_a, personas.nobody):
        assert client_for(outsider).get(url, {"what": "invoices", "format": "csv"}).status_code == 403

    # Cash flow: a £240,000 contract over 12 months brings £20,000 a month, paid the month after;
    # members' £15,000 of block payments go out less the £1,125 fee.
    months = reports.cash_flow_forecast(date(2026, 6, 1))
    june = months[0]
    assert (june.receipts, june.to_members, june.fee_income) == (
        Decimal("40000.00"),  # two contracts of £240,000 each, May's work
        Decimal("13875.00"),
        Decimal("1125.00"),
    )
    page = hub.get(reverse("finance:cash_flow")).content.decode()
    assert "Expected from commissioners" in page
    assert client_for(personas.member_a).get(reverse("finance:cash_flow")).status_code == 403

    # Budget 2026–27 against actuals counted from the records.
    budget = Budget.objects.create(year=2026)
    for cost_line, direction, amount in (
        (CostLine.MANAGEMENT_FEE, Direction.INCOME, "15000.00"),
        (CostLine.CONTRACT_INCOME, Direction.INCOME, "100000.00"),
        (CostLine.MEMBER_PAYMENTS, Direction.EXPENSE, "90000.00"),
        (CostLine.STAFF_RECHARGES, Direction.EXPENSE, "5000.00"),
    ):
        BudgetLine.objects.create(budget=budget, cost_line=cost_line, direction=direction, amount=Decimal(amount))
    BudgetLine.objects.create(
        budget=budget,
        cost_line=CostLine.PREMISES,
        direction=Direction.EXPENSE,
        amount=Decimal("3000.00"),
        actual_entered=Decimal("3250.00"),
    )
    Recharge.objects.create(
        employer=personas.org_b, period_start=date(2026, 4, 1), period_end=date(2026, 6, 30), amount=Decimal("1800.00")
    )
    report = reports.budget_report(budget)
    actual = {row.line.cost_line: (row.actual, row.variance) for row in report.rows}
    assert actual[CostLine.MANAGEMENT_FEE] == (Decimal("1125.00"), Decimal("-13875.00"))
    assert actual[CostLine.CONTRACT_INCOME][0] == Decimal("1200.00")
    assert actual[CostLine.MEMBER_PAYMENTS][0] == Decimal("9250.00")
    assert actual[CostLine.STAFF_RECHARGES] == (Decimal("1800.00"), Decimal("3200.00"))
    assert actual[CostLine.PREMISES] == (Decimal("3250.00"), Decimal("-250.00"))
    page = hub.get(budget.get_absolute_url()).content.decode()
    assert "£1,125.00" in page
    assert "-£13,875.00" in page
    # A counted line is counted once, in its own direction.
    again = BudgetLine(budget=budget, cost_line=CostLine.MANAGEMENT_FEE, direction=Direction.EXPENSE, amount=1)
    with pytest.raises(ValidationError, match="is income"):
        again.full_clean()


def test_raising_invoices_from_the_page(personas: Personas, client_for: Callable[..., Client]) -> None:
    contract = factories.contract(personas.org_c, vat=VatTreatment.STANDARD)
    hub = client_for(personas.finance_officer)
    url = reverse("finance:invoice_raise")
    data = {"contract": contract.pk, "kind": "schedule", "period_start": "2026-06-01", "period_end": "2026-07-31"}
    response = hub.post(url, data)
    assert response.status_code == 302
    invoice = Invoice.objects.get()
    assert (invoice.net, invoice.vat, invoice.gross) == (Decimal("40000.00"), Decimal("8000.00"), Decimal("48000.00"))
    assert invoice.lines.count() == 2
    refused = hub.post(url, data)
    assert refused.status_code == 422
    assert "already invoiced" in refused.content.decode()
    assert client_for(personas.auditor).get(url).status_code == 403


def test_the_api_builds_and_approves_a_run_once(personas: Personas, client_for: Callable[..., Client]) -> None:
    from consortia.core.testing.api import api_client

    two_members(personas)
    client = api_client(personas.finance_officer)
    made = client.post(reverse("api:paymentrun-list"), {"period_start": "2026-06-01", "period_end": "2026-06-30"})
    assert made.status_code == 201, made.json()
    run = PaymentRun.objects.get(pk=made.json()["id"])
    assert run.payments.count() == 2
    moved = client.patch(reverse("api:paymentrun-detail", args=[run.pk]), {"period_end": "2026-07-31"})
    assert moved.status_code == 400
    approve = reverse("api:paymentrun-approve", args=[run.pk])
    assert api_client(personas.auditor).post(approve).status_code == 403
    assert client.post(approve).json()["status"] == RunStatus.APPROVED
    again = client.post(approve)
    assert again.status_code == 400
    assert "cannot be approved again" in again.json()["non_field_errors"][0]
    # A member reads their own payment through the API, and cannot build the staff remittance.
    own = api_client(personas.member_a).get(reverse("api:memberpayment-list")).json()["results"]
    assert [row["organisation"] for row in own] == [personas.org_a.pk]
    payment = run.payments.get(organisation=personas.org_a)
    staff_route = reverse("finance:memberpayment_remittance", args=[payment.pk])
    assert client_for(personas.member_a).get(staff_route, {"format": "pdf"}).status_code == 403


def test_the_portal_payments_page_costs_a_fixed_number_of_queries(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    from consortia.core.testing.views import queries_for

    member = client_for(personas.member_a)
    url = reverse("portal:payments")
    member.get(url)  # warm per-process caches

    def paid_month(start: date, end: date) -> None:
        contract = factories.contract(personas.org_c, start_date=start, end_date=end)
        factories.subcontract(contract, personas.org_a, "1000.00")
        runs.approve_run(runs.build_payment_run(start, end, personas.finance_officer), personas.finance_officer)

    paid_month(date(2026, 4, 1), date(2026, 4, 30))
    few = queries_for(member, url)
    for start, end in ((date(2026, 5, 1), date(2026, 5, 31)), (date(2026, 6, 1), date(2026, 6, 30))):
        paid_month(start, end)
    # session, user, the user's and the groups' permissions (2), the organisation, the payments
    # (with their runs, subcontracts and contracts)
    assert (few, queries_for(member, url)) == (6, 6)
