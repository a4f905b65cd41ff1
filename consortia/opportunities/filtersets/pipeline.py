"""Filters of the opportunities list (and its API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.opportunities.choices import CLOSED_STAGES, OpportunityKind, PipelineStage
from consortia.opportunities.models import Opportunity
from consortia.users.models import User


class OpportunityFilterSet(BaseFilterSet):
    search_fields = ("title", "description", "commissioner__name")

    stage = django_filters.MultipleChoiceFilter(
        choices=PipelineStage.choices, widget=forms.CheckboxSelectMultiple, label="Stage"
    )
    kind = django_filters.ChoiceFilter(choices=OpportunityKind.choices, empty_label="Any")
    owner = django_filters.ChoiceFilter(
        field_name="owner_id",
        choices=reference_choices(User.objects.filter(organisation__isnull=True, is_active=True), "full_name"),
        empty_label="Anyone",
    )
    open = django_filters.BooleanFilter(
        widget=forms.Select(choices=[("", "Any"), ("true", "Open"), ("false", "Closed")]),
        label="Open or closed",
        method="filter_open",
    )
    deadline_from = django_filters.DateFilter(
        field_name="submission_deadline", lookup_expr="date__gte", label="Deadline from"
    )
    deadline_to = django_filters.DateFilter(
        field_name="submission_deadline", lookup_expr="date__lte", label="Deadline to"
    )

    class Meta:
        model = Opportunity
        fields = ["q", "stage", "kind", "owner", "open", "deadline_from", "deadline_to"]

    def filter_open(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        closed = [str(stage) for stage in CLOSED_STAGES]
        return queryset.exclude(stage__in=closed) if value else queryset.filter(stage__in=closed)
