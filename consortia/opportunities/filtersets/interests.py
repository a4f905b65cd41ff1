"""Filters of the members' interest list (and its API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.opportunities.choices import InterestRole, InterestStatus
from consortia.opportunities.models import Interest


class InterestFilterSet(BaseFilterSet):
    search_fields = ("organisation__name", "opportunity__title", "experience")

    opportunity = django_filters.NumberFilter(field_name="opportunity_id")
    role = django_filters.ChoiceFilter(choices=InterestRole.choices, empty_label="Any")
    status = django_filters.ChoiceFilter(choices=InterestStatus.choices, empty_label="Any")

    class Meta:
        model = Interest
        fields = ["q", "opportunity", "role", "status"]
