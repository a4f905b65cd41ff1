"""Filters of the bid workspace's lists."""

from __future__ import annotations

import django_filters

from consortia.bids.choices import BidStatus, QuestionStatus
from consortia.bids.models import Bid, BidPartner, BidQuestion, Clarification, ComplianceItem, Milestone
from consortia.core.filtersets import BaseFilterSet


class BidFilterSet(BaseFilterSet):
    search_fields = ("opportunity__title", "notes")
    status = django_filters.ChoiceFilter(choices=BidStatus.choices, empty_label="Any")

    class Meta:
        model = Bid
        fields = ["q", "status"]


class BidPartnerFilterSet(BaseFilterSet):
    bid = django_filters.NumberFilter(field_name="bid_id", label="Bid")
    search_fields = ("organisation__name", "bid__opportunity__title")

    class Meta:
        model = BidPartner
        fields = ["q", "bid", "role"]


class MilestoneFilterSet(BaseFilterSet):
    bid = django_filters.NumberFilter(field_name="bid_id", label="Bid")
    search_fields = ("name",)

    class Meta:
        model = Milestone
        fields = ["q", "bid", "done"]


class BidQuestionFilterSet(BaseFilterSet):
    bid = django_filters.NumberFilter(field_name="bid_id", label="Bid")
    assigned_partner = django_filters.NumberFilter(field_name="assigned_partner_id", label="Partner")
    search_fields = ("text", "number", "section")
    status = django_filters.ChoiceFilter(choices=QuestionStatus.choices, empty_label="Any")

    class Meta:
        model = BidQuestion
        fields = ["q", "bid", "status", "assigned_partner"]


class ClarificationFilterSet(BaseFilterSet):
    bid = django_filters.NumberFilter(field_name="bid_id", label="Bid")
    search_fields = ("question", "answer", "reference")

    class Meta:
        model = Clarification
        fields = ["q", "bid"]


class ComplianceItemFilterSet(BaseFilterSet):
    bid = django_filters.NumberFilter(field_name="bid_id", label="Bid")
    search_fields = ("name",)

    class Meta:
        model = ComplianceItem
        fields = ["q", "bid", "done"]
