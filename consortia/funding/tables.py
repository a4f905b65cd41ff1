"""The funding lists."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable, MoneyColumn
from consortia.funding.models import (
    Application,
    FundingPayment,
    GrantDataset,
    GrantRecord,
    Prospect,
    ReportingRequirement,
)


class ProspectTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Prospect", order_by=("funder__name", "programme"))
    kind = tables.Column()
    amount_min = MoneyColumn(verbose_name="From")
    amount_max = MoneyColumn(verbose_name="To")
    deadline = tables.DateColumn(format="d/m/Y", verbose_name="Deadline", default="—")
    fit = tables.Column(verbose_name="Fit", default="—")
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = Prospect
        fields = ("heading", "kind", "amount_min", "amount_max", "deadline", "fit", "status")


class ApplicationTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name="Application")
    funder = tables.Column(accessor="prospect__funder__name", verbose_name="Funder")
    status = tables.Column()
    ask_amount = MoneyColumn(verbose_name="Asked")
    award_amount = MoneyColumn(verbose_name="Awarded")
    submitted_on = tables.DateColumn(format="d/m/Y", verbose_name="Submitted", default="—")
    decision_date = tables.DateColumn(format="d/m/Y", verbose_name="Decided", default="—")
    money_kind = tables.Column(verbose_name="Money")

    class Meta(BaseTable.Meta):
        model = Application
        fields = (
            "title",
            "funder",
            "status",
            "ask_amount",
            "award_amount",
            "submitted_on",
            "decision_date",
            "money_kind",
        )


class FundingPaymentTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Payment", order_by=("due_on",))
    funder = tables.Column(accessor="application__prospect__funder__name", verbose_name="Funder")
    amount = MoneyColumn(verbose_name="Amount")
    received_on = tables.DateColumn(format="d/m/Y", verbose_name="Received", default="—")

    class Meta(BaseTable.Meta):
        model = FundingPayment
        fields = ("heading", "funder", "amount", "received_on")


class ReportingRequirementTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name="Report")
    application = tables.Column(accessor="application__title", verbose_name="Application")
    funder = tables.Column(accessor="application__prospect__funder__name", verbose_name="Funder")
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due")
    submitted_on = tables.DateColumn(format="d/m/Y", verbose_name="Sent", default="—")

    class Meta(BaseTable.Meta):
        model = ReportingRequirement
        fields = ("title", "application", "funder", "due_on", "submitted_on")


class GrantDatasetTable(BaseTable):
    publisher = tables.Column(linkify=True)
    title = tables.Column(default="—")
    licence = tables.Column(default="—")
    grant_count = tables.Column(verbose_name="Grants")
    total_awarded = MoneyColumn(verbose_name="Total awarded")
    imported_at = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="Imported")

    class Meta(BaseTable.Meta):
        model = GrantDataset
        fields = ("publisher", "title", "licence", "grant_count", "total_awarded", "imported_at")


class GrantRecordTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name="Grant")
    recipient_name = tables.Column(verbose_name="Recipient")
    recipient_type = tables.Column(verbose_name="Type")
    beneficiary_locations = tables.Column(verbose_name="Where", default="—")
    programme = tables.Column(verbose_name="Programme", default="—")
    funder_name = tables.Column(verbose_name="Funder")
    amount_awarded = MoneyColumn(verbose_name="Amount")
    award_date = tables.DateColumn(format="d/m/Y", verbose_name="Awarded")

    class Meta(BaseTable.Meta):
        model = GrantRecord
        fields = (
            "title",
            "recipient_name",
            "recipient_type",
            "beneficiary_locations",
            "programme",
            "funder_name",
            "amount_awarded",
            "award_date",
        )
