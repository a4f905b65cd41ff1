"""Tables of matching."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from consortia.core.tables import BaseTable
from consortia.opportunities.models import NoticeMatch, SavedSearch


class NoticeMatchTable(BaseTable):
    notice = tables.Column(linkify=True, order_by=("notice__title",))
    organisation = tables.Column(linkify=True, verbose_name="Member", order_by=("organisation__name",))
    score = tables.Column()
    reasons = tables.Column(orderable=False)

    class Meta(BaseTable.Meta):
        model = NoticeMatch
        fields = ("notice", "organisation", "score", "reasons")


class SavedSearchTable(BaseTable):
    name = tables.Column(linkify=True)
    run = tables.Column(accessor="query", verbose_name="Results", orderable=False)
    in_digest = tables.BooleanColumn(verbose_name="In the weekly e-mail")
    owner = tables.Column(default="—")

    class Meta(BaseTable.Meta):
        model = SavedSearch
        fields = ("name", "run", "in_digest", "owner")

    def render_run(self, value: str) -> str:
        return format_html('<a href="{}?{}">Run the search</a>', reverse("opportunities:notice_list"), value)

    def value_run(self, value: str) -> str:
        return value
