"""The fixed lists of the policies app."""

from __future__ import annotations

from django.db import models


class PolicyKind(models.TextChoices):
    POLICY = "policy", "Policy"
    PROCEDURE = "procedure", "Procedure"


class Audience(models.TextChoices):
    """Which member organisations must acknowledge a policy."""

    ALL = "all", "All active members"
    CHOSEN = "chosen", "Chosen member organisations"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"


class ReminderKind(models.TextChoices):
    """What a reminder to a policy's owner is about."""

    SIXTY_DAYS = "60_days", "Review due in 60 days"
    FOURTEEN_DAYS = "14_days", "Review due in 14 days"
    OVERDUE = "overdue", "Review overdue"


class RiskCategory(models.TextChoices):
    STRATEGIC = "strategic", "Strategic"
    FINANCIAL = "financial", "Financial"
    OPERATIONAL = "operational", "Operational"
    REPUTATIONAL = "reputational", "Reputational"
    COMPLIANCE = "compliance", "Compliance"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    CONTRACTUAL = "contractual", "Contractual"
    PEOPLE = "people", "People"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Trend(models.TextChoices):
    """How the risk moved between its last two reviews (its residual score)."""

    UP = "up", "Rising"
    DOWN = "down", "Falling"
    STEADY = "steady", "Steady"


class RiskRating(models.TextChoices):
    """The RAG rating of a score (likelihood × impact): green 1–4, amber 5–12, red 15–25."""

    RED = "red", "Red (high)"
    AMBER = "amber", "Amber (medium)"
    GREEN = "green", "Green (low)"


def rating(score: int | None) -> str | None:
    """The RAG rating of a likelihood × impact score."""
    if not score:
        return None
    if score >= 15:
        return RiskRating.RED
    if score >= 5:
        return RiskRating.AMBER
    return RiskRating.GREEN


LIKELIHOOD_LABELS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_LABELS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}
