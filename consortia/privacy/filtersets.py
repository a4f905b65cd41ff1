"""Filters of the privacy lists (the list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.privacy.models import ErasureRecord, SensitiveView, SubjectAccessRequest


class SubjectAccessRequestFilterSet(BaseFilterSet):
    search_fields = ("subject_name", "subject_email", "requested_by")
    open = django_filters.BooleanFilter(field_name="fulfilled_on", lookup_expr="isnull", label="Not yet answered")

    class Meta:
        model = SubjectAccessRequest
        fields = ["q", "open"]


class ErasureRecordFilterSet(BaseFilterSet):
    search_fields = ("reference",)
    erased_from = django_filters.DateFilter(field_name="erased_at", lookup_expr="date__gte", label="From")
    erased_to = django_filters.DateFilter(field_name="erased_at", lookup_expr="date__lte", label="To")

    class Meta:
        model = ErasureRecord
        fields = ["q", "erased_from", "erased_to"]


class SensitiveViewFilterSet(BaseFilterSet):
    search_fields = ("record_name", "user__full_name", "user__email", "kind")
    user = django_filters.NumberFilter(field_name="user_id", label="Who (user id)")
    viewed_from = django_filters.DateFilter(field_name="viewed_at", lookup_expr="date__gte", label="From")
    viewed_to = django_filters.DateFilter(field_name="viewed_at", lookup_expr="date__lte", label="To")

    class Meta:
        model = SensitiveView
        fields = ["q", "user", "viewed_from", "viewed_to"]
