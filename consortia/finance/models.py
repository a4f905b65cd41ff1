"""Finance: the management fee, payments to members, invoices, receipts and budgets.

The hub is paid by the commissioner and pays its members, less its **management fee** (the
*top-slice*). A `FeeRule` says how the fee is taken: set on a contract it applies to all its
subcontracts; set on one subcontract it overrides the contract's.

A `PaymentRun` gathers, for a period, what every member is owed: block payments by the
subcontract's schedule and outcome payments for validated outcomes (`PaymentLine`s), totalled
per member in a `MemberPayment` (gross, fee, net). A block line is unique per subcontract and
month, and an outcome line holds its outcome claim one-to-one, so the database itself refuses to
pay anything twice. Each member payment records when the commissioner paid the hub and when the
hub paid the member: the Procurement Act 2023 (s.73) implies 30-day terms into subcontracts.

`Invoice`s to the commissioner (with `InvoiceLine`s, VAT by the contract's treatment) are paid
by `Receipt`s. A `Budget` per financial year holds `BudgetLine`s whose actuals are counted from
these records.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia.core.models import BaseModel, RestrictedQuerySet, money_field
from consortia.finance.choices import CostLine, Direction, FeeKind, InvoiceStatus, LineKind, RunStatus


def percent_field(verbose_name: str, **kwargs: object) -> models.DecimalField:
    """A percentage from 0 to 100 with up to three decimal places (7.125%)."""
    return models.DecimalField(
        verbose_name,
        max_digits=6,
        decimal_places=3,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        **kwargs,  # type: ignore[arg-type]
    )


class FeeRule(BaseModel):
    """The management fee (top-slice) taken from payments under a contract or one subcontract."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    contract = models.ForeignKey(
        "contracts.Contract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="fee_rules",
        help_text="The fee applies to every subcontract of this contract (unless one has its own).",
    )
    subcontract = models.ForeignKey(
        "contracts.Subcontract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="fee_rules",
        help_text="The fee for this subcontract only; it overrides its contract's.",
    )
    kind = models.CharField(max_length=8, choices=FeeKind.choices, default=FeeKind.PERCENT)
    percentage = percent_field("percentage (%)", null=True, blank=True, help_text="For a percentage fee.")
    flat_amount = money_field("flat amount per payment (£)", null=True, blank=True, help_text="For a flat fee.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["contract__reference", "subcontract__contract__reference", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract__isnull=True, subcontract__isnull=False)
                | Q(contract__isnull=False, subcontract__isnull=True),
                name="feerule_contract_or_subcontract",
            ),
            models.UniqueConstraint(fields=["contract"], name="feerule_once_per_contract"),
            models.UniqueConstraint(fields=["subcontract"], name="feerule_once_per_subcontract"),
        ]

    def __str__(self) -> str:
        target = self.subcontract if self.subcontract_id else self.contract
        return f"Fee on {target}: {self.describe()}"

    def describe(self) -> str:
        if self.kind == FeeKind.PERCENT:
            return f"{(self.percentage or Decimal(0)).normalize():f}%"
        if self.kind == FeeKind.FLAT:
            return f"£{self.flat_amount or Decimal(0):,.2f} a payment"
        return "tiered"

    def clean(self) -> None:
        if bool(self.contract_id) == bool(self.subcontract_id):
            raise ValidationError({"contract": "Choose either a contract or one subcontract (not both)."})
        if self.kind == FeeKind.PERCENT and self.percentage is None:
            raise ValidationError({"percentage": "A percentage fee needs its percentage."})
        if self.kind == FeeKind.FLAT and self.flat_amount is None:
            raise ValidationError({"flat_amount": "A flat fee needs its amount."})


class FeeTier(BaseModel):
    """A band of a tiered fee: the part of a payment up to `up_to` (above the band below) at `percentage`."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    rule = models.ForeignKey(FeeRule, on_delete=models.CASCADE, related_name="tiers", verbose_name="fee rule")
    up_to = money_field(
        "up to (£)", null=True, blank=True, help_text="The top of this band; leave empty for “and above”."
    )
    percentage = percent_field("percentage (%)")

    class Meta:
        ordering = ["rule", models.F("up_to").asc(nulls_last=True), "pk"]
        constraints = [models.UniqueConstraint(fields=["rule", "up_to"], name="feetier_band_once")]

    def __str__(self) -> str:
        band = f"up to £{self.up_to:,.2f}" if self.up_to is not None else "above"
        return f"{band} at {self.percentage.normalize():f}%" if self.percentage is not None else band

    def clean(self) -> None:
        if self.rule_id and self.rule.kind != FeeKind.TIERED:
            raise ValidationError({"rule": "Bands belong to a tiered fee rule."})


class PaymentRun(BaseModel):
    """What the hub pays its members for a period: drafted, approved, then paid."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    period_start = models.DateField("period from")
    period_end = models.DateField("period to")
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.DRAFT, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="paymentrun_dates"),
        ]

    def __str__(self) -> str:
        if self.period_start and self.period_end:
            return f"Payment run {self.period_start:%d/%m/%Y} to {self.period_end:%d/%m/%Y}"
        return "Payment run"

    def clean(self) -> None:
        if self.period_start and self.period_end:
            if self.period_end < self.period_start:
                raise ValidationError({"period_end": "The period ends before it starts."})
            overlapping = PaymentRun.objects.filter(
                period_start__lte=self.period_end, period_end__gte=self.period_start
            ).exclude(pk=self.pk)
            clash = overlapping.first()
            if clash is not None:
                raise ValidationError({"period_start": f"This period overlaps {clash}."})


class ApprovedForMembersQuerySet(RestrictedQuerySet):
    """A member's user sees their payments once the run is approved, never a draft that may change."""

    run_path: ClassVar[str] = "run"

    def scoped_to(self, user: Any) -> Self:
        rows = super().scoped_to(user)
        if getattr(user, "organisation_id", None) is None:
            return rows
        return rows.exclude(**{f"{self.run_path}__status": RunStatus.DRAFT})


class PaymentLineQuerySet(ApprovedForMembersQuerySet):
    run_path = "payment__run"


class MemberPayment(BaseModel):
    """What one member is paid under one subcontract in a payment run: gross, the fee, net."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "organisation"

    objects = ApprovedForMembersQuerySet.as_manager()  # type: ignore[misc]

    run = models.ForeignKey(PaymentRun, on_delete=models.CASCADE, related_name="payments", verbose_name="payment run")
    remittance = models.CharField(
        "remittance number", max_length=30, unique=True, editable=False, help_text="Quoted on the remittance advice."
    )
    subcontract = models.ForeignKey("contracts.Subcontract", on_delete=models.PROTECT, related_name="payments")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="member_payments", verbose_name="member"
    )
    gross_block = money_field("block payments (£)", default=Decimal(0))
    gross_outcomes = money_field("outcome payments (£)", default=Decimal(0))
    fee = money_field("management fee (£)", default=Decimal(0))
    net = money_field("net to the member (£)", default=Decimal(0))
    commissioner_paid_on = models.DateField(
        "commissioner paid", null=True, blank=True, help_text="When the commissioner paid the hub for this work."
    )
    member_paid_on = models.DateField("member paid", null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True, help_text="The bank payment's reference.")

    class Meta:
        ordering = ["run", "organisation__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "subcontract"], name="memberpayment_once_per_run")]

    def __str__(self) -> str:
        return f"{self.remittance} {self.organisation}" if self.organisation_id else self.remittance

    @property
    def gross(self) -> Decimal:
        return self.gross_block + self.gross_outcomes

    def days_to_pay(self, today: date | None = None) -> int | None:
        """Days from the commissioner paying the hub to the hub paying the member (so far, if not yet paid)."""
        if self.commissioner_paid_on is None:
            return None
        end = self.member_paid_on or today or timezone.localdate()
        return (end - self.commissioner_paid_on).days

    @property
    def terms_days(self) -> int:
        return int(self.subcontract.payment_terms_days)

    def over_terms(self, today: date | None = None) -> bool:
        """Paid (or still unpaid) later than the subcontract's payment terms after the commissioner paid."""
        days = self.days_to_pay(today)
        return days is not None and days > self.terms_days

    @property
    def pay_by(self) -> date | None:
        if self.commissioner_paid_on is None:
            return None
        return self.commissioner_paid_on + timedelta(days=self.terms_days)

    def clean(self) -> None:
        if self.commissioner_paid_on and self.commissioner_paid_on > timezone.localdate():
            raise ValidationError({"commissioner_paid_on": "This date is in the future."})
        if self.member_paid_on and self.member_paid_on > timezone.localdate():
            raise ValidationError({"member_paid_on": "This date is in the future."})


class PaymentLine(BaseModel):
    """One thing a member is paid for: a month's block payment or one validated outcome."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "payment__organisation"

    objects = PaymentLineQuerySet.as_manager()  # type: ignore[misc]

    payment = models.ForeignKey(MemberPayment, on_delete=models.CASCADE, related_name="lines")
    subcontract = models.ForeignKey("contracts.Subcontract", on_delete=models.PROTECT, related_name="payment_lines")
    kind = models.CharField(max_length=8, choices=LineKind.choices)
    description = models.CharField(max_length=300)
    amount = money_field("amount (£)")
    month = models.DateField(null=True, blank=True, help_text="For a block payment: the first day of its month.")
    outcome_claim = models.OneToOneField(
        "performance.OutcomeClaim",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment_line",
        help_text="For an outcome payment: the validated outcome it pays for.",
    )

    class Meta:
        ordering = ["payment", "kind", "month", "pk"]
        constraints = [
            # Money is never paid twice: one block payment per subcontract and month.
            models.UniqueConstraint(
                fields=["subcontract", "month"], condition=Q(kind="block"), name="paymentline_block_once"
            ),
            models.CheckConstraint(
                condition=Q(kind="block", month__isnull=False, outcome_claim__isnull=True)
                | Q(kind="outcome", month__isnull=True, outcome_claim__isnull=False),
                name="paymentline_kind_fields",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Invoice(BaseModel):
    """An invoice from the hub to the commissioner of a contract."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "contract__commissioner"

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(max_length=40, unique=True, help_text="Our invoice number, e.g. INV-2026-0001.")
    issued_on = models.DateField("issued")
    due_on = models.DateField("due", editable=False, help_text="The issue date plus the contract's payment terms.")
    net = money_field("net (£)", default=Decimal(0), editable=False)
    vat = money_field("VAT (£)", default=Decimal(0), editable=False)
    gross = money_field("total (£)", default=Decimal(0), editable=False)
    status = models.CharField(max_length=8, choices=InvoiceStatus.choices, default=InvoiceStatus.SENT, editable=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: object, **kwargs: object) -> None:
        if self.issued_on and self.contract_id:  # derived: the contract's terms from the issue date
            self.due_on = self.issued_on + timedelta(days=self.contract.payment_terms_days)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status == InvoiceStatus.SENT and self.due_on < (today or timezone.localdate())

    @property
    def state(self) -> str:
        return "Overdue" if self.is_overdue() else str(self.get_status_display())


class InvoiceLine(BaseModel):
    """A line of an invoice: a month of the contract's schedule, one validated outcome, or anything else."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "invoice__contract__commissioner"

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="+", editable=False)
    kind = models.CharField(max_length=8, choices=[*LineKind.choices, ("other", "Other")], default="other")
    description = models.CharField(max_length=300)
    amount = money_field("amount (£)")
    month = models.DateField(null=True, blank=True, editable=False)
    outcome_claim = models.OneToOneField(
        "performance.OutcomeClaim", on_delete=models.PROTECT, null=True, blank=True, related_name="invoice_line"
    )

    class Meta:
        ordering = ["invoice", "pk"]
        constraints = [
            # A month of the schedule is invoiced once, as is each outcome (the one-to-one).
            models.UniqueConstraint(
                fields=["contract", "month"], condition=Q(kind="block"), name="invoiceline_block_once"
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def save(self, *args: object, **kwargs: object) -> None:
        if self.invoice_id:  # derived: the invoice's contract
            self.contract_id = self.invoice.contract_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Receipt(BaseModel):
    """Money received from a commissioner against an invoice."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "invoice__contract__commissioner"

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="receipts")
    received_on = models.DateField("received")
    amount = money_field("amount (£)")
    reference = models.CharField(max_length=100, blank=True, help_text="The bank statement's reference.")

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        if self.invoice_id and self.amount is not None:
            return f"£{self.amount:,.2f} for {self.invoice}"
        return "Receipt"

    def clean(self) -> None:
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": "A receipt is for more than £0.00."})
        if self.received_on and self.received_on > timezone.localdate():
            raise ValidationError({"received_on": "This date is in the future."})


class Budget(BaseModel):
    """The hub's budget for a financial year (1 April to 31 March)."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    year = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The year the financial year starts in: 2026 is 1 April 2026 to 31 March 2027.",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Budget {self.year}–{str(self.year + 1)[-2:]}" if self.year else "Budget"

    @property
    def starts_on(self) -> date:
        return date(self.year, 4, 1)

    @property
    def ends_on(self) -> date:
        return date(self.year + 1, 3, 31)


class BudgetLine(BaseModel):
    """One line of a budget: a cost line, income or expenditure, and the amount budgeted."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = None

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    cost_line = models.CharField(max_length=20, choices=CostLine.choices)
    description = models.CharField(max_length=200, blank=True)
    direction = models.CharField(max_length=8, choices=Direction.choices)
    amount = money_field("budgeted (£)")
    actual_entered = money_field(
        "actual (£)",
        null=True,
        blank=True,
        help_text="For lines not counted from the records (grants, staff, premises, other).",
    )

    class Meta:
        ordering = ["budget", "direction", "cost_line", "description", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "cost_line", "description"], name="budgetline_once"),
        ]

    def __str__(self) -> str:
        label = str(self.get_cost_line_display()) if self.cost_line else "Budget line"
        return f"{label}: {self.description}" if self.description else label

    def clean(self) -> None:
        from consortia.finance.choices import COUNTED_DIRECTIONS

        direction = COUNTED_DIRECTIONS.get(CostLine(self.cost_line)) if self.cost_line in CostLine.values else None
        if direction is None:
            return
        if self.direction and self.direction != direction:
            raise ValidationError(
                {"direction": f"{self.get_cost_line_display()} is {Direction(direction).label.lower()}."}
            )
        if self.actual_entered is not None:
            raise ValidationError(
                {"actual_entered": f"The actual for {self.get_cost_line_display()} is counted from the records."}
            )
        if self.budget_id and (
            BudgetLine.objects.filter(budget_id=self.budget_id, cost_line=self.cost_line).exclude(pk=self.pk).exists()
        ):
            raise ValidationError(
                {"cost_line": f"{self.budget} already has a line for {self.get_cost_line_display()}."}
            )
