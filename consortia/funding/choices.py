"""The fixed lists of the funding app."""

from __future__ import annotations

from django.db import models


class FundingKind(models.TextChoices):
    """What kind of money a funder's programme offers."""

    GRANT = "grant", "Grant"
    DEVELOPMENT = "development", "Development grant"
    LOAN = "loan", "Repayable finance (loan)"
    SOCIAL_INVESTMENT = "social_investment", "Social investment"
    CONTRACT = "contract", "Contract"


class ProspectStatus(models.TextChoices):
    RESEARCHING = "researching", "Researching"
    TO_APPLY = "to_apply", "To apply"
    NOT_PURSUING = "not_pursuing", "Not pursuing"


class ApplicationStatus(models.TextChoices):
    DRAFTING = "drafting", "Drafting"
    SUBMITTED = "submitted", "Submitted"
    AWARDED = "awarded", "Awarded"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    COMPLETED = "completed", "Completed"


# Where an application may go next from each status (the services refuse anything else).
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    ApplicationStatus.DRAFTING: (ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN),
    ApplicationStatus.SUBMITTED: (ApplicationStatus.AWARDED, ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN),
    ApplicationStatus.AWARDED: (ApplicationStatus.COMPLETED, ApplicationStatus.WITHDRAWN),
    ApplicationStatus.DECLINED: (),
    ApplicationStatus.WITHDRAWN: (),
    ApplicationStatus.COMPLETED: (),
}
# The statuses in which an application holds an award (and so has payments and reports).
WITH_AWARD = (ApplicationStatus.AWARDED, ApplicationStatus.COMPLETED)


class MoneyKind(models.TextChoices):
    """What the money is for VAT and for the hub's accounts."""

    GRANT = "grant", "Grant (outside the scope of VAT; may be clawed back if conditions are not met)"
    CONTRACT = "contract", "Contract payment (for services: VAT may apply)"


class ReminderKind(models.TextChoices):
    """Which reminder about a report due to a funder has been sent."""

    DAYS_30 = "days_30", "Due in 30 days"
    DAYS_7 = "days_7", "Due in 7 days"
    OVERDUE = "overdue", "Overdue"


class RecipientType(models.TextChoices):
    """The kind of organisation a grant went to (from its org-id prefix or its own fields)."""

    CHARITY = "charity", "Charity"
    COMPANY = "company", "Company"
    EDUCATION = "education", "School, college or university"
    PUBLIC = "public", "Public body"
    MUTUAL = "mutual", "Co-operative or community benefit society"
    INDIVIDUAL = "individual", "Individual"
    OTHER = "other", "Other or not known"


class AmountBand(models.TextChoices):
    UNDER_10K = "under_10k", "Under £10,000"
    TO_50K = "10k_50k", "£10,000 to £49,999"
    TO_100K = "50k_100k", "£50,000 to £99,999"
    TO_500K = "100k_500k", "£100,000 to £499,999"
    OVER_500K = "500k_plus", "£500,000 or more"


# band -> (lowest, below): amounts from `lowest` up to but not including `below`.
AMOUNT_BANDS: dict[str, tuple[int | None, int | None]] = {
    AmountBand.UNDER_10K: (None, 10_000),
    AmountBand.TO_50K: (10_000, 50_000),
    AmountBand.TO_100K: (50_000, 100_000),
    AmountBand.TO_500K: (100_000, 500_000),
    AmountBand.OVER_500K: (500_000, None),
}
