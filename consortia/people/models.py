"""The hub's people: job roles, recruitment, staff and their time.

A job role's responsibilities come from the hub tasks allocated to it (`hub.TaskAllocation`);
its person specification lists criteria that recruitment scores applicants against. Staff may
be employed by the consortium, a member or a CVS; shared staff record weekly timesheets so that
recharges can be checked against the cost of the hours given. All of these are the hub's own
records: member organisation users never see them.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from consortia.core.models import BaseModel, OwnRowsQuerySet, hours_field, money_field
from consortia.people.choices import (
    AgeBand,
    ApplicationStage,
    AssessmentStage,
    ContractType,
    CriterionCategory,
    Disability,
    EthnicGroup,
    InterestNature,
    InterestReminderKind,
    Requirement,
    RoleStatus,
    Sex,
    TimesheetStatus,
    VacancyStatus,
)

WEEK_HOURS_MAX = Decimal(7 * 24)


class JobRole(BaseModel):
    """A job in the hub: its job description and, through its criteria, its person specification."""

    title = models.CharField(max_length=200, unique=True)
    purpose = models.TextField(help_text="Why the job exists, in a paragraph.")
    reports_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports", verbose_name="reports to"
    )
    reports_to_other = models.CharField(
        "reports to (not a hub role)", max_length=200, blank=True, help_text="E.g. the chair of the board."
    )
    hours_per_week = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(60))]
    )
    fte = models.DecimalField(
        "FTE", max_digits=3, decimal_places=2, validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]
    )
    salary_from = money_field("salary from (£ a year)", null=True, blank=True)
    salary_to = money_field("salary to (£ a year)", null=True, blank=True)
    day_rate = money_field("day rate (£)", null=True, blank=True)
    contract_type = models.CharField(max_length=20, choices=ContractType.choices, default=ContractType.PERMANENT)
    location = models.CharField(max_length=200, blank=True)
    responsibilities = models.TextField(
        blank=True, help_text="One per line. Drawn from the hub tasks allocated to this role; edit freely."
    )
    status = models.CharField(max_length=10, choices=RoleStatus.choices, default=RoleStatus.DRAFT)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.salary_from and self.salary_to and self.salary_to < self.salary_from:
            raise ValidationError({"salary_to": "The top of the salary range is below the bottom."})
        if self.contract_type == ContractType.CONSULTANCY and not self.day_rate and not self.salary_from:
            raise ValidationError({"day_rate": "Give the day rate for a consultancy role."})
        if self.status == RoleStatus.AGREED and not self.has_essential_criterion():
            raise ValidationError(
                {
                    "status": "A job role cannot be agreed until its person specification has at least one "
                    "essential criterion. Add the criteria first, then mark the role as agreed."
                }
            )

    def has_essential_criterion(self) -> bool:
        return self.pk is not None and self.criteria.filter(requirement=Requirement.ESSENTIAL).exists()


class PersonSpecCriterion(BaseModel):
    """One criterion of a job role's person specification, and how it is assessed."""

    job_role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="criteria")
    category = models.CharField(max_length=20, choices=CriterionCategory.choices, default=CriterionCategory.EXPERIENCE)
    text = models.CharField("criterion", max_length=400)
    requirement = models.CharField(max_length=10, choices=Requirement.choices, default=Requirement.ESSENTIAL)
    at_application = models.BooleanField("assessed at application", default=True)
    at_test = models.BooleanField("assessed by a test", default=False)
    at_interview = models.BooleanField("assessed at interview", default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["job_role", "order", "pk"]
        verbose_name = "person specification criterion"
        verbose_name_plural = "person specification criteria"

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if not (self.at_application or self.at_test or self.at_interview):
            raise ValidationError("Say how the criterion is assessed: at application, by a test or at interview.")


class Vacancy(BaseModel):
    """A job role being recruited to."""

    job_role = models.ForeignKey(JobRole, on_delete=models.PROTECT, related_name="vacancies")
    reference = models.CharField(max_length=30, unique=True)
    status = models.CharField(max_length=20, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT)
    opens_on = models.DateField(null=True, blank=True)
    closing_date = models.DateField()
    shortlisting_date = models.DateField(null=True, blank=True)
    interview_dates = models.CharField(max_length=200, blank=True, help_text="E.g. 14/04/2026 and 15/04/2026.")
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="panels", blank=True)
    retention_months = models.PositiveSmallIntegerField(
        "keep unsuccessful applicants' data for (months)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )

    class Meta:
        ordering = ["-closing_date"]
        verbose_name_plural = "vacancies"

    def __str__(self) -> str:
        return f"{self.reference} {self.job_role}"

    def clean(self) -> None:
        if self.opens_on and self.closing_date and self.closing_date < self.opens_on:
            raise ValidationError({"closing_date": "The closing date is before the vacancy opens."})
        if self.shortlisting_date and self.closing_date and self.shortlisting_date < self.closing_date:
            raise ValidationError({"shortlisting_date": "Shortlisting cannot start before the closing date."})


class Application(BaseModel):
    """An applicant for a vacancy, their documents, and where they are in the process."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    received_on = models.DateField()
    cv = models.FileField("CV", upload_to="recruitment/%Y/", blank=True)
    supporting_statement = models.FileField(upload_to="recruitment/%Y/", blank=True)
    stage = models.CharField(max_length=20, choices=ApplicationStage.choices, default=ApplicationStage.RECEIVED)
    decision_notes = models.TextField(blank=True)
    offered_on = models.DateField(null=True, blank=True)
    offer_accepted_on = models.DateField(null=True, blank=True)
    personal_data_deleted_on = models.DateField(
        null=True, blank=True, editable=False, help_text="Set when the retention period ended."
    )

    class Meta:
        ordering = ["vacancy", "last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class OwnScoresQuerySet(OwnRowsQuerySet):
    """Panel members change only their own scores; whoever may change the vacancy changes any."""

    owner_path = "panel_member"
    override_permission = "people.change_vacancy"


class Assessment(BaseModel):
    """One panel member's score of one applicant against one criterion, at shortlisting or interview."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(PersonSpecCriterion, on_delete=models.PROTECT, related_name="assessments")
    panel_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments")
    stage = models.CharField(max_length=20, choices=AssessmentStage.choices)
    score = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(3)], help_text="0 not met, 1 partly met, 2 met, 3 exceeded."
    )
    comment = models.CharField(max_length=500, blank=True)

    objects = OwnScoresQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["application", "stage", "criterion", "panel_member"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "panel_member", "stage"], name="people_assessment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} on {self.criterion}: {self.score}"

    def clean(self) -> None:
        if self.score is not None and self.score > 3:
            raise ValidationError({"score": f"Scores run from 0 to 3; {self.score} is outside the scale."})
        if not (self.application_id and self.criterion_id):
            return
        criterion, vacancy = self.criterion, self.application.vacancy
        if criterion.job_role_id != vacancy.job_role_id:
            raise ValidationError(
                {"criterion": f"“{criterion}” is not in the person specification of {vacancy.job_role}."}
            )
        if self.stage == AssessmentStage.SHORTLISTING and not criterion.at_application:
            raise ValidationError(
                {"criterion": f"“{criterion}” is not assessed at application, so not at shortlisting."}
            )
        if self.stage == AssessmentStage.INTERVIEW and not (criterion.at_interview or criterion.at_test):
            raise ValidationError({"criterion": f"“{criterion}” is not assessed at interview or by a test."})


class EqualOpportunitiesReturn(models.Model):
    """An applicant's equal-opportunities form, kept apart from their application.

    Deliberately linked to the vacancy only, with no history and no author, so nothing joins it
    back to a person or to shortlisting; it is reported in aggregate only.
    """

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="equal_opportunities_returns")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, default=AgeBand.UNSAID)
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNSAID)
    ethnic_group = models.CharField(max_length=10, choices=EthnicGroup.choices, default=EthnicGroup.UNSAID)
    disability = models.CharField(max_length=10, choices=Disability.choices, default=Disability.UNSAID)

    class Meta:
        verbose_name = "equal-opportunities return"

    def __str__(self) -> str:
        return f"Equal-opportunities return for {self.vacancy}"


class StaffMember(BaseModel):
    """Someone who works for the hub, employed by the consortium, a member or a CVS."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_record",
        help_text="Their login, so they can record their own time.",
    )
    job_role = models.ForeignKey(JobRole, null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    employer = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="hub_staff", verbose_name="employed by"
    )
    fte = models.DecimalField(
        "FTE for the hub",
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    cost_rate = models.DecimalField(
        "cost rate (£ an hour)",
        help_text="Salary and on-costs per hour worked.",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    appointed_from = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="appointment"
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = "staff member"

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})


class OwnTimeQuerySet(OwnRowsQuerySet):
    """Staff change only their own timesheets; whoever may approve timesheets changes any."""

    owner_path = "staff__user"
    override_permission = "people.approve_timesheet"


class EntryQuerySet(OwnTimeQuerySet):
    owner_path = "timesheet__staff__user"


class Timesheet(BaseModel):
    """A staff member's week of hub work: drafted, submitted, then approved and locked.

    An approved timesheet cannot change until it is reopened; reopening needs a reason, which
    the history keeps with who reopened it and when.
    """

    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="timesheets")
    week_start = models.DateField("week beginning", help_text="A Monday.")
    status = models.CharField(max_length=10, choices=TimesheetStatus.choices, default=TimesheetStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    reopen_reason = models.CharField(max_length=500, blank=True, editable=False)
    notes = models.TextField(blank=True)

    objects = OwnTimeQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["-week_start", "staff"]
        permissions = [("approve_timesheet", "Approve, lock and reopen timesheets")]
        constraints = [models.UniqueConstraint(fields=["staff", "week_start"], name="people_timesheet_one_a_week")]

    def __str__(self) -> str:
        return f"{self.staff}, week beginning {self.week_start:%d/%m/%Y}"

    def clean(self) -> None:
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": "A timesheet week begins on a Monday."})

    @property
    def locked(self) -> bool:
        return self.status == TimesheetStatus.APPROVED


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class TimesheetEntry(BaseModel):
    """A line of a timesheet: hours each day on one hub function or task."""

    timesheet = models.ForeignKey(Timesheet, on_delete=models.CASCADE, related_name="entries")
    function = models.ForeignKey("hub.HubFunction", on_delete=models.PROTECT, related_name="timesheet_entries")
    task = models.ForeignKey(
        "hub.HubTask", null=True, blank=True, on_delete=models.PROTECT, related_name="timesheet_entries"
    )
    description = models.CharField(max_length=300, blank=True)
    mon = hours_field("Mon", max_hours=24, max_digits=4, decimal_places=2, default=Decimal(0))
    tue = hours_field("Tue", max_hours=24, max_digits=4, decimal_places=2, default=Decimal(0))
    wed = hours_field("Wed", max_hours=24, max_digits=4, decimal_places=2, default=Decimal(0))
    thu = hours_field("Thu", max_hours=24, max_digits=4, decimal_places=2, default=Decimal(0))
    fri = hours_field("Fri", max_hours=24, max_digits=4, decimal_places=2, default=Decimal(0))
    sat = hours_field("Sat", max_hours=24, max_digits=4, decimal_places=2, default=Decimal(0))
    sun = hours_field("Sun", max_hours=24, max_digits=4, decimal_places=2, default=Decimal(0))

    objects = EntryQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["timesheet", "pk"]
        verbose_name_plural = "timesheet entries"

    def __str__(self) -> str:
        return f"{self.task or self.function}: {self.total} hours"

    @property
    def total(self) -> Decimal:
        return sum((getattr(self, day) or Decimal(0) for day in DAYS), Decimal(0))

    def clean(self) -> None:
        if self.task is not None and self.function_id and self.task.function_id != self.function_id:
            raise ValidationError({"task": f"That task belongs to {self.task.function}, not {self.function}."})


class Recharge(BaseModel):
    """An amount the consortium paid or invoiced an employing organisation for its staff's time."""

    employer = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="hub_recharges")
    period_start = models.DateField()
    period_end = models.DateField()
    amount = money_field("amount (£)")
    reference = models.CharField(max_length=100, blank=True, help_text="The invoice or payment reference.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-period_start", "employer"]

    def __str__(self) -> str:
        return f"{self.employer}: £{self.amount} ({self.period_start:%d/%m/%Y} to {self.period_end:%d/%m/%Y})"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period ends before it starts."})


class DeclaredInterest(BaseModel):
    """A person's declared interest in an organisation, such as being a trustee of a member.

    Decisions that could benefit that organisation (bid/no-bid, partner allocation, payments)
    leave the person's say out and record why: see `people.services.interests`.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="declared_interests", verbose_name="who"
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="declared_interests"
    )
    nature = models.CharField(max_length=20, choices=InterestNature.choices)
    details = models.TextField(blank=True, help_text="What the connection is, in a sentence or two.")
    declared_on = models.DateField("declared on")
    ended_on = models.DateField("ended on", null=True, blank=True, help_text="When the connection ended, if it has.")

    class Meta:
        ordering = ["person__full_name", "organisation__name", "-declared_on"]

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation}"

    def clean(self) -> None:
        if self.ended_on and self.declared_on and self.ended_on < self.declared_on:
            raise ValidationError({"ended_on": "The interest cannot end before it was declared."})


class InterestReturn(BaseModel):
    """A person's yearly confirmation that their entries in the register of interests are complete
    and current (or that they have none to declare). A year after the last one, they are asked
    again: see `people.services.interests`."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interest_returns", verbose_name="who"
    )
    confirmed_on = models.DateField("confirmed on")
    nothing_to_declare = models.BooleanField(
        "nothing to declare", default=False, help_text="They have no interests in any organisation to declare."
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-confirmed_on", "person__full_name"]
        indexes = [models.Index(fields=["person", "-confirmed_on"], name="people_interestreturn_latest")]

    def __str__(self) -> str:
        return f"{self.person}, {self.confirmed_on:%d/%m/%Y}"

    def clean(self) -> None:
        from consortia.people.services.interests import check_nothing_to_declare

        if self.nothing_to_declare and self.person_id and self.confirmed_on:
            check_nothing_to_declare(self.person, self.confirmed_on)


class InterestReminder(models.Model):
    """A reminder sent about renewing declarations, kept so that none is sent twice."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    kind = models.CharField(max_length=20, choices=InterestReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "due_on", "kind"], name="people_interestreminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.person_id}, due {self.due_on:%d/%m/%Y}"
