"""The business plan: each indicator's latest value and progress, the plan's page, approval and the Word plan.

An indicator's current value is its latest hand reading or, for an indicator naming a measure,
the measure computed live for the current period (through `measures.MeasureValues`, as the
service standards are, so indicators sharing a measure and period cost its queries once).
Progress compares that value with the target, in the indicator's direction:

- on track: the target is met;
- at risk: short of the target by no more than the indicator's tolerance;
- off track: further short than that;
- no data: no value yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from consortia.documents.builders import Built, WordDocument, cell_text
from consortia.documents.choices import DocumentFormat
from consortia.hub import measures
from consortia.hub.choices import Comparison, PlanStatus, Progress
from consortia.hub.models import (
    BusinessPlan,
    PlanIndicator,
    PlanIndicatorReading,
    PlanObjective,
    PlanReview,
    WorkplanItem,
)
from consortia.hub.services.standards import format_value, period_for

KIND = "business_plan"
# Bootstrap classes for a badge; the label is always shown in text beside the colour.
PROGRESS_CLASSES = {
    Progress.ON_TRACK: "text-bg-success",
    Progress.AT_RISK: "text-bg-warning",
    Progress.OFF_TRACK: "text-bg-danger",
    Progress.NO_DATA: "text-bg-secondary",
}


def progress(value: Decimal | None, target: Decimal, direction: str, tolerance: Decimal = Decimal(0)) -> str:
    """on_track / at_risk / off_track (or no_data) for `value` against `target`.

    `direction` is `Comparison.AT_LEAST` when higher is better, `AT_MOST` when lower is better.
    """
    if value is None:
        return Progress.NO_DATA
    shortfall = target - value if direction == Comparison.AT_LEAST else value - target
    if shortfall <= 0:
        return Progress.ON_TRACK
    if shortfall <= (tolerance or Decimal(0)):
        return Progress.AT_RISK
    return Progress.OFF_TRACK


IndicatorQuerySet = TypeVar("IndicatorQuerySet", bound=QuerySet[PlanIndicator])


def with_latest_reading(indicators: IndicatorQuerySet) -> IndicatorQuerySet:
    """Indicators annotated with their latest hand reading's value, date and note (no extra query)."""
    latest = PlanIndicatorReading.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-pk")
    return indicators.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_date=Subquery(latest.values("date")[:1]),
        latest_note=Subquery(latest.values("note")[:1]),
    )


@dataclass
class IndicatorResult:
    indicator: PlanIndicator
    value: Decimal | None
    as_of: str  # "Reading of 01/03/2026", "Jan–Mar 2026 so far", ""
    progress: str
    note: str = ""

    @property
    def computed(self) -> bool:
        return bool(self.indicator.measure)

    @property
    def display(self) -> str:
        return format_value(self.value, self.indicator.unit)

    @property
    def baseline_display(self) -> str:
        baseline = self.indicator.baseline
        return "—" if baseline is None else format_value(baseline, self.indicator.unit)

    @property
    def target_display(self) -> str:
        word = "at most" if self.indicator.direction == Comparison.AT_MOST else "at least"
        return f"{word} {format_value(self.indicator.target, self.indicator.unit)}"

    @property
    def progress_label(self) -> str:
        return Progress(self.progress).label

    @property
    def progress_class(self) -> str:
        return PROGRESS_CLASSES[Progress(self.progress)]


class IndicatorValues:
    """Current values of indicators, sharing one `MeasureValues` among them.

    Hand-entered indicators read the `latest_*` annotations of `with_latest_reading` (made by
    the caller's one query); computed ones cost their measure's queries once per measure and period.
    """

    def __init__(self, today: date | None = None) -> None:
        self.today = today or timezone.localdate()
        self.computed = measures.MeasureValues()

    def result(self, indicator: PlanIndicator) -> IndicatorResult:
        note = ""
        if indicator.measure:
            period = period_for(self.today, indicator.period)
            value = self.computed.value(indicator.measure, period.start, period.end)
            as_of = f"{period.label} so far" if value is not None else ""
        else:
            value = getattr(indicator, "latest_value", None)
            day = getattr(indicator, "latest_date", None)
            note = getattr(indicator, "latest_note", None) or ""
            as_of = f"Reading of {day:%d/%m/%Y}" if day else ""
        return IndicatorResult(
            indicator, value, as_of, progress(value, indicator.target, indicator.direction, indicator.tolerance), note
        )


def indicator_results(indicators: Iterable[PlanIndicator], today: date | None = None) -> list[IndicatorResult]:
    values = IndicatorValues(today)
    return [values.result(indicator) for indicator in indicators]


@dataclass
class ObjectiveResult:
    objective: PlanObjective
    indicators: list[IndicatorResult] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        tally = {choice.value: 0 for choice in Progress}
        for result in self.indicators:
            tally[result.progress] += 1
        return tally


@dataclass
class PlanPage:
    plan: BusinessPlan
    objectives: list[ObjectiveResult]
    workplan: list[WorkplanItem]
    reviews: list[PlanReview]

    @property
    def summary(self) -> list[tuple[str, str, int]]:
        """(label, badge class, how many) for each progress, over every indicator."""
        tally = {choice.value: 0 for choice in Progress}
        for objective in self.objectives:
            for result in objective.indicators:
                tally[result.progress] += 1
        return [(Progress(key).label, PROGRESS_CLASSES[Progress(key)], count) for key, count in tally.items()]


def plan_workplan(plan: BusinessPlan) -> QuerySet[WorkplanItem]:
    """The workplan items under way at any time in the plan's period."""
    return WorkplanItem.objects.filter(
        start_month__lte=plan.period_end, end_month__gte=plan.period_start.replace(day=1)
    ).select_related("function", "lead")


def plan_page(plan: BusinessPlan, *, today: date | None = None, workplan: bool = True) -> PlanPage:
    """Everything the plan's page and its Word plan show.

    Queries: the objectives with their owners, the indicators with their latest readings, the
    workplan items of the plan's period and the reviews (four), plus each measure in use's own
    queries once for each period.
    """
    objectives = [
        ObjectiveResult(objective) for objective in plan.objectives.select_related("owner").order_by("order", "number")
    ]
    by_id = {result.objective.pk: result for result in objectives}
    indicators = with_latest_reading(
        PlanIndicator.objects.filter(objective__plan=plan).order_by("objective_id", "order", "pk")
    )
    values = IndicatorValues(today)
    for indicator in indicators:
        holder = by_id.get(indicator.objective_id)
        if holder is not None:
            indicator.objective = holder.objective  # already loaded: no query for it
            holder.indicators.append(values.result(indicator))
    items = list(plan_workplan(plan)) if workplan else []
    reviews = list(plan.reviews.order_by("-reviewed_on", "-pk"))
    return PlanPage(plan, objectives, items, reviews)


# -- Approval ------------------------------------------------------------------------------------


@transaction.atomic
def approve_plan(plan: BusinessPlan, user: Any, *, approved_on: date, note: str = "") -> list[BusinessPlan]:
    """Record the board's approval of `plan`; the plan approved before it is superseded.

    Returns the plans superseded. Refuses a plan already superseded.
    """
    if plan.status == PlanStatus.SUPERSEDED:
        raise ValidationError({"status": f"“{plan}” has been superseded; approve a newer plan instead."})
    superseded = list(BusinessPlan.objects.filter(status=PlanStatus.APPROVED).exclude(pk=plan.pk))
    for older in superseded:
        older.status = PlanStatus.SUPERSEDED
        older.stamp(user)
        older.save()
    plan.status = PlanStatus.APPROVED
    plan.approved_on = approved_on
    if note:
        plan.approval_note = note
    plan.full_clean()
    plan.stamp(user)
    plan.save()
    return superseded


# -- The Word plan ------------------------------------------------------------------------------


def _day(value: date | None) -> str:
    return cell_text(value) if value else "—"


def build_business_plan(plan: BusinessPlan, fmt: DocumentFormat = DocumentFormat.DOCX) -> Built:
    """The business plan as a Word document: the approval, the objectives and their indicators
    with their latest values and progress, the year's workplan and the board's reviews."""
    page = plan_page(plan)
    document = WordDocument(plan.title, subtitle=f"Business plan, {plan.period_label}")
    document.key_values(
        [
            ("Period", plan.period_label),
            ("Status", plan.get_status_display()),
            ("Approved by the board", _day(plan.approved_on)),
            ("Next board review", _day(plan.next_review)),
        ]
    )
    if plan.approval_note:
        document.heading("The board's approval")
        document.paragraph(plan.approval_note)
    document.heading("Progress at a glance")
    document.paragraph(
        "; ".join(f"{label}: {count}" for label, _, count in page.summary)
        + f" (as at {timezone.localdate():%d/%m/%Y})."
    )
    document.heading("Objectives and indicators")
    if not page.objectives:
        document.paragraph("The plan has no objectives yet.")
    for result in page.objectives:
        objective = result.objective
        document.heading(str(objective), level=2)
        if objective.description:
            document.paragraph(objective.description)
        if objective.owner:
            document.paragraph(f"Owner: {objective.owner}", italic=True)
        if not result.indicators:
            document.paragraph("No indicators yet.")
            continue
        document.table(
            ["Indicator", "Source", "Baseline", "Latest", "Target", "By", "Progress"],
            [
                [
                    item.indicator.name,
                    item.indicator.source_label,
                    item.baseline_display,
                    f"{item.display}" + (f" ({item.as_of})" if item.as_of else ""),
                    item.target_display,
                    _day(item.indicator.target_date),
                    item.progress_label,
                ]
                for item in result.indicators
            ],
        )
    document.heading("The workplan for the period")
    if page.workplan:
        document.table(
            ["Activity", "Strand", "Lead", "From", "To", "Status", "RAG"],
            [
                [
                    item.activity,
                    item.function.name if item.function else "",
                    item.lead.name if item.lead else "",
                    f"{item.start_month:%b %Y}",
                    f"{item.end_month:%b %Y}",
                    item.get_status_display(),
                    item.get_rag_display(),
                ]
                for item in page.workplan
            ],
        )
    else:
        document.paragraph("No workplan items fall in the plan's period.")
    document.heading("The board's reviews")
    if page.reviews:
        for review in page.reviews:
            minute = f" (minute {review.minute_reference})" if review.minute_reference else ""
            document.heading(f"{review.reviewed_on:%d/%m/%Y}: {review.reviewed_by}{minute}", level=2)
            document.paragraph(review.summary)
    else:
        document.paragraph("The board has not reviewed the plan yet.")
    return document.build(f"business-plan-{plan.pk}")
