"""Filters of the bid/no-bid records (and their API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.opportunities.choices import Decision
from consortia.opportunities.models import BidCriterion, BidDecision, BidScore


class BidCriterionFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = BidCriterion
        fields = ["q"]


class BidScoreFilterSet(BaseFilterSet):
    search_fields = ("opportunity__title", "comment")
    opportunity = django_filters.NumberFilter(field_name="opportunity_id")

    class Meta:
        model = BidScore
        fields = ["q", "opportunity"]


class BidDecisionFilterSet(BaseFilterSet):
    search_fields = ("opportunity__title", "rationale")
    decision = django_filters.ChoiceFilter(choices=Decision.choices, empty_label="Any")

    class Meta:
        model = BidDecision
        fields = ["q", "decision"]
