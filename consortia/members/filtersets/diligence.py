"""Filters for due diligence (they serve the list pages and the API)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.members.choices import EvidenceStatus, Rag, RequirementKind
from consortia.members.models import DueDiligenceReview, Evidence, Requirement


class RequirementFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    kind = django_filters.ChoiceFilter(choices=RequirementKind.choices, empty_label="Any")
    active = django_filters.BooleanFilter(label="Still asked for")

    class Meta:
        model = Requirement
        fields = ["q", "kind", "active", "needs_expiry"]


class EvidenceFilterSet(BaseFilterSet):
    search_fields = ("requirement__name", "organisation__name", "answer", "original_filename")

    status = django_filters.ChoiceFilter(choices=EvidenceStatus.choices, empty_label="Any")
    requirement = django_filters.ChoiceFilter(
        choices=reference_choices(Requirement.objects.order_by("order", "name")),
        field_name="requirement_id",
        label="Requirement",
        empty_label="Any",
    )
    organisation = django_filters.NumberFilter(field_name="organisation_id", label="Organisation (id)")
    organisation_name = django_filters.CharFilter(
        field_name="organisation__name", lookup_expr="icontains", label="Organisation name contains"
    )
    expires_before = django_filters.DateFilter(field_name="expires_on", lookup_expr="lt", label="Expiring before")
    current = django_filters.BooleanFilter(method="filter_current", label="Current (not replaced by newer evidence)")

    class Meta:
        model = Evidence
        fields = ["q", "status", "requirement", "organisation", "organisation_name", "expires_before", "current"]

    def filter_current(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(superseded_by__isnull=value)


class DueDiligenceReviewFilterSet(BaseFilterSet):
    search_fields = ("organisation__name", "reasons", "action_plan")

    rag = django_filters.ChoiceFilter(choices=Rag.choices, label="RAG", empty_label="Any")
    organisation = django_filters.NumberFilter(field_name="organisation_id", label="Organisation (id)")

    class Meta:
        model = DueDiligenceReview
        fields = ["q", "year", "rag", "organisation"]
