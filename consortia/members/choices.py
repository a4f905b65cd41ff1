"""Fixed lists used by membership, capabilities and due diligence."""

from django.db import models


class Tier(models.TextChoices):
    FULL = "full", "Full member"
    ASSOCIATE = "associate", "Associate member"
    PARTNER = "partner", "Partner (non-member supplier)"


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", "Applicant"
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    LAPSED = "lapsed", "Lapsed"
    LEFT = "left", "Left"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft (not yet sent)"
    SUBMITTED = "submitted", "Waiting for a decision"
    MORE_INFO = "more_info", "More information asked for"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", "Yes or no"
    TEXT = "text", "Written answer"
    CHOICE = "choice", "One of a list"


class RequirementKind(models.TextChoices):
    DOCUMENT = "document", "A document"
    ANSWER = "answer", "A written answer"


class Verifier(models.TextChoices):
    HUB_MANAGER = "hub_manager", "Hub manager"
    CONTRACTS = "contracts", "Contracts and performance officer"
    FINANCE = "finance", "Finance officer"


class EvidenceStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting to be checked"
    VERIFIED = "verified", "Checked and accepted"
    REJECTED = "rejected", "Not accepted"


class DbsLevel(models.TextChoices):
    BASIC = "basic", "Basic"
    STANDARD = "standard", "Standard"
    ENHANCED = "enhanced", "Enhanced"
    ENHANCED_BARRED = "enhanced_barred", "Enhanced with barred list"


class Rag(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class ReminderKind(models.TextChoices):
    DAYS_60 = "60", "60 days before expiry"
    DAYS_30 = "30", "30 days before expiry"
    DAYS_7 = "7", "7 days before expiry"
    EXPIRED = "expired", "Expired (to the hub)"
