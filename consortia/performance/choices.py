"""The fixed lists of the performance app."""

from __future__ import annotations

from django.db import models


class Unit(models.TextChoices):
    """What a KPI's value counts; a member's share of the target applies to the additive ones."""

    NUMBER = "number", "Number"
    PERCENTAGE = "percentage", "Percentage"
    MONEY = "money", "Money (£)"
    DAYS = "days", "Days"
    YES_NO = "yes_no", "Yes or no"


# Units whose values add up across members (a member's target is its share of the contract's).
ADDITIVE_UNITS = (Unit.NUMBER, Unit.MONEY)


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Frequency(models.TextChoices):
    """How often a KPI is reported; the number is its length in months."""

    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUALLY = "annually", "Annually"


MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUALLY: 12}


class ReturnStatus(models.TextChoices):
    """Where a monitoring return stands: the member fills it in, the hub validates or queries it."""

    DUE = "due", "Due"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    QUERIED = "queried", "Queried"
    VALIDATED = "validated", "Validated"


# The statuses in which the member may still change the return.
MEMBER_EDITABLE = (ReturnStatus.DUE, ReturnStatus.DRAFT, ReturnStatus.QUERIED)


class CommentKind(models.TextChoices):
    QUERY = "query", "Query from the hub"
    REPLY = "reply", "Reply from the member"
    NOTE = "note", "Note"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class PlanStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon (to the member)"
    LATE = "late", "Late (to the member)"
    MISSING = "missing", "Missing (to the member and the hub)"
