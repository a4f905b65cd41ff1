"""API of the bid workspace and the answer library."""

from __future__ import annotations

from typing import Any

from consortia.bids.api.serializers import workspace as serializers
from consortia.bids.filtersets import library as library_filters
from consortia.bids.filtersets import workspace as filtersets
from consortia.bids.models import (
    Bid,
    BidPartner,
    BidQuestion,
    Clarification,
    ComplianceItem,
    LibraryEntry,
    LibraryUse,
    Milestone,
)
from consortia.core.api import RestrictedModelViewSet


class BidViewSet(RestrictedModelViewSet):
    base_queryset = Bid.objects.select_related("opportunity").prefetch_related("team")  # type: ignore[assignment]
    serializer_class = serializers.BidSerializer
    filterset_class = filtersets.BidFilterSet
    ordering_fields = ["created", "updated"]


class BidPartnerViewSet(RestrictedModelViewSet):
    base_queryset = BidPartner.objects.select_related("organisation", "bid__opportunity")  # type: ignore[assignment]
    serializer_class = serializers.BidPartnerSerializer
    filterset_class = filtersets.BidPartnerFilterSet


class MilestoneViewSet(RestrictedModelViewSet):
    base_queryset = Milestone.objects.select_related("bid__opportunity")  # type: ignore[assignment]
    serializer_class = serializers.MilestoneSerializer
    filterset_class = filtersets.MilestoneFilterSet


class BidQuestionViewSet(RestrictedModelViewSet):
    base_queryset = BidQuestion.objects.select_related("bid__opportunity")  # type: ignore[assignment]
    serializer_class = serializers.BidQuestionSerializer
    filterset_class = filtersets.BidQuestionFilterSet


class ClarificationViewSet(RestrictedModelViewSet):
    base_queryset = Clarification.objects.select_related("bid__opportunity")  # type: ignore[assignment]
    serializer_class = serializers.ClarificationSerializer
    filterset_class = filtersets.ClarificationFilterSet


class ComplianceItemViewSet(RestrictedModelViewSet):
    base_queryset = ComplianceItem.objects.select_related("partner__organisation")  # type: ignore[assignment]
    serializer_class = serializers.ComplianceItemSerializer
    filterset_class = filtersets.ComplianceItemFilterSet


class LibraryEntryViewSet(RestrictedModelViewSet):
    base_queryset = LibraryEntry.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.LibraryEntrySerializer
    filterset_class = library_filters.LibraryEntryFilterSet


class LibraryUseViewSet(RestrictedModelViewSet):
    """Read only: a use is recorded when an entry is put into an answer."""

    http_method_names = ["get", "head", "options"]
    base_queryset = LibraryUse.objects.select_related("entry", "question__bid__opportunity")  # type: ignore[assignment]
    serializer_class = serializers.LibraryUseSerializer
    filterset_class = library_filters.LibraryUseFilterSet


routes: list[tuple[str, Any, str]] = [
    ("bids", BidViewSet, "bid"),
    ("bid-partners", BidPartnerViewSet, "bidpartner"),
    ("bid-milestones", MilestoneViewSet, "milestone"),
    ("bid-questions", BidQuestionViewSet, "bidquestion"),
    ("bid-clarifications", ClarificationViewSet, "clarification"),
    ("bid-compliance", ComplianceItemViewSet, "complianceitem"),
    ("answer-library", LibraryEntryViewSet, "libraryentry"),
    ("answer-library-uses", LibraryUseViewSet, "libraryuse"),
]
