"""Tables of the business plans, objectives, indicators, readings and reviews."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview
from consortia.hub.services.plan import IndicatorResult, IndicatorValues


class BusinessPlanTable(BaseTable):
    title = tables.Column(linkify=True)
    period_start = tables.DateColumn(verbose_name="Starts")
    period_end = tables.DateColumn(verbose_name="Ends")
    status = tables.Column()
    approved_on = tables.DateColumn(verbose_name="Approved")
    next_review = tables.DateColumn(verbose_name="Next board review")

    class Meta(BaseTable.Meta):
        model = BusinessPlan
        fields = ("title", "period_start", "period_end", "status", "approved_on", "next_review")


class PlanObjectiveTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name="Objective", order_by=("plan", "order", "number"))
    plan = tables.Column(order_by=("plan__period_start", "order", "number"))
    owner = tables.Column()

    class Meta(BaseTable.Meta):
        model = PlanObjective
        fields = ("title", "plan", "owner")

    def render_title(self, record: PlanObjective) -> str:
        return str(record)

    def value_title(self, record: PlanObjective) -> str:
        return str(record)


class PlanIndicatorTable(BaseTable):
    """Indicators with their current value and progress: hand readings come annotated on the
    rows (`with_latest_reading`); computed values are shared per measure and period (`IndicatorValues`)."""

    name = tables.Column(linkify=True)
    objective = tables.Column(order_by=("objective__plan", "objective__order", "objective__number"))
    source = tables.Column(verbose_name="Source", accessor="pk", orderable=False)
    latest = tables.Column(verbose_name="Latest", accessor="pk", orderable=False)
    target_text = tables.Column(verbose_name="Target", accessor="target", order_by=("target_date", "target"))
    progress = tables.Column(verbose_name="Progress", accessor="pk", orderable=False)

    class Meta(BaseTable.Meta):
        model = PlanIndicator
        fields = ("name", "objective", "source", "latest", "target_text", "progress")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._values = IndicatorValues()
        self._results: dict[int, IndicatorResult] = {}

    def result(self, record: PlanIndicator) -> IndicatorResult:
        if record.pk not in self._results:
            self._results[record.pk] = self._values.result(record)
        return self._results[record.pk]

    def render_source(self, record: PlanIndicator) -> str:
        return record.source_label

    def value_source(self, record: PlanIndicator) -> str:
        return record.source_label

    def render_latest(self, record: PlanIndicator) -> str:
        return self.result(record).display

    def value_latest(self, record: PlanIndicator) -> str:
        return self.result(record).display

    def render_target_text(self, record: PlanIndicator) -> str:
        return record.target_label

    def value_target_text(self, record: PlanIndicator) -> str:
        return record.target_label

    def render_progress(self, record: PlanIndicator) -> str:
        return self.result(record).progress_label

    def value_progress(self, record: PlanIndicator) -> str:
        return self.result(record).progress_label


class PlanIndicatorReadingTable(BaseTable):
    indicator = tables.Column(linkify=True)
    date = tables.DateColumn()
    value = tables.Column()
    note = tables.Column()
    reading = tables.Column(verbose_name="Reading", accessor="pk", linkify=True, orderable=False)

    class Meta(BaseTable.Meta):
        model = PlanIndicatorReading
        fields = ("indicator", "date", "value", "note", "reading")

    def render_reading(self, record: Any) -> str:
        return "Open"

    def value_reading(self, record: Any) -> str:
        return str(record)


class PlanReviewTable(BaseTable):
    review = tables.Column(verbose_name="Review", accessor="pk", linkify=True, order_by=("reviewed_on", "pk"))
    reviewed_on = tables.DateColumn(verbose_name="Reviewed on")
    reviewed_by = tables.Column()
    minute_reference = tables.Column(verbose_name="Board minute")

    class Meta(BaseTable.Meta):
        model = PlanReview
        fields = ("review", "reviewed_on", "reviewed_by", "minute_reference")

    def render_review(self, record: PlanReview) -> str:
        return str(record)

    def value_review(self, record: PlanReview) -> str:
        return str(record)
