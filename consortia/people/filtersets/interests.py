"""Filters of the declared interests list (and its API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from consortia.core.filtersets import BaseFilterSet
from consortia.people.choices import InterestNature
from consortia.people.filtersets.staff import yes_no
from consortia.people.models import DeclaredInterest, InterestReturn
from consortia.people.services.interests import current


class DeclaredInterestFilterSet(BaseFilterSet):
    search_fields = ("person__full_name", "organisation__name", "details")

    nature = django_filters.ChoiceFilter(choices=InterestNature.choices, empty_label="Any")
    current = django_filters.BooleanFilter(widget=yes_no(), label="In force today", method="filter_current")

    class Meta:
        model = DeclaredInterest
        fields = ["q", "nature", "current"]

    def filter_current(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        return queryset.filter(current()) if value else queryset.exclude(current())


class InterestReturnFilterSet(BaseFilterSet):
    search_fields = ("person__full_name", "note")

    nothing_to_declare = django_filters.BooleanFilter(widget=yes_no(), label="Nothing to declare")
    confirmed_after = django_filters.DateFilter(field_name="confirmed_on", lookup_expr="gte", label="Confirmed from")

    class Meta:
        model = InterestReturn
        fields = ["q", "nothing_to_declare", "confirmed_after"]
