"""Filters of the matches and saved searches (and their API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from consortia.core.filtersets import BaseFilterSet
from consortia.opportunities.filtersets.notices import open_condition
from consortia.opportunities.models import NoticeMatch, SavedSearch


class NoticeMatchFilterSet(BaseFilterSet):
    search_fields = ("notice__title", "organisation__name")

    organisation = django_filters.NumberFilter(field_name="organisation_id", widget=forms.HiddenInput)
    notice = django_filters.NumberFilter(field_name="notice_id", widget=forms.HiddenInput)
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte", label="Score at least")
    open = django_filters.BooleanFilter(
        widget=forms.Select(choices=[("", "Any"), ("true", "Open"), ("false", "Closed")]),
        label="Deadline",
        method="filter_open",
    )

    class Meta:
        model = NoticeMatch
        fields = ["q", "organisation", "notice", "min_score", "open"]

    def filter_open(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        still_open = open_condition(path="notice__")
        return queryset.filter(still_open) if value else queryset.exclude(still_open)


class SavedSearchFilterSet(BaseFilterSet):
    search_fields = ("name", "query")

    class Meta:
        model = SavedSearch
        fields = ["q", "in_digest"]
