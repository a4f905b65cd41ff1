"""Fixed lists used by job roles, recruitment, staff and timesheets."""

from django.db import models


class ContractType(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    FIXED_TERM = "fixed_term", "Fixed-term"
    CONSULTANCY = "consultancy", "Consultancy"
    SECONDMENT = "secondment", "Secondment or shared"


class RoleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"


class CriterionCategory(models.TextChoices):
    QUALIFICATIONS = "qualifications", "Qualifications"
    EXPERIENCE = "experience", "Experience"
    SKILLS = "skills", "Skills and abilities"
    KNOWLEDGE = "knowledge", "Knowledge"
    VALUES = "values", "Values and behaviours"
    OTHER = "other", "Other requirements"


class Requirement(models.TextChoices):
    ESSENTIAL = "essential", "Essential"
    DESIRABLE = "desirable", "Desirable"


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    SHORTLISTING = "shortlisting", "Shortlisting"
    INTERVIEWING = "interviewing", "Interviewing"
    FILLED = "filled", "Filled"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ApplicationStage(models.TextChoices):
    RECEIVED = "received", "Received"
    SHORTLISTED = "shortlisted", "Shortlisted"
    NOT_SHORTLISTED = "not_shortlisted", "Not shortlisted"
    INTERVIEWED = "interviewed", "Interviewed"
    OFFERED = "offered", "Offered"
    APPOINTED = "appointed", "Appointed"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AssessmentStage(models.TextChoices):
    SHORTLISTING = "shortlisting", "Shortlisting"
    INTERVIEW = "interview", "Interview"


class TimesheetStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved and locked"


# Equal-opportunities monitoring: categories follow the ONS 2021 census groupings, shortened.
class AgeBand(models.TextChoices):
    UNDER_25 = "16-24", "16 to 24"
    FROM_25 = "25-34", "25 to 34"
    FROM_35 = "35-44", "35 to 44"
    FROM_45 = "45-54", "45 to 54"
    FROM_55 = "55-64", "55 to 64"
    OVER_65 = "65+", "65 or over"
    UNSAID = "unsaid", "Prefer not to say"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    UNSAID = "unsaid", "Prefer not to say"


class EthnicGroup(models.TextChoices):
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    UNSAID = "unsaid", "Prefer not to say"


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNSAID = "unsaid", "Prefer not to say"


class InterestNature(models.TextChoices):
    """How a person is connected to an organisation that may gain from the hub's decisions."""

    TRUSTEE = "trustee", "Trustee, director or committee member"
    EMPLOYEE = "employee", "Employee"
    SHAREHOLDER = "shareholder", "Shareholder or owner"
    VOLUNTEER = "volunteer", "Volunteer"
    FAMILY = "family", "A family member or close friend works there or governs it"
    FINANCIAL = "financial", "Other financial interest (paid work, a loan, a gift)"
    OTHER = "other", "Other"


class RegisterState(models.TextChoices):
    """Where a person's yearly confirmation of their declarations stands."""

    CURRENT = "current", "Confirmed"
    DUE_SOON = "due_soon", "Due for renewal"
    OVERDUE = "overdue", "Overdue"
    NEVER = "never", "Never confirmed"


class InterestReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Renewal due soon"
    OVERDUE = "overdue", "Renewal overdue"
