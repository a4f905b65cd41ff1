"""The table of workplan items."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.hub.models import WorkplanItem


class WorkplanItemTable(BaseTable):
    activity = tables.Column(linkify=True)
    function = tables.Column(verbose_name="Strand", order_by=("function__order", "start_month"))
    lead = tables.Column()
    start_month = tables.DateColumn(format="M Y", verbose_name="Start")
    end_month = tables.DateColumn(format="M Y", verbose_name="End")
    milestone = tables.Column()
    status = tables.Column()
    rag = tables.Column(verbose_name="RAG")

    class Meta(BaseTable.Meta):
        model = WorkplanItem
        fields = ("activity", "function", "lead", "start_month", "end_month", "milestone", "status", "rag")
