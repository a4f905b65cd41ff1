"""The contracts lists."""

from __future__ import annotations

import django_tables2 as tables

from consortia.contracts.models import Contract, ContractDocument, ContractMilestone, Subcontract, Variation
from consortia.core.tables import BaseTable, MoneyColumn


class ContractTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Contract", order_by=("reference",))
    commissioner = tables.Column()
    status = tables.Column()
    start_date = tables.DateColumn(format="d/m/Y", verbose_name="Start")
    end_date = tables.DateColumn(format="d/m/Y", verbose_name="End")
    value = MoneyColumn(verbose_name="Value")
    manager = tables.Column(verbose_name="Manager", default="—")

    class Meta(BaseTable.Meta):
        model = Contract
        fields = ("heading", "commissioner", "status", "start_date", "end_date", "value", "manager")


class ContractMilestoneTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name="Milestone")
    contract = tables.Column(accessor="contract__reference", verbose_name="Contract")
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due")
    done_on = tables.DateColumn(format="d/m/Y", verbose_name="Done", default="—")

    class Meta(BaseTable.Meta):
        model = ContractMilestone
        fields = ("name", "contract", "due_on", "done_on")


class VariationTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Variation", order_by=("contract", "number"))
    agreed_on = tables.DateColumn(format="d/m/Y", verbose_name="Agreed")
    value_change = MoneyColumn(verbose_name="Change")
    value_after = MoneyColumn(verbose_name="Value after")
    new_end_date = tables.DateColumn(format="d/m/Y", verbose_name="New end", default="—")

    class Meta(BaseTable.Meta):
        model = Variation
        fields = ("heading", "agreed_on", "value_change", "value_after", "new_end_date")


class SubcontractTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Subcontract", order_by=("organisation__name", "contract"))
    status = tables.Column()
    share = tables.Column(verbose_name="Share (%)")
    value = MoneyColumn(verbose_name="Value")
    start_date = tables.DateColumn(format="d/m/Y", verbose_name="Start")
    end_date = tables.DateColumn(format="d/m/Y", verbose_name="End")
    signed_on = tables.DateColumn(format="d/m/Y", verbose_name="Signed", default="—")

    class Meta(BaseTable.Meta):
        model = Subcontract
        fields = ("heading", "status", "share", "value", "start_date", "end_date", "signed_on")


class ContractDocumentTable(BaseTable):
    title = tables.Column(linkify=True)
    contract = tables.Column(accessor="contract__reference", verbose_name="Contract")
    kind = tables.Column()
    created = tables.DateTimeColumn(format="d/m/Y", verbose_name="Added")

    class Meta(BaseTable.Meta):
        model = ContractDocument
        fields = ("title", "contract", "kind", "created")
