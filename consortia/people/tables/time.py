"""Lists of timesheets, their lines and recharges."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.people.models import Recharge, Timesheet, TimesheetEntry
from consortia.people.services.recharge import pounds
from consortia.people.services.time import show_hours


class TimesheetTable(BaseTable):
    display = tables.Column(
        verbose_name="Timesheet",
        accessor="pk",
        linkify=True,
        order_by=("-week_start", "staff__last_name", "staff__first_name"),
    )
    week_start = tables.DateColumn(format="d/m/Y", verbose_name="Week beginning")
    staff = tables.Column(linkify=True, order_by=("staff__last_name", "staff__first_name"))
    employer = tables.Column(
        accessor="staff__employer", verbose_name="Employed by", order_by=("staff__employer__name",)
    )
    status = tables.Column()
    total_hours = tables.Column(verbose_name="Hours")
    submitted_at = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="Submitted", default="—")
    approved_by = tables.Column(default="—")

    class Meta(BaseTable.Meta):
        model = Timesheet
        fields = ("display", "week_start", "staff", "employer", "status", "total_hours", "submitted_at", "approved_by")

    def render_display(self, record: Timesheet) -> str:
        return str(record)

    def value_display(self, record: Timesheet) -> str:
        return str(record)

    def render_total_hours(self, value: Any) -> str:
        return show_hours(value)

    def value_total_hours(self, value: Any) -> Any:
        return value


class TimesheetEntryTable(BaseTable):
    display = tables.Column(verbose_name="Line", accessor="pk", linkify=True, orderable=False)
    timesheet = tables.Column(linkify=True, order_by=("-timesheet__week_start", "timesheet__staff__last_name"))
    function = tables.Column()
    task = tables.Column(default="—")
    description = tables.Column(default="—")
    mon = tables.Column()
    tue = tables.Column()
    wed = tables.Column()
    thu = tables.Column()
    fri = tables.Column()
    sat = tables.Column()
    sun = tables.Column()
    total = tables.Column(verbose_name="Total", orderable=False)

    class Meta(BaseTable.Meta):
        model = TimesheetEntry
        fields = (
            "display",
            "timesheet",
            "function",
            "task",
            "description",
            "mon",
            "tue",
            "wed",
            "thu",
            "fri",
            "sat",
            "sun",
            "total",
        )

    def render_display(self, record: TimesheetEntry) -> str:
        return str(record)

    def value_display(self, record: TimesheetEntry) -> str:
        return str(record)


class RechargeTable(BaseTable):
    display = tables.Column(verbose_name="Recharge", accessor="pk", linkify=True, order_by=("-period_start",))
    employer = tables.Column(linkify=True, verbose_name="Employing organisation")
    period_start = tables.DateColumn(format="d/m/Y", verbose_name="Period from")
    period_end = tables.DateColumn(format="d/m/Y", verbose_name="Period to")
    amount = tables.Column(verbose_name="Amount")
    reference = tables.Column(default="—")

    class Meta(BaseTable.Meta):
        model = Recharge
        fields = ("display", "employer", "period_start", "period_end", "amount", "reference")

    def render_display(self, record: Recharge) -> str:
        return str(record)

    def value_display(self, record: Recharge) -> str:
        return str(record)

    def render_amount(self, value: Any) -> str:
        return pounds(value)

    def value_amount(self, value: Any) -> Any:
        return value
