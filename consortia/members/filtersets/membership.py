"""Filters for memberships and development actions (the list pages and the API)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from consortia.core.filtersets import BaseFilterSet
from consortia.members.choices import MembershipStatus, Tier
from consortia.members.models import DevelopmentAction, Membership


class MembershipFilterSet(BaseFilterSet):
    search_fields = ("organisation__name", "tier", "organisation__charity_number", "organisation__company_number")

    tier = django_filters.ChoiceFilter(choices=Tier.choices, empty_label="Any")
    status = django_filters.ChoiceFilter(choices=MembershipStatus.choices, empty_label="Any")
    fee_paid = django_filters.BooleanFilter(label="Fee paid for this year")
    renewal_due_before = django_filters.DateFilter(
        field_name="renewal_due", lookup_expr="lte", label="Renewal due on or before"
    )
    organisation = django_filters.NumberFilter(field_name="organisation_id", label="Organisation (id)")

    class Meta:
        model = Membership
        fields = ["q", "tier", "status", "fee_paid", "renewal_due_before", "organisation"]


class DevelopmentActionFilterSet(BaseFilterSet):
    search_fields = ("action", "membership__organisation__name")

    membership = django_filters.NumberFilter(field_name="membership_id", label="Membership (id)")
    done = django_filters.BooleanFilter(field_name="done_on", lookup_expr="isnull", exclude=True, label="Done")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue")

    class Meta:
        model = DevelopmentAction
        fields = ["q", "membership", "done", "overdue"]

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        late = queryset.filter(done_on__isnull=True, due_on__lt=timezone.localdate())
        return late if value else queryset.exclude(pk__in=late.values("pk"))
