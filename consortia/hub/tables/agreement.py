"""The table of service agreements."""

from __future__ import annotations

from decimal import Decimal

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.hub.choices import FeeBasis
from consortia.hub.models import ServiceAgreement


class ServiceAgreementTable(BaseTable):
    title = tables.Column(linkify=True)
    provider = tables.Column(linkify=True)
    status = tables.Column()
    start = tables.Column()
    end = tables.Column()
    fee = tables.Column(verbose_name="Fee")
    fee_basis = tables.Column(verbose_name="Fee basis")

    class Meta(BaseTable.Meta):
        model = ServiceAgreement
        fields = ("title", "provider", "status", "start", "end", "fee", "fee_basis")

    def render_fee(self, record: ServiceAgreement) -> str:
        return money(record.fee, record.fee_basis)


def money(amount: Decimal, basis: str = "") -> str:
    """£38,500.00, or 5% for a fee that is a share of contract income."""
    if basis == FeeBasis.PERCENT:
        return f"{amount.normalize():f}%"
    return f"£{amount:,.2f}"
