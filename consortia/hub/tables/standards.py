"""Tables of service standards, their readings and the performance procedures."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.hub.models import PerformanceProcedure, ServiceStandard, StandardReading


class ServiceStandardTable(BaseTable):
    name = tables.Column(linkify=True)
    function = tables.Column(verbose_name="Hub function", order_by=("function__order", "name"))
    target_text = tables.Column(verbose_name="Target", accessor="target", order_by=("target",))
    measured = tables.Column(verbose_name="Measured", accessor="pk", orderable=False)
    period = tables.Column()
    responsible = tables.Column(verbose_name="Responsible")
    active = tables.BooleanColumn()

    class Meta(BaseTable.Meta):
        model = ServiceStandard
        fields = ("name", "function", "target_text", "measured", "period", "responsible", "active")

    def render_target_text(self, record: ServiceStandard) -> str:
        return record.target_label

    def value_target_text(self, record: ServiceStandard) -> str:
        return record.target_label

    def render_measured(self, record: ServiceStandard) -> str:
        return record.measure_label

    def value_measured(self, record: ServiceStandard) -> str:
        return record.measure_label


class StandardReadingTable(BaseTable):
    standard = tables.Column(linkify=True)
    period_start = tables.Column(verbose_name="Period starting")
    value = tables.Column(verbose_name="Actual")
    note = tables.Column()
    reading = tables.Column(verbose_name="Reading", accessor="pk", linkify=True, orderable=False)

    class Meta(BaseTable.Meta):
        model = StandardReading
        fields = ("standard", "period_start", "value", "note", "reading")

    def render_reading(self, record: Any) -> str:
        return "Open"

    def value_reading(self, record: Any) -> str:
        return str(record)


class PerformanceProcedureTable(BaseTable):
    name = tables.Column(linkify=True)
    reviewed_by = tables.Column()
    review_cadence = tables.Column(verbose_name="Reviewed")
    next_review = tables.Column()

    class Meta(BaseTable.Meta):
        model = PerformanceProcedure
        fields = ("name", "reviewed_by", "review_cadence", "next_review")
