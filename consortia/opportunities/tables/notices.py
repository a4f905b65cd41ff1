"""The notice search's results table (and its CSV and Excel export)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import django_tables2 as tables
from django.db.models import F, QuerySet
from django.db.models.expressions import OrderBy
from django.utils import timezone

from consortia.core import formats
from consortia.core.tables import BaseTable
from consortia.opportunities.models import Notice


def pounds(amount: Decimal | None) -> str:
    """£1,250,000 (pence only when there are any); "" for no value."""
    return formats.pounds(amount, whole=True, empty="")


def day_and_time(moment: datetime.datetime | None) -> str:
    """DD/MM/YYYY HH:MM in UK time; "" for none."""
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def suitability(notice: Notice) -> str:
    """Who the buyer says the notice suits: "VCSE, SME", "VCSE", "SME" or ""."""
    return ", ".join(label for label, flag in (("VCSE", notice.suitable_vcse), ("SME", notice.suitable_sme)) if flag)


def _nulls_last(field: str, descending: bool) -> OrderBy:
    # Notices without a value or deadline go last whichever way the column is sorted.
    return F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)


class NoticeTable(BaseTable):
    title = tables.Column(verbose_name="Title", accessor="pk", linkify=lambda record: record.get_absolute_url())
    buyer_name = tables.Column(verbose_name="Buyer")
    value = tables.Column(verbose_name="Value", accessor="value_amount", order_by=("value_amount",))
    deadline = tables.Column(verbose_name="Deadline")
    notice_type = tables.Column(verbose_name="Notice type")
    main_cpv = tables.Column(verbose_name="CPV")
    suitable = tables.Column(verbose_name="Suitable for", accessor="pk", orderable=False)
    member_fit = tables.Column(verbose_name="Fit with members")

    class Meta(BaseTable.Meta):
        model = Notice
        fields = ("title", "buyer_name", "value", "deadline", "notice_type", "main_cpv", "suitable", "member_fit")
        empty_text = "No notices match these filters."

    def render_title(self, record: Notice) -> str:
        return str(record)

    def order_title(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return queryset.order_by(("-" if is_descending else "") + "title", "-id"), True

    def order_value(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return queryset.order_by(_nulls_last("value_amount", is_descending), "-id"), True

    def order_deadline(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return queryset.order_by(_nulls_last("deadline", is_descending), "-id"), True

    def render_value(self, value: Decimal) -> str:
        return pounds(value)

    def value_value(self, value: Decimal | None) -> str:
        return pounds(value)

    def render_deadline(self, value: datetime.datetime) -> str:
        return day_and_time(value)

    def value_deadline(self, value: datetime.datetime | None) -> str:
        return day_and_time(value)

    def render_suitable(self, record: Notice) -> str:
        return suitability(record) or "—"

    def value_suitable(self, record: Notice) -> str:
        return suitability(record)
