"""The staff list."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.people.models import StaffMember
from consortia.people.services.recharge import pounds


class StaffMemberTable(BaseTable):
    # `name` is annotated by the list's queryset (first and last names).
    name = tables.Column(linkify=True, order_by=("last_name", "first_name"), verbose_name="Name")
    job_role = tables.Column(linkify=True)
    employer = tables.Column(linkify=True, verbose_name="Employed by")
    shared = tables.BooleanColumn(verbose_name="Shared", accessor="shared")
    fte = tables.Column(verbose_name="FTE")
    cost_rate = tables.Column(verbose_name="Cost rate (£ an hour)")
    start_date = tables.DateColumn(format="d/m/Y")
    end_date = tables.DateColumn(format="d/m/Y", default="—")

    class Meta(BaseTable.Meta):
        model = StaffMember
        fields = ("name", "job_role", "employer", "shared", "fte", "cost_rate", "start_date", "end_date")

    def render_cost_rate(self, value: Any) -> str:
        return pounds(value)

    def value_cost_rate(self, value: Any) -> Any:
        return value
