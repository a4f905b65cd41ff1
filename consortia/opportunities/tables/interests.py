"""The members' interest list."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.opportunities.models import Interest


class InterestTable(BaseTable):
    display = tables.Column(
        verbose_name="Interest",
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("opportunity__title", "organisation__name"),
    )
    role = tables.Column(verbose_name="Proposed role")
    status = tables.Column()
    created = tables.DateColumn(format="d/m/Y", verbose_name="Expressed")

    class Meta(BaseTable.Meta):
        model = Interest
        fields = ("display", "role", "status", "created")

    def render_display(self, record: Interest) -> str:
        return str(record)

    def value_display(self, record: Interest) -> str:
        return str(record)
