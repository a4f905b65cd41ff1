"""The opportunities list."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.opportunities.models import Opportunity


class OpportunityTable(BaseTable):
    title = tables.Column(linkify=True)
    commissioner = tables.Column(linkify=True, default="—")
    value = tables.Column(verbose_name="Value (£)", default="—")
    submission_deadline = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="Deadline", default="—")
    stage = tables.Column()
    owner = tables.Column(default="—")

    class Meta(BaseTable.Meta):
        model = Opportunity
        fields = ("title", "commissioner", "value", "submission_deadline", "stage", "owner")
