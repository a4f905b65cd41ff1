"""Fixed lists used by the hub's set-up records."""

from django.db import models


class AppraisalStatus(models.TextChoices):
    OPEN = "open", "Open for scoring"
    CLOSED = "closed", "Scoring closed"


class DelivererKind(models.TextChoices):
    JOB_ROLE = "job_role", "Hub job role"
    MEMBER = "member", "Member organisation"
    EXTERNAL = "external", "External organisation"
    BOARD = "board", "The board"
    COMMITTEE = "committee", "A committee or working group"


class Raci(models.TextChoices):
    RESPONSIBLE = "R", "Responsible (does the work)"
    ACCOUNTABLE = "A", "Accountable (signs it off)"
    CONSULTED = "C", "Consulted"
    INFORMED = "I", "Informed"


class Comparison(models.TextChoices):
    AT_MOST = "at_most", "At most (lower is better)"
    AT_LEAST = "at_least", "At least (higher is better)"


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", "working days"
    DAYS = "days", "days"
    PERCENT = "percent", "%"
    COUNT = "count", "count"
    POUNDS = "pounds", "£"


class Period(models.TextChoices):
    MONTH = "month", "Monthly"
    QUARTER = "quarter", "Quarterly"
    YEAR = "year", "Yearly"


class Rag(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class ReviewCadence(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    HALF_YEARLY = "half_yearly", "Every six months"
    YEARLY = "yearly", "Yearly"


class FeeBasis(models.TextChoices):
    ANNUAL = "annual", "Fixed annual fee"
    MONTHLY = "monthly", "Fixed monthly fee"
    HOURLY = "hourly", "Per hour worked"
    PERCENT = "percent", "Percentage of contract income"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed, not yet started"
    ACTIVE = "active", "In force"
    ENDED = "ended", "Ended"


class WorkplanStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DEFERRED = "deferred", "Deferred"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved by the board"
    SUPERSEDED = "superseded", "Superseded"


class Progress(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    NO_DATA = "no_data", "No data"
