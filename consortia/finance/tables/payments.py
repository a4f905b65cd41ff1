"""Lists of the management fee and payments to members."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html

from consortia.core.tables import BaseTable, MoneyColumn
from consortia.finance.models import FeeRule, FeeTier, MemberPayment, PaymentLine, PaymentRun


class FeeRuleTable(BaseTable):
    heading = tables.Column(accessor="pk", verbose_name="Fee rule", linkify=False, empty_values=())
    contract = tables.Column(default="—")
    subcontract = tables.Column(default="—")
    kind = tables.Column()
    percentage = tables.Column(verbose_name="%", default="—")
    flat_amount = MoneyColumn(verbose_name="Flat (£)", default="—")

    class Meta(BaseTable.Meta):
        model = FeeRule
        fields = ("heading", "contract", "subcontract", "kind", "percentage", "flat_amount")

    def render_heading(self, record: FeeRule) -> str:
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), str(record))  # type: ignore[return-value]


class FeeTierTable(BaseTable):
    heading = tables.Column(accessor="pk", verbose_name="Band", empty_values=())
    rule = tables.Column(linkify=True, verbose_name="Fee rule")

    class Meta(BaseTable.Meta):
        model = FeeTier
        fields = ("heading", "rule")

    def render_heading(self, record: FeeTier) -> str:
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), str(record))  # type: ignore[return-value]


class PaymentRunTable(BaseTable):
    heading = tables.Column(accessor="pk", verbose_name="Payment run", order_by=("period_start",), empty_values=())
    status = tables.Column()
    approved_by = tables.Column(default="—")
    approved_at = tables.DateTimeColumn(format="d/m/Y H:i", default="—", verbose_name="Approved")

    class Meta(BaseTable.Meta):
        model = PaymentRun
        fields = ("heading", "status", "approved_by", "approved_at")

    def render_heading(self, record: PaymentRun) -> str:
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), str(record))  # type: ignore[return-value]


class MemberPaymentTable(BaseTable):
    heading = tables.Column(accessor="remittance", verbose_name="Remittance", linkify=True, order_by=("remittance",))
    organisation = tables.Column(verbose_name="Member")
    run = tables.Column(linkify=False, verbose_name="Payment run", order_by=("run__period_start",))
    gross = MoneyColumn(accessor="gross", orderable=False, verbose_name="Gross")
    fee = MoneyColumn(verbose_name="Fee")
    net = MoneyColumn(verbose_name="Net")
    commissioner_paid_on = tables.DateColumn(format="d/m/Y", default="—", verbose_name="Commissioner paid")
    member_paid_on = tables.DateColumn(format="d/m/Y", default="—", verbose_name="Member paid")

    class Meta(BaseTable.Meta):
        model = MemberPayment
        fields = (
            "heading",
            "organisation",
            "run",
            "gross",
            "fee",
            "net",
            "commissioner_paid_on",
            "member_paid_on",
        )

    def render_heading(self, record: MemberPayment) -> str:
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), str(record))  # type: ignore[return-value]


class PaymentLineTable(BaseTable):
    description = tables.Column(linkify=True)
    payment = tables.Column(linkify=True, accessor="payment__remittance", verbose_name="Remittance")
    kind = tables.Column()
    amount = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = PaymentLine
        fields = ("description", "payment", "kind", "amount")
