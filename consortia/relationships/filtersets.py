"""Filters of the relationships lists (the list pages and the API)."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from consortia.core.filtersets import BaseFilterSet
from consortia.relationships.choices import EndBasis, Health, InteractionKind
from consortia.relationships.models import EngagementPlan, ExpiringContract, FollowUp, Interaction
from consortia.relationships.services import radar


class EngagementPlanFilterSet(BaseFilterSet):
    search_fields = ("commissioner__name", "objectives")
    health = django_filters.ChoiceFilter(choices=Health.choices, empty_label="Any")
    current = django_filters.BooleanFilter(field_name="is_current", label="Current plan")
    no_contact_days = django_filters.NumberFilter(
        method="no_contact_in",
        label="No contact in (days)",
        min_value=1,
        help_text="Commissioners not contacted in this many days, or never.",
    )

    class Meta:
        model = EngagementPlan
        fields = ["q", "health", "current", "no_contact_days"]

    def no_contact_in(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        # `days_since_contact` is annotated by the queryset (services.engagement.with_last_contact).
        return queryset if value is None else queryset.filter(days_since_contact__gte=int(value))


class InteractionFilterSet(BaseFilterSet):
    search_fields = ("title", "commissioner__name", "notes")
    commissioner = django_filters.NumberFilter(field_name="commissioner_id", label="Commissioner")
    kind = django_filters.ChoiceFilter(choices=InteractionKind.choices, empty_label="Any")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="From")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="To")

    class Meta:
        model = Interaction
        fields = ["q", "commissioner", "kind", "date_from", "date_to"]


class FollowUpFilterSet(BaseFilterSet):
    search_fields = ("description", "interaction__title", "interaction__commissioner__name")
    interaction = django_filters.NumberFilter(field_name="interaction_id", label="Interaction")
    done = django_filters.BooleanFilter(field_name="done_on", lookup_expr="isnull", exclude=True, label="Done")
    overdue = django_filters.BooleanFilter(method="overdue_only", label="Overdue")

    class Meta:
        model = FollowUp
        fields = ["q", "interaction", "done", "overdue"]

    def overdue_only(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        late = {"done_on__isnull": True, "due_on__lt": timezone.localdate()}
        return queryset.filter(**late) if value else queryset.exclude(**late)


class RadarWindowForm(forms.Form):
    """The radar's window: contracts ending between `from_months` and `to_months` from today."""

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, end = data.get("from_months"), data.get("to_months")
        if start is not None and end is not None and end <= start:
            self.add_error("to_months", "The window must end after it starts: give more months in “to” than in “from”.")
        return data


class ExpiringContractFilterSet(BaseFilterSet):
    """The radar: by default the contracts ending 6 to 24 months from today in the consortium's
    areas and services (notices matched to at least one member)."""

    search_fields = ("title", "buyer_name", "suppliers")
    from_months = django_filters.NumberFilter(
        method="ending_window", label="Ending from (months ahead)", min_value=0, max_value=radar.LONGEST_WINDOW_MONTHS
    )
    to_months = django_filters.NumberFilter(
        method="ending_window", label="to (months ahead)", min_value=1, max_value=radar.LONGEST_WINDOW_MONTHS
    )
    ours = django_filters.BooleanFilter(method="in_our_work", label="Only what members could deliver")
    known_buyer = django_filters.BooleanFilter(
        field_name="buyer", lookup_expr="isnull", exclude=True, label="Buyer in the directory"
    )
    basis = django_filters.ChoiceFilter(choices=EndBasis.choices, empty_label="Any", label="End date from")

    class Meta:
        model = ExpiringContract
        form = RadarWindowForm
        fields = ["q", "from_months", "to_months", "ours", "known_buyer", "basis"]

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        defaults = {
            "from_months": str(radar.DEFAULT_FROM_MONTHS),
            "to_months": str(radar.DEFAULT_TO_MONTHS),
            "ours": "true",
        }
        if data is None:
            data = defaults
        else:
            data = data.copy()
            for key in ("from_months", "to_months"):
                if key not in data:
                    data[key] = defaults[key]
        super().__init__(data, *args, **kwargs)

    def today(self) -> date:
        return timezone.localdate()

    def ending_window(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        if name == "from_months":
            return queryset.filter(end_date__gte=radar.window(self.today(), int(value), int(value))[0])
        return queryset.filter(end_date__lte=radar.window(self.today(), 0, int(value))[1])

    def in_our_work(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(notice__matched_members__gt=0) if value else queryset
