"""Performance: KPIs passed down to subcontracts, monitoring returns, RAG, improvement plans.

A contract's *KPIs* say what the commissioner measures (a unit, a target, which way is better,
how often, the amber and red thresholds, the values allowed). A KPI with an *outcome price* is a
payable outcome under payment by results: each outcome a member claims, once validated, is paid
at that price (the finance app pays it). Each KPI is passed down to the members delivering the
contract as a *subcontract KPI* whose target is the member's share of the contract's.

The contract's *return periods* (months, quarters or years, from its KPIs' frequencies) each
get one *monitoring return* per signed subcontract: the member fills in a value per KPI, claims
outcomes (client reference and date), writes a narrative, attaches evidence and ticks the
declarations, then submits; the hub validates it or queries it with a comment, and the member
answers and resubmits. A member at red on a KPI gets an *improvement plan* with actions.

A member organisation's user sees their own subcontracts' KPIs, returns and plans, and changes
returns only in the portal; a commissioner's user sees the KPIs and periods of the contracts
they commission and those contracts' validated returns and values — never evidence or comments.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel, PortalEditsQuerySet, money_field
from consortia.performance.choices import (
    CommentKind,
    Direction,
    Frequency,
    PlanStatus,
    ReminderKind,
    ReturnStatus,
    Unit,
)


def figure_field(verbose_name: str, **kwargs: Any) -> models.DecimalField:
    """A KPI figure: a count, a percentage, pounds, days or 1/0 for yes/no."""
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class ReturnRowsQuerySet(PortalEditsQuerySet):
    """A return's rows: the member's own (changed only in the portal), and, for the commissioner
    of the contract, the validated ones to read.

    `return_path` leads from the row to its `MonitoringReturn` ("" for the return itself).
    """

    return_path: ClassVar[str] = ""

    def scoped_to(self, user: Any) -> Self:
        organisation_id = getattr(user, "organisation_id", None)
        if organisation_id is None:
            return self
        prefix = f"{self.return_path}__" if self.return_path else ""
        return self.filter(
            Q(**{f"{prefix}subcontract__organisation": organisation_id})
            | Q(
                **{
                    f"{prefix}subcontract__contract__commissioner": organisation_id,
                    f"{prefix}status": ReturnStatus.VALIDATED,
                }
            )
        )


class ReturnPartsQuerySet(ReturnRowsQuerySet):
    return_path = "monitoring_return"


class KPI(BaseModel):
    """A key performance indicator of a contract: what is measured, the target, the thresholds."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = (
        "contract__subcontracts__organisation",
        "contract__commissioner",
    )

    contract = models.ForeignKey("contracts.Contract", on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True, help_text="How it is counted, as the contract defines it.")
    unit = models.CharField(max_length=12, choices=Unit.choices, default=Unit.NUMBER)
    target = figure_field("target", help_text="The contract's target for each period (for yes/no: 1 for yes).")
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY)
    amber_threshold = figure_field(
        "amber from",
        null=True,
        blank=True,
        help_text="Worse than this is amber (below it when higher is better, above it when lower is). "
        "Empty: the target.",
    )
    red_threshold = figure_field(
        "red from",
        null=True,
        blank=True,
        help_text="Worse than this is red (below it when higher is better, above it when lower is). Empty: never red.",
    )
    minimum = figure_field("lowest value allowed", null=True, blank=True)
    maximum = figure_field("highest value allowed", null=True, blank=True)
    outcome_price = money_field(
        "outcome price (£)",
        null=True,
        blank=True,
        help_text="Payment by results: what each validated outcome is paid. Empty for a KPI that is not paid.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["contract", "order", "name", "pk"]
        verbose_name = "KPI"
        verbose_name_plural = "KPIs"
        constraints = [models.UniqueConstraint(fields=["contract", "name"], name="performance_kpi_name_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_outcome(self) -> bool:
        return self.outcome_price is not None

    @property
    def amber_from(self) -> Decimal:
        return self.target if self.amber_threshold is None else self.amber_threshold

    def clean(self) -> None:
        errors: dict[str, str] = {}
        worse = "below" if self.direction == Direction.HIGHER else "above"
        if (
            self.target is not None
            and self.amber_threshold is not None
            and (
                (self.direction == Direction.HIGHER and self.amber_threshold > self.target)
                or (self.direction == Direction.LOWER and self.amber_threshold < self.target)
            )
        ):
            errors["amber_threshold"] = f"Amber starts at or {worse} the target ({self.target})."
        if self.red_threshold is not None and self.target is not None:
            amber = self.amber_from
            if (self.direction == Direction.HIGHER and self.red_threshold > amber) or (
                self.direction == Direction.LOWER and self.red_threshold < amber
            ):
                errors["red_threshold"] = f"Red starts at or {worse} where amber starts ({amber})."
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            errors["maximum"] = "The highest value allowed is below the lowest."
        if self.unit == Unit.YES_NO and self.target not in (None, Decimal(0), Decimal(1)):
            errors["target"] = "A yes/no KPI's target is 1 (yes) or 0 (no)."
        if self.unit == Unit.PERCENTAGE and self.target is not None and not Decimal(0) <= self.target <= Decimal(100):
            errors["target"] = "A percentage target is between 0 and 100."
        if errors:
            raise ValidationError(errors)

    def check_value(self, value: Decimal) -> str | None:
        """Why `value` cannot be this KPI's value (its unit, its range), or None when it can."""
        if self.unit == Unit.YES_NO and value not in (Decimal(0), Decimal(1)):
            return f"“{self}” is a yes/no KPI: enter 1 for yes or 0 for no, not {value}."
        if self.unit == Unit.PERCENTAGE and not Decimal(0) <= value <= Decimal(100):
            return f"“{self}” is a percentage: enter a value from 0 to 100, not {value}."
        if self.unit in (Unit.NUMBER, Unit.DAYS, Unit.MONEY) and value < 0:
            return f"“{self}” cannot be negative ({value})."
        if self.unit in (Unit.NUMBER, Unit.DAYS) and value != value.to_integral_value():
            return f"“{self}” counts whole {'days' if self.unit == Unit.DAYS else 'numbers'}, not {value}."
        if self.minimum is not None and value < self.minimum:
            return f"“{self}” is out of range: {value} is below the lowest allowed, {self.minimum}."
        if self.maximum is not None and value > self.maximum:
            return f"“{self}” is out of range: {value} is above the highest allowed, {self.maximum}."
        return None


class SubcontractKPI(BaseModel):
    """A contract's KPI passed down to one member: the member's target, their share of the contract's."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = (
        "subcontract__organisation",
        "subcontract__contract__commissioner",
    )

    subcontract = models.ForeignKey("contracts.Subcontract", on_delete=models.CASCADE, related_name="kpis")
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="subcontract_kpis", verbose_name="KPI")
    target = figure_field("member's target", help_text="The member's share of the contract's target.")

    class Meta:
        ordering = ["subcontract", "kpi__order", "kpi__name", "pk"]
        verbose_name = "subcontract KPI"
        verbose_name_plural = "subcontract KPIs"
        constraints = [models.UniqueConstraint(fields=["subcontract", "kpi"], name="performance_subcontract_kpi_once")]

    def __str__(self) -> str:
        return f"{self.kpi} ({self.subcontract.organisation})" if self.kpi_id and self.subcontract_id else "KPI"

    def clean(self) -> None:
        if self.kpi_id and self.subcontract_id and self.kpi.contract_id != self.subcontract.contract_id:
            raise ValidationError({"kpi": "The KPI must be one of the subcontract's contract's KPIs."})


class ReturnPeriod(BaseModel):
    """A period a contract's members report on: its dates, when returns open and when they are due."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = (
        "contract__subcontracts__organisation",
        "contract__commissioner",
    )

    contract = models.ForeignKey("contracts.Contract", on_delete=models.CASCADE, related_name="return_periods")
    label = models.CharField(max_length=60, help_text="For example: April 2027.")
    starts_on = models.DateField("starts")
    ends_on = models.DateField("ends")
    opens_on = models.DateField("returns open", help_text="Members cannot submit a return before this date.")
    due_on = models.DateField("returns due")

    class Meta:
        ordering = ["contract", "starts_on", "pk"]
        verbose_name = "return period"
        constraints = [models.UniqueConstraint(fields=["contract", "starts_on"], name="performance_period_once")]
        # A contract's latest period with a validated return (the consortium dashboard), newest first.
        indexes = [models.Index(fields=["contract", "-ends_on"], name="performance_period_latest")]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The period ends before it starts."
        if self.opens_on and self.due_on and self.due_on < self.opens_on:
            errors["due_on"] = "Returns are due before they open."
        if errors:
            raise ValidationError(errors)


class MonitoringReturn(BaseModel):
    """A member's return for one period of one subcontract: a value per KPI, outcomes, narrative."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "subcontract__organisation"

    objects = ReturnRowsQuerySet.as_manager()  # type: ignore[misc]

    subcontract = models.ForeignKey("contracts.Subcontract", on_delete=models.PROTECT, related_name="returns")
    period = models.ForeignKey(ReturnPeriod, on_delete=models.PROTECT, related_name="returns")
    status = models.CharField(max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.DUE)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(null=True, blank=True, editable=False)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    narrative = models.TextField(blank=True, help_text="What went well, what did not, and why.")
    declares_accurate = models.BooleanField("the figures are accurate and can be evidenced", default=False)
    declares_consent = models.BooleanField(
        "clients' data is held with their consent, under the data-processing terms", default=False
    )
    declares_no_double_claims = models.BooleanField(
        "no outcome is claimed that was claimed before or from another funder", default=False
    )

    class Meta:
        ordering = ["-period__starts_on", "subcontract__organisation__name", "pk"]
        verbose_name = "monitoring return"
        constraints = [models.UniqueConstraint(fields=["subcontract", "period"], name="performance_return_once")]
        # A period's validated returns, read without visiting the rows.
        indexes = [models.Index(fields=["period", "status"], name="performance_return_status")]

    def __str__(self) -> str:
        if self.subcontract_id and self.period_id:
            return f"{self.subcontract.organisation}: {self.period}"
        return "Monitoring return"

    @property
    def heading(self) -> str:
        return str(self)

    @property
    def declared(self) -> bool:
        return self.declares_accurate and self.declares_consent and self.declares_no_double_claims

    def clean(self) -> None:
        if self.subcontract_id and self.period_id and self.period.contract_id != self.subcontract.contract_id:
            raise ValidationError({"period": "The period must be one of the subcontract's contract's periods."})


class ReturnValue(BaseModel):
    """A member's figure for one KPI in one return."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "monitoring_return__subcontract__organisation"

    objects = ReturnPartsQuerySet.as_manager()  # type: ignore[misc]

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="values")
    kpi = models.ForeignKey(KPI, on_delete=models.PROTECT, related_name="values", verbose_name="KPI")
    value = figure_field("value")

    class Meta:
        ordering = ["monitoring_return", "kpi__order", "kpi__name", "pk"]
        verbose_name = "return value"
        constraints = [models.UniqueConstraint(fields=["monitoring_return", "kpi"], name="performance_value_once")]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value}" if self.kpi_id else "Value"

    def clean(self) -> None:
        if not (self.kpi_id and self.monitoring_return_id):
            return
        if self.monitoring_return.status == ReturnStatus.VALIDATED:
            raise ValidationError("The return has been validated and can no longer be changed.")
        if self.kpi.contract_id != self.monitoring_return.subcontract.contract_id:
            raise ValidationError({"kpi": "The KPI must be one of the return's contract's KPIs."})
        if self.value is not None and (problem := self.kpi.check_value(self.value)):
            raise ValidationError({"value": problem})


class OutcomeClaim(BaseModel):
    """An outcome a member claims in a return (payment by results): whose, which KPI, when achieved.

    `contract` is the return's contract, stored so that the database refuses the same client
    reference claimed twice for the same KPI of a contract, in any return.
    """

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "monitoring_return__subcontract__organisation"

    objects = ReturnPartsQuerySet.as_manager()  # type: ignore[misc]

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="outcome_claims")
    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="+", editable=False)
    kpi = models.ForeignKey(KPI, on_delete=models.PROTECT, related_name="outcome_claims", verbose_name="outcome KPI")
    client_reference = models.CharField(
        max_length=60, help_text="The member's reference for the client (never a name)."
    )
    achieved_on = models.DateField("achieved")

    class Meta:
        ordering = ["monitoring_return", "kpi", "client_reference", "pk"]
        verbose_name = "outcome claim"
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "kpi", "client_reference"],
                name="performance_outcome_claimed_once",
                violation_error_message="This outcome has already been claimed for this client reference.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_reference}: {self.kpi}" if self.kpi_id else self.client_reference

    @property
    def heading(self) -> str:
        return str(self)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.monitoring_return_id:  # derived from the return
            self.contract_id = self.monitoring_return.subcontract.contract_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not (self.kpi_id and self.monitoring_return_id):
            return
        self.contract_id = self.monitoring_return.subcontract.contract_id
        if self.monitoring_return.status == ReturnStatus.VALIDATED:
            raise ValidationError("The return has been validated and can no longer be changed.")
        errors: dict[str, str] = {}
        if self.kpi.contract_id != self.contract_id:
            errors["kpi"] = "The KPI must be one of the return's contract's KPIs."
        elif not self.kpi.is_outcome:
            errors["kpi"] = f"“{self.kpi}” has no outcome price, so outcomes cannot be claimed against it."
        elif self.client_reference:
            earlier = OutcomeClaim.objects.filter(
                contract_id=self.contract_id, kpi_id=self.kpi_id, client_reference__iexact=self.client_reference
            ).exclude(pk=self.pk)
            if earlier.exists():
                errors["client_reference"] = (
                    f"Client reference {self.client_reference} has already been claimed for “{self.kpi}”; "
                    "an outcome is paid once."
                )
        period = self.monitoring_return.period
        if self.achieved_on and not period.starts_on <= self.achieved_on <= period.ends_on:
            errors["achieved_on"] = (
                f"Client {self.client_reference}: achieved on {self.achieved_on:%d/%m/%Y}, outside the period "
                f"({period.starts_on:%d/%m/%Y} to {period.ends_on:%d/%m/%Y})."
            )
        if errors:
            raise ValidationError(errors)


class ReturnEvidence(BaseModel):
    """A file a member attaches to a return (a case file extract, an attendance sheet)."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "monitoring_return__subcontract__organisation"

    objects = PortalEditsQuerySet.as_manager()  # type: ignore[misc]

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="returns/%Y/")
    original_filename = models.CharField(max_length=255, blank=True, editable=False)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["monitoring_return", "pk"]
        verbose_name = "return evidence"
        verbose_name_plural = "return evidence"

    def __str__(self) -> str:
        return self.description or self.original_filename or "Evidence"


class ReturnComment(BaseModel):
    """A query from the hub on a return, or the member's reply."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "monitoring_return__subcontract__organisation"

    objects = PortalEditsQuerySet.as_manager()  # type: ignore[misc]

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="comments")
    kind = models.CharField(max_length=8, choices=CommentKind.choices, default=CommentKind.QUERY)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()

    class Meta:
        ordering = ["monitoring_return", "created", "pk"]
        verbose_name = "return comment"

    def __str__(self) -> str:
        return " ".join((self.text or "").split()[:12])

    @property
    def heading(self) -> str:
        return str(self)


class ImprovementPlan(BaseModel):
    """What a member will do to bring a KPI (or their delivery as a whole) back to target."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "subcontract__organisation"

    subcontract = models.ForeignKey("contracts.Subcontract", on_delete=models.PROTECT, related_name="improvement_plans")
    kpi = models.ForeignKey(
        KPI, null=True, blank=True, on_delete=models.PROTECT, related_name="improvement_plans", verbose_name="KPI"
    )
    reason = models.TextField(help_text="Why the plan is needed: the KPI at red, by how much, since when.")
    opened_on = models.DateField("opened")
    review_on = models.DateField("review by")
    status = models.CharField(max_length=8, choices=PlanStatus.choices, default=PlanStatus.OPEN)
    closed_on = models.DateField("closed", null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="When closed: did performance recover?")

    class Meta:
        ordering = ["status", "review_on", "pk"]
        verbose_name = "improvement plan"

    def __str__(self) -> str:
        if not self.subcontract_id:
            return "Improvement plan"
        about = f": {self.kpi}" if self.kpi_id else ""
        return f"{self.subcontract.organisation}{about}"

    @property
    def heading(self) -> str:
        return str(self)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kpi is not None and self.subcontract_id and self.kpi.contract_id != self.subcontract.contract_id:
            errors["kpi"] = "The KPI must be one of the subcontract's contract's KPIs."
        if self.opened_on and self.review_on and self.review_on < self.opened_on:
            errors["review_on"] = "The review is before the plan opened."
        if self.status == PlanStatus.CLOSED and not self.outcome:
            errors["outcome"] = "Say what the outcome was before closing the plan."
        if errors:
            raise ValidationError(errors)


class ImprovementAction(BaseModel):
    """One step of an improvement plan: what, who, by when, and when it was done."""

    organisation_field: ClassVar[str | tuple[str, ...] | None] = "plan__subcontract__organisation"

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    owner = models.CharField(max_length=200, blank=True, help_text="Who at the member does it.")
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="owner (user)",
        help_text="Or a user of the hub or the member.",
    )
    due_on = models.DateField("due")
    done_on = models.DateField("done", null=True, blank=True)

    class Meta:
        ordering = ["plan", "due_on", "pk"]
        verbose_name = "improvement action"

    def __str__(self) -> str:
        return " ".join((self.action or "").split()[:10])

    def clean(self) -> None:
        if not self.owner and not self.owner_user_id:
            raise ValidationError({"owner": "Say who does this: a name or a user."})


class ReturnReminder(models.Model):
    """A reminder about a return that has been sent: each kind is sent once per return, ever."""

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.CharField(max_length=500)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["monitoring_return", "kind"], name="performance_reminder_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.monitoring_return}"
