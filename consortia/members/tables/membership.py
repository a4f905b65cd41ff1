"""Tables of memberships and development actions."""

from __future__ import annotations

import django_tables2 as tables
from django.utils import timezone

from consortia.core import formats
from consortia.core.tables import BaseTable
from consortia.members.models import DevelopmentAction, Membership


def pounds(amount: object) -> str:
    return formats.pounds(amount)


class MembershipTable(BaseTable):
    display = tables.Column(verbose_name="Membership", accessor="pk", linkify=lambda record: record.get_absolute_url())
    organisation = tables.Column(verbose_name="Member", accessor="organisation__name")
    tier = tables.Column()
    status = tables.Column()
    joined_on = tables.Column(verbose_name="Joined")
    renewal_due = tables.Column(verbose_name="Renewal due")
    annual_fee = tables.Column(verbose_name="Annual fee")
    fee_paid = tables.BooleanColumn(verbose_name="Fee paid")

    class Meta(BaseTable.Meta):
        model = Membership
        fields = ("display", "organisation", "tier", "status", "joined_on", "renewal_due", "annual_fee", "fee_paid")

    def render_display(self, record: Membership) -> str:
        return str(record)

    def render_annual_fee(self, record: Membership) -> str:
        return pounds(record.annual_fee)


class DevelopmentActionTable(BaseTable):
    action = tables.Column(linkify=True)
    membership = tables.Column(verbose_name="Member", accessor="membership__organisation__name")
    due_on = tables.Column(verbose_name="Due")
    done_on = tables.Column(verbose_name="Done")
    progress = tables.Column(verbose_name="Progress", empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = DevelopmentAction
        fields = ("action", "membership", "due_on", "done_on", "progress")

    def render_progress(self, record: DevelopmentAction) -> str:
        return action_progress(record)


def action_progress(action: DevelopmentAction) -> str:
    """Done, overdue or to do, in words."""
    if action.done_on:
        return "Done"
    if action.due_on < timezone.localdate():
        return "Overdue"
    return "To do"
