"""Tables of the eligibility questions and membership applications."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.members.models import EligibilityQuestion, MembershipApplication


class EligibilityQuestionTable(BaseTable):
    text = tables.Column(linkify=True)
    kind = tables.Column()
    required = tables.BooleanColumn()
    expected_answer = tables.Column(verbose_name="Expected answer")
    active = tables.BooleanColumn(verbose_name="On the form")
    order = tables.Column()

    class Meta(BaseTable.Meta):
        model = EligibilityQuestion
        fields = ("text", "kind", "required", "expected_answer", "active", "order")


class MembershipApplicationTable(BaseTable):
    application = tables.Column(
        linkify=True, accessor="pk", verbose_name="Application", order_by=("organisation_name", "pk")
    )
    contact_name = tables.Column(verbose_name="Contact")
    status = tables.Column()
    tier_requested = tables.Column(verbose_name="Tier asked for")
    submitted_at = tables.DateColumn(verbose_name="Sent", format="d/m/Y")
    decided_at = tables.DateColumn(verbose_name="Decided", format="d/m/Y")

    class Meta(BaseTable.Meta):
        model = MembershipApplication
        fields = ("application", "contact_name", "status", "tier_requested", "submitted_at", "decided_at")

    def render_application(self, record: MembershipApplication) -> str:
        return str(record)

    def value_application(self, record: MembershipApplication) -> str:
        return str(record)
