"""The answer library's lists."""

from __future__ import annotations

import django_tables2 as tables

from consortia.bids.models import LibraryEntry, LibraryUse
from consortia.core.tables import BaseTable


class LibraryEntryTable(BaseTable):
    title = tables.Column(linkify=True)
    kind = tables.Column()
    tags = tables.Column(default="—")
    owner = tables.Column(default="—")
    last_reviewed = tables.DateColumn(format="d/m/Y", default="Never")
    freshness = tables.Column(empty_values=(), orderable=False)
    reuse_count = tables.Column(verbose_name="Reused")

    class Meta(BaseTable.Meta):
        model = LibraryEntry
        fields = ("title", "kind", "tags", "owner", "last_reviewed", "freshness", "reuse_count")

    def render_freshness(self, record: LibraryEntry) -> str:
        from consortia.bids.choices import Freshness

        return str(Freshness(record.freshness).label)


class LibraryUseTable(BaseTable):
    heading = tables.Column(linkify=True, verbose_name="Use", order_by=("entry__title",))
    question = tables.Column(linkify=True)
    bid = tables.Column(accessor="question__bid", linkify=True)
    created = tables.DateTimeColumn(format="d/m/Y H:i", verbose_name="Used")
    created_by = tables.Column(verbose_name="By", default="—")

    class Meta(BaseTable.Meta):
        model = LibraryUse
        fields = ("heading", "question", "bid", "created", "created_by")
