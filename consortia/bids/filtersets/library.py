"""Filters of the answer library."""

from __future__ import annotations

import django_filters

from consortia.bids.choices import EntryKind
from consortia.bids.models import LibraryEntry, LibraryUse
from consortia.core.filtersets import BaseFilterSet


class LibraryEntryFilterSet(BaseFilterSet):
    search_fields = ("title", "question", "text", "tags")
    kind = django_filters.ChoiceFilter(choices=EntryKind.choices, empty_label="Any")

    class Meta:
        model = LibraryEntry
        fields = ["q", "kind"]


class LibraryUseFilterSet(BaseFilterSet):
    entry = django_filters.NumberFilter(field_name="entry_id", label="Library entry")
    search_fields = ("entry__title",)

    class Meta:
        model = LibraryUse
        fields = ["q", "entry"]
