"""Filters for the business plan and its parts (the list pages and the API)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.hub.choices import PlanStatus
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview


def plan_choices():  # type: ignore[no-untyped-def]
    return reference_choices(BusinessPlan.objects.order_by("-period_start"), "title")


class BusinessPlanFilterSet(BaseFilterSet):
    search_fields = ("title", "approval_note")

    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, empty_label="Any")
    in_force_on = django_filters.DateFilter(label="Covering the day", method="filter_in_force_on")

    class Meta:
        model = BusinessPlan
        fields = ["q", "status", "in_force_on"]

    def filter_in_force_on(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(period_start__lte=value, period_end__gte=value)


class PlanObjectiveFilterSet(BaseFilterSet):
    search_fields = ("title", "description")

    plan = django_filters.ChoiceFilter(choices=plan_choices(), empty_label="Any")

    class Meta:
        model = PlanObjective
        fields = ["q", "plan"]


class PlanIndicatorFilterSet(BaseFilterSet):
    search_fields = ("name", "objective__title")

    plan = django_filters.ChoiceFilter(
        choices=plan_choices(), field_name="objective__plan", label="Plan", empty_label="Any"
    )
    computed = django_filters.BooleanFilter(label="Computed from records", method="filter_computed")

    class Meta:
        model = PlanIndicator
        fields = ["q", "plan", "computed"]

    def filter_computed(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.exclude(measure="") if value else queryset.filter(measure="")


class PlanIndicatorReadingFilterSet(BaseFilterSet):
    search_fields = ("indicator__name", "note")

    indicator = django_filters.ChoiceFilter(
        choices=reference_choices(PlanIndicator.objects.filter(measure="").order_by("name")),
        label="Indicator",
        empty_label="Any",
    )
    date = django_filters.DateFilter(lookup_expr="gte", label="From")

    class Meta:
        model = PlanIndicatorReading
        fields = ["q", "indicator", "date"]


class PlanReviewFilterSet(BaseFilterSet):
    search_fields = ("reviewed_by", "summary", "minute_reference")

    plan = django_filters.ChoiceFilter(choices=plan_choices(), empty_label="Any")
    reviewed_on = django_filters.DateFilter(lookup_expr="gte", label="Reviewed from")

    class Meta:
        model = PlanReview
        fields = ["q", "plan", "reviewed_on"]
