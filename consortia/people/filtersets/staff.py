"""Filters of the staff list (and its API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.directory.models import Organisation
from consortia.people.models import JobRole, StaffMember
from consortia.people.services.staff import shared_employer


def yes_no() -> forms.Select:
    """A yes/no filter that can be left at "Any" (django-filter's own says "Unknown")."""
    return forms.Select(choices=[("", "Any"), ("true", "Yes"), ("false", "No")])


class StaffMemberFilterSet(BaseFilterSet):
    search_fields = ("first_name", "last_name", "employer__name")

    employer = django_filters.ChoiceFilter(
        field_name="employer_id",
        label="Employed by",
        choices=reference_choices(
            Organisation.objects.filter(pk__in=StaffMember.objects.values("employer_id")).order_by("name")
        ),
        empty_label="Any",
    )
    shared = django_filters.BooleanFilter(
        widget=yes_no(), label="Shared (employed by a member or a CVS)", method="filter_shared"
    )
    job_role = django_filters.ChoiceFilter(
        field_name="job_role_id",
        label="Job role",
        choices=reference_choices(JobRole.objects.all(), "title"),
        empty_label="Any",
    )
    current = django_filters.BooleanFilter(widget=yes_no(), label="Working for the hub now", method="filter_current")

    class Meta:
        model = StaffMember
        fields = ["q", "employer", "shared", "job_role", "current"]

    def filter_shared(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        condition = shared_employer()
        return queryset.filter(condition if value else ~condition)

    def filter_current(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        today = timezone.localdate()
        working = Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
        return queryset.filter(working if value else ~working)
