"""Tables for due diligence: requirements, evidence and reviews."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from consortia.core.tables import BaseTable
from consortia.members.models import DueDiligenceReview, Evidence, Requirement


class RequirementTable(BaseTable):
    name = tables.Column(linkify=True)
    kind = tables.Column()
    mandatory_full = tables.BooleanColumn(verbose_name="Full members")
    mandatory_associate = tables.BooleanColumn(verbose_name="Associates")
    mandatory_partner = tables.BooleanColumn(verbose_name="Partners")
    renewal_months = tables.Column(verbose_name="Renew every (months)")
    verified_by = tables.Column(verbose_name="Checked by")
    active = tables.BooleanColumn()

    class Meta(BaseTable.Meta):
        model = Requirement
        fields = (
            "name",
            "kind",
            "mandatory_full",
            "mandatory_associate",
            "mandatory_partner",
            "renewal_months",
            "verified_by",
            "active",
        )


class NamedTable(BaseTable):
    """The first column names the record as it is named everywhere (`str()`), linked to it."""

    def render_name(self, record: Any) -> str:
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record)

    def value_name(self, record: Any) -> str:
        return str(record)


class EvidenceTable(NamedTable):
    name = tables.Column(accessor="pk", verbose_name="Evidence", order_by=("requirement__order", "organisation__name"))
    organisation = tables.Column(linkify=True)
    status = tables.Column()
    issued_on = tables.DateColumn(format="d/m/Y", verbose_name="Issued")
    expires_on = tables.DateColumn(format="d/m/Y", verbose_name="Expires")
    cover_amount = tables.Column(verbose_name="Cover (£)")
    replaced = tables.BooleanColumn(verbose_name="Replaced by newer", accessor="superseded_by_id")

    class Meta(BaseTable.Meta):
        model = Evidence
        fields = ("name", "organisation", "status", "issued_on", "expires_on", "cover_amount", "replaced")


class DueDiligenceReviewTable(NamedTable):
    name = tables.Column(accessor="pk", verbose_name="Review", order_by=("organisation__name", "year"))
    year = tables.Column()
    rag = tables.Column(verbose_name="RAG")
    reviewed_on = tables.DateColumn(format="d/m/Y", verbose_name="Reviewed")
    reviewer = tables.Column()
    next_review_due = tables.DateColumn(format="d/m/Y", verbose_name="Next review due")

    class Meta(BaseTable.Meta):
        model = DueDiligenceReview
        fields = ("name", "year", "rag", "reviewed_on", "reviewer", "next_review_due")
