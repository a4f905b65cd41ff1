"""The fixed lists of the finance app."""

from __future__ import annotations

from django.db import models


class FeeKind(models.TextChoices):
    """How the hub's management fee (the top-slice) is taken from a payment to a member."""

    PERCENT = "percent", "Percentage of each payment"
    FLAT = "flat", "Flat amount per payment"
    TIERED = "tiered", "Tiered percentages (bands)"


class RunStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"


class LineKind(models.TextChoices):
    BLOCK = "block", "Block payment"
    OUTCOME = "outcome", "Outcome payment"


class InvoiceStatus(models.TextChoices):
    """Stored states; an invoice still "sent" after its due date is shown as overdue."""

    SENT = "sent", "Sent"
    PAID = "paid", "Paid"


class Direction(models.TextChoices):
    INCOME = "income", "Income"
    EXPENSE = "expense", "Expenditure"


class CostLine(models.TextChoices):
    """A budget line; those with a source have their actuals counted from the records."""

    CONTRACT_INCOME = "contract_income", "Contract income (receipts from commissioners)"
    MANAGEMENT_FEE = "management_fee", "Management fee income (the top-slice)"
    MEMBER_PAYMENTS = "member_payments", "Payments to members"
    STAFF_RECHARGES = "staff_recharges", "Shared-staff recharges"
    GRANTS = "grants", "Grants and other income"
    STAFF = "staff", "Hub staff costs"
    PREMISES = "premises", "Premises and office"
    OTHER = "other", "Other"


# The budget lines whose actuals are counted from the records, not entered, and their direction.
COUNTED_DIRECTIONS = {
    CostLine.CONTRACT_INCOME: Direction.INCOME,
    CostLine.MANAGEMENT_FEE: Direction.INCOME,
    CostLine.MEMBER_PAYMENTS: Direction.EXPENSE,
    CostLine.STAFF_RECHARGES: Direction.EXPENSE,
}
COUNTED_LINES = set(COUNTED_DIRECTIONS)
