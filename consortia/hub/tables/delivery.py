"""Tables of the hub's functions, tasks, deliverers and allocations."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation


class HubFunctionTable(BaseTable):
    name = tables.Column(linkify=True)
    code = tables.Column()
    order = tables.Column()

    class Meta(BaseTable.Meta):
        model = HubFunction
        fields = ("name", "code", "order")


class HubTaskTable(BaseTable):
    name = tables.Column(linkify=True)
    function = tables.Column(linkify=True, order_by=("function__order", "function__name"))
    oversees_members = tables.BooleanColumn(verbose_name="Oversees members")
    retired = tables.BooleanColumn()
    order = tables.Column()

    class Meta(BaseTable.Meta):
        model = HubTask
        fields = ("name", "function", "oversees_members", "retired", "order")


class DelivererTable(BaseTable):
    name = tables.Column(linkify=True)
    kind = tables.Column()
    job_role = tables.Column(linkify=True)
    organisation = tables.Column(linkify=True)
    capacity = tables.Column(verbose_name="Hours a month", orderable=False)

    class Meta(BaseTable.Meta):
        model = Deliverer
        fields = ("name", "kind", "job_role", "organisation", "capacity")


class TaskAllocationTable(BaseTable):
    display = tables.Column(verbose_name="Allocation", accessor="pk", linkify=True, orderable=False)
    task_name = tables.Column(verbose_name="Task", accessor="task__name", order_by=("task__name",))
    function = tables.Column(accessor="task__function", order_by=("task__function__order",))
    deliverer = tables.Column(linkify=True, order_by=("deliverer__name",))
    raci = tables.Column()
    hours_per_month = tables.Column(verbose_name="Hours a month")

    class Meta(BaseTable.Meta):
        model = TaskAllocation
        fields = ("display", "task_name", "function", "deliverer", "raci", "hours_per_month")

    def render_display(self, record: TaskAllocation) -> str:
        return str(record)

    def value_display(self, record: TaskAllocation) -> str:
        return str(record)
