"""Payment runs: what every member is owed for a period, less the top-slice; approval; payment.

`build_payment_run` works out, for every signed subcontract:

- **block payments** by schedule (`services.schedule`: the subcontract's value spread evenly
  over the calendar months it runs, the last month taking the pennies left over), for the
  subcontracts paid in blocks (block or mixed); one line per month whose first day falls in
  the run's period and that has not been paid already;
- **outcome payments**: each outcome claim of the subcontract's *validated* monitoring returns
  (validated by the end of the period) at its KPI's outcome price, that no run has paid yet;

then the management fee on the member's gross (`services.fees`) and the net. A month's block
payment and an outcome are paid once: the services leave out what is already in a run, and the
database refuses a second line for the same subcontract and month, or for the same outcome.

It costs a fixed handful of queries, whatever the number of subcontracts: the subcontracts, the
months already paid, the fee rules and their bands, the outcomes due, then the run, the
payments and the lines are written in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from consortia.contracts.choices import PaymentModel, SubcontractStatus
from consortia.contracts.models import Subcontract
from consortia.core.dates import month_start
from consortia.finance.choices import LineKind, RunStatus
from consortia.finance.models import MemberPayment, PaymentLine, PaymentRun
from consortia.finance.services.commissioner_paid import fill_commissioner_paid
from consortia.finance.services.fees import fees_by_subcontract
from consortia.finance.services.schedule import instalment, months_in

BLOCK_MODELS = (PaymentModel.BLOCK, PaymentModel.MIXED)
PAYABLE_STATUSES = (SubcontractStatus.SIGNED, SubcontractStatus.ENDED)


@dataclass
class Owed:
    subcontract_id: int
    organisation_id: int
    lines: list[PaymentLine]
    block: Decimal = Decimal("0.00")
    outcomes: Decimal = Decimal("0.00")


def _end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def outcomes_due(period_end: date, subcontract_ids: list[int] | None = None) -> QuerySet:
    """Outcome claims of validated returns (validated by the end of `period_end`), priced, not yet paid."""
    from consortia.performance.choices import ReturnStatus
    from consortia.performance.models import OutcomeClaim

    claims = OutcomeClaim.objects.filter(
        monitoring_return__status=ReturnStatus.VALIDATED,
        monitoring_return__validated_at__lt=_end_of_day(period_end),
        kpi__outcome_price__isnull=False,
        payment_line__isnull=True,
    )
    if subcontract_ids is not None:
        claims = claims.filter(monitoring_return__subcontract_id__in=subcontract_ids)
    return claims


@transaction.atomic
def build_payment_run(period_start: date, period_end: date, user: Any, notes: str = "") -> PaymentRun:
    """A draft payment run for the period: each member's block and outcome payments less the fee.

    Raises ValidationError, having written nothing, when the period is wrong or overlaps a run.
    """
    run = PaymentRun(period_start=period_start, period_end=period_end, notes=notes)
    run.full_clean()
    run.stamp(user)
    run.save()
    return fill_run(run, user)


@transaction.atomic
def fill_run(run: PaymentRun, user: Any) -> PaymentRun:
    """Work out the payments of a new, empty draft run (the run's page and API create it first)."""
    if run.status != RunStatus.DRAFT or run.payments.exists():
        raise ValidationError(f"{run} is already built; delete the draft and build it again to recalculate.")
    period_start, period_end = run.period_start, run.period_end
    first_month = month_start(period_start)
    subcontracts = list(
        Subcontract.objects.filter(status__in=PAYABLE_STATUSES, signed_on__isnull=False, start_date__lte=period_end)
        .order_by("pk")
        .values_list("pk", "contract_id", "organisation_id", "value", "payment_model", "start_date", "end_date")
    )
    paid_months = set(
        PaymentLine.objects.filter(kind=LineKind.BLOCK, month__gte=first_month, month__lte=period_end)
        .order_by()
        .values_list("subcontract_id", "month")
    )
    owed: dict[int, Owed] = {}
    for pk, _contract, organisation, value, model, start, end in subcontracts:
        if model not in BLOCK_MODELS:
            continue
        for month in months_in(period_start, period_end, start, end):
            if (pk, month) in paid_months:
                continue
            amount = instalment(value, start, end, month)
            entry = owed.setdefault(pk, Owed(pk, organisation, []))
            entry.block += amount
            entry.lines.append(
                PaymentLine(
                    subcontract_id=pk,
                    kind=LineKind.BLOCK,
                    month=month,
                    amount=amount,
                    description=f"Block payment for {month:%B %Y}",
                )
            )

    by_pk = {row[0]: row for row in subcontracts}
    claims = (
        outcomes_due(period_end)
        .filter(monitoring_return__subcontract__status__in=PAYABLE_STATUSES)
        .order_by("achieved_on", "pk")
        .values_list(
            "pk",
            "monitoring_return__subcontract_id",
            "kpi__name",
            "kpi__outcome_price",
            "client_reference",
            "achieved_on",
        )
    )
    for claim_id, subcontract_id, kpi_name, price, client, achieved in claims:
        row = by_pk.get(subcontract_id)
        if row is None:  # not signed, or starting after the period
            continue
        entry = owed.setdefault(subcontract_id, Owed(subcontract_id, row[2], []))
        entry.outcomes += price
        entry.lines.append(
            PaymentLine(
                subcontract_id=subcontract_id,
                kind=LineKind.OUTCOME,
                outcome_claim_id=claim_id,
                amount=price,
                description=f"{kpi_name}: client {client}, achieved {achieved:%d/%m/%Y}",
            )
        )

    fees = fees_by_subcontract([(row[0], row[1]) for row in subcontracts if row[0] in owed])
    payments = []
    now = timezone.now()
    for index, entry in enumerate(sorted(owed.values(), key=lambda item: item.subcontract_id), start=1):
        gross = entry.block + entry.outcomes
        fee = fees[entry.subcontract_id].on(gross)
        payments.append(
            MemberPayment(
                run=run,
                remittance=f"RA-{run.pk:05d}-{index:04d}",
                subcontract_id=entry.subcontract_id,
                organisation_id=entry.organisation_id,
                gross_block=entry.block,
                gross_outcomes=entry.outcomes,
                fee=fee,
                net=gross - fee,
                created_by=user if getattr(user, "is_authenticated", False) else None,
                updated_by=user if getattr(user, "is_authenticated", False) else None,
                created=now,
                updated=now,
            )
        )
    try:
        with transaction.atomic():
            MemberPayment.objects.bulk_create(payments, batch_size=1000)
            lines = []
            for payment, entry in zip(
                payments, sorted(owed.values(), key=lambda item: item.subcontract_id), strict=True
            ):
                for line in entry.lines:
                    line.payment_id = payment.pk
                    line.created_by = payment.created_by
                    line.updated_by = payment.updated_by
                    line.created = line.updated = now
                    lines.append(line)
            PaymentLine.objects.bulk_create(lines, batch_size=2000)
    except IntegrityError as error:
        # Another run took some of this money between our reading and writing.
        raise ValidationError(
            "Some of these payments were put into another payment run at the same moment; nothing was saved. "
            "Build the run again."
        ) from error
    # Work the commissioner has paid for already carries that date from the start.
    fill_commissioner_paid([payment.pk for payment in payments], user)
    return run


def _locked(run: PaymentRun) -> PaymentRun:
    return PaymentRun.objects.select_for_update().order_by().get(pk=run.pk)


@transaction.atomic
def approve_run(run: PaymentRun, user: Any) -> PaymentRun:
    """Approve a draft run (once: a second approval is refused), unless the approver is conflicted."""
    from consortia.people.services.interests import conflicts, describe

    locked = _locked(run)
    if locked.status != RunStatus.DRAFT:
        who = locked.approved_by.full_name if locked.approved_by else "someone"
        when = timezone.localtime(locked.approved_at).strftime("%d/%m/%Y at %H:%M") if locked.approved_at else ""
        raise ValidationError(f"{locked} was already approved by {who} on {when}; it cannot be approved again.")
    organisations = set(locked.payments.values_list("organisation_id", flat=True))
    if not organisations:
        raise ValidationError(f"{locked} pays nobody; there is nothing to approve.")
    found = conflicts([user.pk], organisations).get(user.pk)
    if found:
        raise ValidationError(
            f"You have declared an interest ({describe(found)}), so you cannot approve payments to them. "
            "Ask another approver."
        )
    locked.status = RunStatus.APPROVED
    locked.approved_by = user
    locked.approved_at = timezone.now()
    locked.stamp(user)
    locked.save()
    return locked


def _check_day(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"The date {what} ({day:%d/%m/%Y}) is in the future.")


@transaction.atomic
def record_member_paid(payment: MemberPayment, on: date, user: Any, reference: str = "") -> MemberPayment:
    """Record the hub's payment to the member; the run is paid once every payment in it is."""
    _check_day(on, "the member was paid")
    run = _locked(payment.run)
    locked = MemberPayment.objects.select_for_update().order_by().get(pk=payment.pk)
    if run.status == RunStatus.DRAFT:
        raise ValidationError(f"{run} is not approved yet; approve it before paying {locked.organisation}.")
    if locked.member_paid_on is not None:
        raise ValidationError(
            f"{locked.remittance} to {locked.organisation} was already paid on {locked.member_paid_on:%d/%m/%Y}."
        )
    locked.member_paid_on = on
    if reference:
        locked.reference = reference
    locked.stamp(user)
    locked.save()
    if not run.payments.filter(member_paid_on__isnull=True).exists():
        run.status = RunStatus.PAID
        run.stamp(user)
        run.save()
    return locked


@transaction.atomic
def record_run_paid(run: PaymentRun, on: date, user: Any) -> int:
    """Record every unpaid payment of an approved run as paid on `on`; returns how many."""
    _check_day(on, "the members were paid")
    locked = _locked(run)
    if locked.status == RunStatus.DRAFT:
        raise ValidationError(f"{locked} is not approved yet; approve it before recording payment.")
    unpaid = list(locked.payments.select_for_update().filter(member_paid_on__isnull=True).order_by("pk"))
    if not unpaid:
        raise ValidationError(f"Every payment of {locked} is already recorded as paid.")
    for payment in unpaid:
        payment.member_paid_on = on
        payment.stamp(user)
        payment.save(update_fields=["member_paid_on", "updated", "updated_by"])
    locked.status = RunStatus.PAID
    locked.stamp(user)
    locked.save()
    return len(unpaid)


@transaction.atomic
def record_commissioner_paid(payments: QuerySet | list[MemberPayment], on: date, user: Any) -> int:
    """Record when the commissioner paid the hub for these payments' work; returns how many changed."""
    _check_day(on, "the commissioner paid")
    changed = 0
    ids = [payment.pk for payment in payments]
    for payment in MemberPayment.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        # The hub may pay a member before the commissioner pays the hub: no order is imposed.
        if payment.commissioner_paid_on == on:
            continue
        payment.commissioner_paid_on = on
        payment.stamp(user)
        payment.save(update_fields=["commissioner_paid_on", "updated", "updated_by"])
        changed += 1
    return changed


def run_totals(run: PaymentRun) -> dict[str, Decimal]:
    """The run's gross, fee and net (one query)."""
    from django.db.models import Sum

    totals = run.payments.aggregate(
        block=Sum("gross_block"), outcomes=Sum("gross_outcomes"), fee=Sum("fee"), net=Sum("net")
    )
    zero = Decimal("0.00")
    block, outcomes = totals["block"] or zero, totals["outcomes"] or zero
    return {
        "block": block,
        "outcomes": outcomes,
        "gross": block + outcomes,
        "fee": totals["fee"] or zero,
        "net": totals["net"] or zero,
    }


def delete_blockers(run: PaymentRun) -> list[str]:
    if run.status != RunStatus.DRAFT:
        return [f"{run} has been approved; its record is kept."]
    return []


def lines_by_payment(payments: list[MemberPayment]) -> dict[int, list[PaymentLine]]:
    found: dict[int, list[PaymentLine]] = defaultdict(list)
    for line in PaymentLine.objects.filter(payment__in=payments).order_by("payment_id", "kind", "month", "pk"):
        found[line.payment_id].append(line)
    return found
