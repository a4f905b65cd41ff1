"""The hub's set-up: how it is delivered, what it does, who does it, and to what standard.

The stage-8 toolkit: an options appraisal of the four delivery models ends in a decision; the
hub's functions (its ten roles) break into tasks, each allocated to deliverers with RACI
letters; service standards say how well the hub must do them; an outsourced hub has a service
agreement; the year-1 workplan says when. All of these are the hub's own records: member
organisation users never see them (`organisation_field = None`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel, OwnRowsQuerySet, hours_field, money_field
from consortia.hub.choices import (
    AgreementStatus,
    AppraisalStatus,
    Comparison,
    DelivererKind,
    FeeBasis,
    Period,
    PlanStatus,
    Raci,
    Rag,
    ReviewCadence,
    Unit,
    WorkplanStatus,
)


class DeliveryModel(BaseModel):
    """One way of delivering the hub: central staff team, virtual hub, or outsourced.

    The four models of the sector guidance are loaded by a migration; their wording, pros and
    cons can be edited. `needs_provider` marks the outsourced models, whose decision must name
    the organisation that will deliver the hub.
    """

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=100, unique=True)
    summary = models.TextField(help_text="What the model is, in a paragraph.")
    advantages = models.TextField(blank=True, help_text="One per line.")
    disadvantages = models.TextField(blank=True, help_text="One per line.")
    suits = models.TextField("suits", blank=True, help_text="The kind of consortium this model suits.")
    needs_provider = models.BooleanField(
        "delivered by another organisation", default=False, help_text="The decision must name the provider."
    )
    provider_is_member = models.BooleanField(
        "provider is a member", default=False, help_text="The provider is one of the consortium's own members."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "hub delivery model"

    def __str__(self) -> str:
        return self.name


class Appraisal(BaseModel):
    """An options appraisal: the delivery models scored against weighted criteria by each scorer."""

    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True, help_text="What is being decided, and by whom.")
    status = models.CharField(max_length=10, choices=AppraisalStatus.choices, default=AppraisalStatus.OPEN)
    scale_max = models.PositiveSmallIntegerField(
        "highest score",
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text="Scores run from 0 to this number.",
    )
    options = models.ManyToManyField(DeliveryModel, related_name="appraisals", verbose_name="options appraised")
    scorers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="appraisals",
        blank=True,
        help_text="Board or working-group members asked to score.",
    )
    closes_on = models.DateField("scoring closes", null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title


class AppraisalCriterion(BaseModel):
    """A criterion the options are scored against, with its weight (weights are normalised)."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What a high score means.")
    weight = models.DecimalField(
        max_digits=6, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(Decimal(0))]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["appraisal", "order", "pk"]
        verbose_name_plural = "appraisal criteria"
        constraints = [models.UniqueConstraint(fields=["appraisal", "name"], name="hub_criterion_unique_name")]

    def __str__(self) -> str:
        return self.name


class ScoreQuerySet(OwnRowsQuerySet):
    """Scorers change only their own scores; whoever may change the appraisal changes any."""

    owner_path = "scorer"
    override_permission = "hub.change_appraisal"


class AppraisalScore(BaseModel):
    """One scorer's score for one option against one criterion."""

    criterion = models.ForeignKey(AppraisalCriterion, on_delete=models.CASCADE, related_name="scores")
    option = models.ForeignKey(DeliveryModel, on_delete=models.PROTECT, related_name="scores")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appraisal_scores")
    score = models.PositiveSmallIntegerField()
    comment = models.CharField(max_length=500, blank=True)

    objects = ScoreQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["criterion", "option", "scorer"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "option", "scorer"], name="hub_score_once_per_scorer")
        ]

    def __str__(self) -> str:
        return f"{self.option} on {self.criterion}: {self.score}"

    def clean(self) -> None:
        if not self.criterion_id:
            return
        appraisal = self.criterion.appraisal
        if self.score is not None and self.score > appraisal.scale_max:
            top = appraisal.scale_max
            raise ValidationError({"score": f"Scores run from 0 to {top}; {self.score} is outside the scale."})
        if appraisal.status == AppraisalStatus.CLOSED:
            raise ValidationError(f"Scoring has closed for “{appraisal}”.")
        if self.option_id and not appraisal.options.filter(pk=self.option_id).exists():
            raise ValidationError({"option": f"{self.option} is not one of the options in “{appraisal}”."})


class HubDecision(BaseModel):
    """The decision on how the hub is delivered: the first outcome of setting up the hub."""

    appraisal = models.ForeignKey(Appraisal, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions")
    chosen_model = models.ForeignKey(DeliveryModel, on_delete=models.PROTECT, related_name="decisions")
    provider = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hub_decisions",
        help_text="For an outsourced hub: the organisation that will deliver it.",
    )
    decided_on = models.DateField()
    decided_by = models.CharField(max_length=200, help_text="E.g. the board, at its meeting of 12/03/2026.")
    minute_reference = models.CharField(max_length=100, blank=True)
    rationale = models.TextField()

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.chosen_model} (decided {self.decided_on:%d/%m/%Y})"

    def clean(self) -> None:
        if self.chosen_model_id:
            if self.chosen_model.needs_provider and not self.provider_id:
                raise ValidationError({"provider": f"Name the organisation that will deliver a {self.chosen_model}."})
            if not self.chosen_model.needs_provider and self.provider_id:
                raise ValidationError({"provider": f"A {self.chosen_model} has no outside provider; leave this empty."})


class HubFunction(BaseModel):
    """One of the hub's roles (the ten of the sector guidance, loaded by a migration)."""

    name = models.CharField(max_length=200, unique=True)
    code = models.SlugField(max_length=40, unique=True)
    purpose = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "hub function"

    def __str__(self) -> str:
        return self.name


class HubTask(BaseModel):
    """A specific task within a function; retired tasks stay for history but leave the matrix."""

    function = models.ForeignKey(HubFunction, on_delete=models.PROTECT, related_name="tasks")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    oversees_members = models.BooleanField(
        "oversees members' work",
        default=False,
        help_text="Monitoring, paying or allocating work to members: a member must not do this for itself.",
    )
    retired = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["function__order", "order", "pk"]
        verbose_name = "hub task"
        constraints = [models.UniqueConstraint(fields=["function", "name"], name="hub_task_unique_name")]

    def __str__(self) -> str:
        return self.name


class Deliverer(BaseModel):
    """Someone who can deliver hub tasks: a job role, an organisation, the board or a committee."""

    kind = models.CharField(max_length=20, choices=DelivererKind.choices)
    name = models.CharField(max_length=200, unique=True)
    job_role = models.OneToOneField(
        "people.JobRole", null=True, blank=True, on_delete=models.CASCADE, related_name="deliverer"
    )
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="hub_deliverers"
    )
    hours_per_month = hours_field(
        "hours available a month", null=True, blank=True, help_text="Blank for a job role: taken from its hours a week."
    )

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == DelivererKind.JOB_ROLE and not self.job_role_id:
            raise ValidationError({"job_role": "Choose the job role."})
        if self.kind in (DelivererKind.MEMBER, DelivererKind.EXTERNAL) and not self.organisation_id:
            raise ValidationError({"organisation": "Choose the organisation."})
        if self.kind != DelivererKind.JOB_ROLE and self.job_role_id:
            raise ValidationError({"job_role": "Only a job-role deliverer names a job role."})

    @property
    def capacity(self) -> Decimal | None:
        """Hours a month this deliverer has for the hub."""
        if self.hours_per_month is not None:
            return self.hours_per_month
        if self.job_role is not None and self.job_role.hours_per_week:
            return (self.job_role.hours_per_week * 52 / 12).quantize(Decimal("0.1"))
        return None


class TaskAllocation(BaseModel):
    """Who delivers a task, and how: a RACI letter, hours a month and notes."""

    task = models.ForeignKey(HubTask, on_delete=models.CASCADE, related_name="allocations")
    deliverer = models.ForeignKey(Deliverer, on_delete=models.CASCADE, related_name="allocations")
    raci = models.CharField("RACI", max_length=1, choices=Raci.choices)
    hours_per_month = hours_field("hours a month", default=Decimal(0))
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["task__function__order", "task__order", "task_id", "raci", "deliverer__name"]
        constraints = [models.UniqueConstraint(fields=["task", "deliverer"], name="hub_allocation_once")]

    def __str__(self) -> str:
        return f"{self.task}: {self.deliverer} ({self.raci})"


class ServiceStandard(BaseModel):
    """A standard the hub commits to, with a target and a measure.

    `measure` names a measure in `hub.measures` that is computed from live records; blank means
    readings are entered by hand (`StandardReading`).
    """

    function = models.ForeignKey(HubFunction, on_delete=models.PROTECT, related_name="standards")
    name = models.CharField("standard", max_length=300, help_text="What the hub commits to, in a sentence.")
    measure = models.CharField(max_length=80, blank=True, help_text="Computed from records; blank for hand entry.")
    target = models.DecimalField(max_digits=10, decimal_places=2)
    comparison = models.CharField(max_length=10, choices=Comparison.choices, default=Comparison.AT_MOST)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.WORKING_DAYS)
    amber_margin = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text="How far short of the target is amber rather than red.",
    )
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.MONTH)
    responsible = models.ForeignKey(
        Deliverer, null=True, blank=True, on_delete=models.SET_NULL, related_name="standards"
    )
    agreed_on = models.DateField(null=True, blank=True, help_text="When the board agreed it; blank while a draft.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["function__order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.measure:
            from consortia.hub import measures

            found = measures.get(self.measure)
            if found is None:
                raise ValidationError({"measure": "Choose one of the listed measures, or enter readings by hand."})
            # A computed figure comes in its measure's unit.
            self.unit = found.unit

    @property
    def measure_label(self) -> str:
        """How the standard is measured, in words."""
        from consortia.hub import measures

        if not self.measure:
            return "Entered by hand"
        found = measures.get(self.measure)
        return f"Computed: {found.label}" if found else f"Unknown measure “{self.measure}”"

    @property
    def target_label(self) -> str:
        """The target in words: "at most 2 working days"."""
        from consortia.hub.services.standards import format_value

        word = "At most" if self.comparison == Comparison.AT_MOST else "At least"
        return f"{word} {format_value(self.target, self.unit)}"


class StandardReading(BaseModel):
    """A standard's actual figure for one period, entered by hand."""

    standard = models.ForeignKey(ServiceStandard, on_delete=models.CASCADE, related_name="readings")
    period_start = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["standard", "-period_start"]
        constraints = [models.UniqueConstraint(fields=["standard", "period_start"], name="hub_reading_once")]

    def __str__(self) -> str:
        return f"{self.standard}: {self.value} ({self.period_start:%m/%Y})"

    def clean(self) -> None:
        if not self.standard_id:
            return
        if self.standard.measure:
            raise ValidationError(
                {"standard": f"“{self.standard}” is computed from records; its readings are not entered by hand."}
            )
        if self.period_start:
            from consortia.hub.services.standards import period_start

            # A reading is for a whole month, quarter or financial year: keep the period's first day.
            self.period_start = period_start(self.period_start, self.standard.period)


class PerformanceProcedure(BaseModel):
    """How the hub's performance is managed: who reviews it, how often, and how it escalates."""

    name = models.CharField(max_length=200)
    review_cadence = models.CharField(max_length=20, choices=ReviewCadence.choices, default=ReviewCadence.QUARTERLY)
    reviewed_by = models.CharField(max_length=200, help_text="E.g. the board, or the performance committee.")
    procedure = models.TextField(help_text="How reviews are held and what they look at.")
    escalation = models.TextField(blank=True, help_text="What happens when a standard is missed.")
    next_review = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceAgreement(BaseModel):
    """The agreement with the organisation that delivers an outsourced hub."""

    decision = models.ForeignKey(
        HubDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="agreements"
    )
    provider = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="hub_agreements")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    fee = money_field("fee (£)")
    fee_basis = models.CharField(max_length=10, choices=FeeBasis.choices, default=FeeBasis.ANNUAL)
    payment_terms = models.TextField(blank=True, help_text="How and when the fee is invoiced and paid.")
    reporting = models.TextField(blank=True, help_text="What the provider reports, to whom and how often.")
    review = models.TextField(blank=True, help_text="How the agreement and the provider's performance are reviewed.")
    exit = models.TextField(blank=True, help_text="Notice, handover of records and staff, and what ends it.")
    signed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The agreement cannot end before it starts."})

    @property
    def fee_amount(self) -> str:
        """The fee as people read it: "£38,500.00 a year", "5% of contract income"."""
        if self.fee is None:
            return ""
        if self.fee_basis == FeeBasis.PERCENT:
            return f"{self.fee.normalize():f}% of contract income"
        per = {FeeBasis.ANNUAL: " a year", FeeBasis.MONTHLY: " a month", FeeBasis.HOURLY: " an hour"}
        return f"£{self.fee:,.2f}{per.get(FeeBasis(self.fee_basis), '')}"


class WorkplanItem(BaseModel):
    """One line of the hub's workplan: an activity in a strand, with its lead, months and RAG."""

    function = models.ForeignKey(
        HubFunction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workplan_items",
        verbose_name="strand",
    )
    activity = models.CharField(max_length=300)
    lead = models.ForeignKey(Deliverer, null=True, blank=True, on_delete=models.SET_NULL, related_name="workplan_items")
    start_month = models.DateField(help_text="The first day of the month it starts.")
    end_month = models.DateField(help_text="The first day of the month it ends.")
    milestone = models.CharField(max_length=300, blank=True)
    success_measure = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=WorkplanStatus.choices, default=WorkplanStatus.NOT_STARTED)
    rag = models.CharField("RAG", max_length=5, choices=Rag.choices, default=Rag.GREEN)

    class Meta:
        ordering = ["start_month", "function__order", "activity"]
        constraints = [
            models.CheckConstraint(condition=Q(end_month__gte=models.F("start_month")), name="hub_workplan_months"),
            models.UniqueConstraint(fields=["activity", "start_month"], name="hub_workplan_unique_activity"),
        ]

    def __str__(self) -> str:
        return self.activity

    def clean(self) -> None:
        if self.start_month:
            self.start_month = self.start_month.replace(day=1)
        if self.end_month:
            self.end_month = self.end_month.replace(day=1)
        if self.start_month and self.end_month and self.end_month < self.start_month:
            raise ValidationError({"end_month": "The end month cannot come before the start month."})


# -- Strategic and business planning ----------------------------------------------------------


class BusinessPlan(BaseModel):
    """The consortium's business plan for a period: its objectives, their targets and indicators.

    Drafted by the hub, approved by the board (`approved_on` and a note of the approval), and
    reviewed by the board from time to time (`PlanReview`). Approving a plan supersedes the one
    approved before it.
    """

    title = models.CharField(max_length=200)
    period_start = models.DateField("plan starts")
    period_end = models.DateField("plan ends")
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approved_on = models.DateField("approved by the board on", null=True, blank=True)
    approval_note = models.TextField(
        "board's approval",
        blank=True,
        help_text="How the board approved it: the meeting, the minute, any conditions.",
    )
    next_review = models.DateField("next board review", null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The plan cannot end before it starts."})
        if self.status == PlanStatus.APPROVED and not self.approved_on:
            raise ValidationError({"approved_on": "Give the date the board approved the plan."})
        if self.approved_on and self.status == PlanStatus.DRAFT:
            raise ValidationError(
                {"status": "A plan with a date of approval is approved (or superseded), not a draft."}
            )

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%d/%m/%Y} to {self.period_end:%d/%m/%Y}"

    period = period_label  # as the detail page labels it


class PlanObjective(BaseModel):
    """One of a business plan's objectives, numbered, with the person who owns it."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField(help_text="As the plan numbers it: 1, 2, 3…")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_objectives",
        help_text="Who answers to the board for it.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "number", "pk"]
        verbose_name = "plan objective"
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="hub_objective_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PlanIndicator(BaseModel):
    """A measure of an objective's progress: a baseline, a target by a date, and the latest value.

    `measure` names a measure in `hub.measures`, computed live for the current period of
    `period` (as service standards are); blank means values are entered by hand
    (`PlanIndicatorReading`), the latest reading being the current value.
    """

    objective = models.ForeignKey(PlanObjective, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("indicator", max_length=300)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    baseline = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Where it stood when the plan began."
    )
    target = models.DecimalField(max_digits=12, decimal_places=2)
    direction = models.CharField("better is", max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST)
    tolerance = models.DecimalField(
        "at risk within",
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text="How far short of the target is 'at risk' rather than 'off track'.",
    )
    target_date = models.DateField("target date")
    measure = models.CharField(
        "source", max_length=80, blank=True, help_text="A measure computed from records; blank for hand entry."
    )
    period = models.CharField(
        "computed over",
        max_length=10,
        choices=Period.choices,
        default=Period.QUARTER,
        help_text="For a computed indicator: the current month, quarter or financial year.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["objective__plan", "objective__order", "objective__number", "order", "pk"]
        verbose_name = "plan indicator"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from consortia.hub import measures

        if self.measure:
            known = {found.code: found for found in measures.measures()}
            found = known.get(self.measure)
            if found is None:
                raise ValidationError(
                    {
                        "measure": f"“{self.measure}” is not a measure Consortia computes. Choose one of the listed "
                        "measures, or leave it blank to enter values by hand."
                    }
                )
            self.unit = found.unit  # a computed figure comes in its measure's unit
        if self.target_date and self.objective_id:
            plan = self.objective.plan
            if self.target_date < plan.period_start:
                raise ValidationError(
                    {
                        "target_date": f"The target date cannot come before the plan starts ({plan.period_start:%d/%m/%Y})."
                    }
                )

    @property
    def source_label(self) -> str:
        from consortia.hub import measures

        if not self.measure:
            return "Entered by hand"
        found = measures.get(self.measure)
        return f"Computed: {found.label}" if found else f"Unknown measure “{self.measure}”"

    @property
    def target_label(self) -> str:
        from consortia.hub.services.standards import format_value

        word = "At most" if self.direction == Comparison.AT_MOST else "At least"
        return f"{word} {format_value(self.target, self.unit)} by {self.target_date:%d/%m/%Y}"

    @property
    def latest_figure(self) -> str:
        """The latest value and progress in words: "75% (Oct–Dec 2026 so far): at risk"."""
        from consortia.hub.services.plan import IndicatorValues

        result = IndicatorValues().result(self)
        when = f" ({result.as_of})" if result.as_of else ""
        return f"{result.display}{when}: {result.progress_label.lower()}"

    # As the detail page labels them ("Measured by", "Goal").
    measured_by = source_label
    goal = target_label


class PlanIndicatorReading(BaseModel):
    """A hand-entered value of an indicator on a date; the latest is the indicator's current value."""

    indicator = models.ForeignKey(PlanIndicator, on_delete=models.CASCADE, related_name="readings")
    date = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["indicator", "-date", "-pk"]
        verbose_name = "indicator reading"
        constraints = [models.UniqueConstraint(fields=["indicator", "date"], name="hub_indicator_reading_once")]

    def __str__(self) -> str:
        value = f"{self.value:,.2f}".rstrip("0").rstrip(".")
        return f"{self.indicator}: {value} on {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        if self.indicator_id and self.indicator.measure:
            raise ValidationError(
                {"indicator": f"“{self.indicator}” is computed from records; it takes no readings by hand."}
            )


class PlanReview(BaseModel):
    """A board review of a business plan: when, by whom, what it found, and the minute."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.CharField(max_length=200, help_text="E.g. the board, at its meeting of 12/03/2026.")
    summary = models.TextField(help_text="What the review found and what it asked for.")
    minute_reference = models.CharField("board minute", max_length=100, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = "plan review"

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.reviewed_on:%d/%m/%Y}"
