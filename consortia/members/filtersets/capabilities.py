"""Filters for the capabilities area (the list pages and the API)."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.directory.choices import AreaKind
from consortia.directory.models import Area
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory

EXPIRY_WARNING_DAYS = 60


def areas_within(area_id: int | str) -> Q:
    """Areas that are `area_id` or lie within it (county → districts), on a `Capability.areas` row."""
    return Q(area_id=area_id) | Q(area__parent_id=area_id) | Q(area__parent__parent_id=area_id)


class ServiceCategoryFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "description", "cpv_codes")

    class Meta:
        model = ServiceCategory
        fields = ["q"]


class ClientGroupFilterSet(BaseFilterSet):
    search_fields = ("name",)

    class Meta:
        model = ClientGroup
        fields = ["q"]


class CapabilityFilterSet(BaseFilterSet):
    search_fields = ("organisation__name", "category__name", "description")

    category = django_filters.ChoiceFilter(
        choices=reference_choices(ServiceCategory.objects.all()), field_name="category_id", empty_label="Any"
    )
    client_group = django_filters.ChoiceFilter(
        choices=reference_choices(ClientGroup.objects.all()),
        method="filter_client_group",
        label="Client group",
        empty_label="Any",
    )
    area = django_filters.ChoiceFilter(
        choices=reference_choices(Area.objects.exclude(kind=AreaKind.ITL1).order_by("name")),
        method="filter_area",
        label="Area (includes areas within it)",
        empty_label="Anywhere",
    )
    organisation = django_filters.NumberFilter(field_name="organisation_id", label="Organisation (id)")

    class Meta:
        model = Capability
        fields = ["q", "category", "client_group", "area", "organisation"]

    def filter_client_group(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        rows = Capability.client_groups.through.objects.filter(clientgroup_id=value)
        return queryset.filter(pk__in=rows.values("capability_id"))

    def filter_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        rows = Capability.areas.through.objects.filter(areas_within(value))
        return queryset.filter(pk__in=rows.values("capability_id"))


class QualityMarkFilterSet(BaseFilterSet):
    search_fields = ("name", "reference", "organisation__name")

    organisation = django_filters.NumberFilter(field_name="organisation_id", label="Organisation (id)")
    expiring = django_filters.BooleanFilter(method="filter_expiring", label="Expired or expiring within 60 days")

    class Meta:
        model = QualityMark
        fields = ["q", "organisation", "expiring"]

    def filter_expiring(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        soon = Q(expires_on__lte=timezone.localdate() + timedelta(days=EXPIRY_WARNING_DAYS))
        return queryset.filter(soon) if value else queryset.exclude(soon)


class CaseStudyFilterSet(BaseFilterSet):
    search_fields = ("title", "summary", "organisation__name")

    category = django_filters.ChoiceFilter(
        choices=reference_choices(ServiceCategory.objects.all()), field_name="category_id", empty_label="Any"
    )
    organisation = django_filters.NumberFilter(field_name="organisation_id", label="Organisation (id)")
    year = django_filters.NumberFilter()

    class Meta:
        model = CaseStudy
        fields = ["q", "category", "organisation", "year"]
