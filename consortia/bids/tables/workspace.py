"""The lists of the bid workspace."""

from __future__ import annotations

import django_tables2 as tables

from consortia.bids.models import Bid, BidPartner, BidQuestion, Clarification, ComplianceItem, Milestone
from consortia.core.tables import BaseTable


class BidTable(BaseTable):
    opportunity = tables.Column(linkify=False, verbose_name="Bid")
    manager = tables.Column(verbose_name="Bid manager")
    status = tables.Column()
    deadline = tables.DateTimeColumn(
        accessor="opportunity__submission_deadline", format="d/m/Y H:i", verbose_name="Deadline", default="—"
    )
    top_slice = tables.Column(verbose_name="Fee (%)")

    class Meta(BaseTable.Meta):
        model = Bid
        fields = ("opportunity", "manager", "status", "deadline", "top_slice")

    def render_opportunity(self, record: Bid) -> str:
        from django.utils.html import format_html

        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record.opportunity.title)  # type: ignore[return-value]


class BidPartnerTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Partner", order_by=("organisation__name",))
    bid = tables.Column(linkify=True)
    role = tables.Column()
    delivery_share = tables.Column(verbose_name="Share (%)")
    delivery_cost = tables.Column(verbose_name="Cost (£)")

    class Meta(BaseTable.Meta):
        model = BidPartner
        fields = ("heading", "bid", "role", "delivery_share", "delivery_cost")


class MilestoneTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Deadline", order_by=("due_on", "name"))
    bid = tables.Column(linkify=True)
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due")
    owner = tables.Column(default="—")
    done = tables.BooleanColumn()

    class Meta(BaseTable.Meta):
        model = Milestone
        fields = ("heading", "bid", "due_on", "owner", "done")


class BidQuestionTable(BaseTable):
    heading = tables.Column(verbose_name="Question", linkify=True, order_by=("order", "number"))
    bid = tables.Column(linkify=True)
    section = tables.Column(default="—")
    assigned_partner = tables.Column(accessor="assigned_partner__organisation", verbose_name="Partner", default="—")
    owner = tables.Column(default="—")
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Due", default="—")
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = BidQuestion
        fields = ("heading", "bid", "section", "assigned_partner", "owner", "due_on", "status")


class ClarificationTable(BaseTable):
    question = tables.Column(linkify=True)
    bid = tables.Column(linkify=True)
    reference = tables.Column(default="—")
    asked_on = tables.DateColumn(format="d/m/Y", default="—")
    answered_on = tables.DateColumn(format="d/m/Y", default="—")

    class Meta(BaseTable.Meta):
        model = Clarification
        fields = ("question", "bid", "reference", "asked_on", "answered_on")


class ComplianceItemTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Item", order_by=("name",))
    bid = tables.Column(linkify=True)
    partner = tables.Column(accessor="partner__organisation", verbose_name="Partner", default="The hub")
    done = tables.BooleanColumn(verbose_name="In hand")

    class Meta(BaseTable.Meta):
        model = ComplianceItem
        fields = ("heading", "bid", "partner", "done")
