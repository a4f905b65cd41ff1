"""The fixed lists of the bids app."""

from __future__ import annotations

from django.db import models


class BidStatus(models.TextChoices):
    """Where the bid stands; the opportunity's pipeline stage follows it."""

    WRITING = "writing", "Being written"
    SUBMITTED = "submitted", "Submitted"
    WON = "won", "Won"
    LOST = "lost", "Lost"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Outcome(models.TextChoices):
    WON = "won", "Won"
    LOST = "lost", "Lost"


class QuestionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFTING = "drafting", "Drafting"
    REVIEW = "review", "In review"
    FINAL = "final", "Final"


# What a partner may set from the portal: "final" is the hub's call.
PARTNER_STATUSES = (QuestionStatus.NOT_STARTED, QuestionStatus.DRAFTING, QuestionStatus.REVIEW)


class LimitKind(models.TextChoices):
    WORDS = "words", "Words"
    CHARACTERS = "characters", "Characters"


class PartnerRole(models.TextChoices):
    LEAD = "lead", "Lead delivery partner"
    PARTNER = "partner", "Delivery partner"
    SPECIALIST = "specialist", "Specialist or niche provider"


class EntryKind(models.TextChoices):
    ANSWER = "answer", "Reusable answer"
    CASE_STUDY = "case_study", "Case study"


class Freshness(models.TextChoices):
    FRESH = "fresh", "Fresh"
    NEEDS_REVIEW = "needs_review", "Needs review"
    OUT_OF_DATE = "out_of_date", "Out of date"
