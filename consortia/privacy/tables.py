"""The privacy lists."""

from __future__ import annotations

import django_tables2 as tables

from consortia.core.tables import BaseTable
from consortia.privacy.models import ErasureRecord, SensitiveView, SubjectAccessRequest


class SubjectAccessRequestTable(BaseTable):
    subject_name = tables.Column(linkify=True, verbose_name="Person", default="—")
    subject_email = tables.Column(verbose_name="E-mail", default="—")
    received_on = tables.DateColumn(format="d/m/Y", verbose_name="Received")
    due_on = tables.DateColumn(format="d/m/Y", verbose_name="Answer due by")
    fulfilled_on = tables.DateColumn(format="d/m/Y", verbose_name="Answered", default="Not yet")

    class Meta(BaseTable.Meta):
        model = SubjectAccessRequest
        fields = ("subject_name", "subject_email", "requested_by", "received_on", "due_on", "fulfilled_on")


class ErasureRecordTable(BaseTable):
    entry = tables.Column(
        empty_values=(), linkify=lambda record: record.get_absolute_url(), orderable=False, verbose_name="Erasure"
    )
    erased_at = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="Erased")
    erased_by = tables.Column(accessor="erased_by__full_name", verbose_name="By", default="—")

    def render_entry(self, record: ErasureRecord) -> str:
        return str(record)

    def value_entry(self, record: ErasureRecord) -> str:
        return str(record)

    class Meta(BaseTable.Meta):
        model = ErasureRecord
        fields = ("entry", "erased_at", "erased_by", "reference")


class SensitiveViewTable(BaseTable):
    entry = tables.Column(
        empty_values=(), linkify=lambda record: record.get_absolute_url(), orderable=False, verbose_name="Entry"
    )
    viewed_at = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="When")
    user = tables.Column(accessor="user__full_name", verbose_name="Who")
    kind = tables.Column(verbose_name="What")
    record_name = tables.Column(verbose_name="Record")
    view_name = tables.Column(verbose_name="Opened through")

    def render_entry(self, record: SensitiveView) -> str:
        return str(record)

    def value_entry(self, record: SensitiveView) -> str:
        return str(record)

    class Meta(BaseTable.Meta):
        model = SensitiveView
        fields = ("entry", "viewed_at", "user", "kind", "record_name", "view_name")
