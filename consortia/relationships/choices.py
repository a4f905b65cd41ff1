"""The fixed lists of the relationships app."""

from __future__ import annotations

from django.db import models


class Health(models.TextChoices):
    """How the relationship with a commissioner stands, in the hub's judgement."""

    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class InteractionKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    CALL = "call", "Call"
    EVENT = "event", "Event"
    CONSULTATION = "consultation", "Consultation response"
    MARKET = "market", "Market engagement"
    EMAIL = "email", "E-mail"


class Quadrant(models.TextChoices):
    """Where a commissioner sits on the influence × interest grid, and what the hub does about it."""

    MANAGE = "manage", "Manage closely"
    SATISFY = "satisfy", "Keep satisfied"
    INFORM = "inform", "Keep informed"
    MONITOR = "monitor", "Monitor"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due within three days"
    OVERDUE = "overdue", "Overdue"


class EndBasis(models.TextChoices):
    """Where a contract's end date on the radar was read from in the notice."""

    CONTRACT = "contract", "The signed contract's period"
    AWARD = "award", "The award's contract period"
    TENDER = "tender", "The tender's planned contract period"
