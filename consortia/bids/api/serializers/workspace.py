"""API serializers of the bid workspace and the answer library (fields as their forms)."""

from __future__ import annotations

from rest_framework import serializers

from consortia.bids.forms.library import LibraryEntryForm
from consortia.bids.forms.workspace import (
    BidForm,
    BidPartnerForm,
    BidQuestionForm,
    ClarificationForm,
    ComplianceItemForm,
    MilestoneForm,
)
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
from consortia.core.api import BaseModelSerializer as KitSerializer


class BaseModelSerializer(KitSerializer):
    """Related records are named by their id, as elsewhere in the API."""

    serializer_related_field = serializers.PrimaryKeyRelatedField


class BidSerializer(BaseModelSerializer):
    form_class = BidForm
    url = serializers.HyperlinkedIdentityField(view_name="api:bid-detail")
    status = serializers.CharField(read_only=True)
    outcome = serializers.CharField(read_only=True)

    class Meta:
        model = Bid
        fields = [
            "id",
            "url",
            "display",
            "opportunity",
            "manager",
            "team",
            "top_slice",
            "notes",
            "status",
            "submitted_at",
            "submission_reference",
            "outcome",
            "outcome_on",
            "total_score",
            "feedback",
            "lessons_learned",
            "created",
            "updated",
        ]
        read_only_fields = [
            "status",
            "submitted_at",
            "submission_reference",
            "outcome",
            "outcome_on",
            "total_score",
            "feedback",
            "lessons_learned",
        ]


class BidPartnerSerializer(BaseModelSerializer):
    form_class = BidPartnerForm
    url = serializers.HyperlinkedIdentityField(view_name="api:bidpartner-detail")

    class Meta:
        model = BidPartner


class MilestoneSerializer(BaseModelSerializer):
    form_class = MilestoneForm
    url = serializers.HyperlinkedIdentityField(view_name="api:milestone-detail")

    class Meta:
        model = Milestone


class BidQuestionSerializer(BaseModelSerializer):
    form_class = BidQuestionForm
    url = serializers.HyperlinkedIdentityField(view_name="api:bidquestion-detail")

    class Meta:
        model = BidQuestion


class ClarificationSerializer(BaseModelSerializer):
    form_class = ClarificationForm
    url = serializers.HyperlinkedIdentityField(view_name="api:clarification-detail")

    class Meta:
        model = Clarification


class ComplianceItemSerializer(BaseModelSerializer):
    form_class = ComplianceItemForm
    url = serializers.HyperlinkedIdentityField(view_name="api:complianceitem-detail")

    class Meta:
        model = ComplianceItem


class LibraryEntrySerializer(BaseModelSerializer):
    form_class = LibraryEntryForm
    url = serializers.HyperlinkedIdentityField(view_name="api:libraryentry-detail")
    freshness = serializers.CharField(read_only=True)
    reuse_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LibraryEntry
        fields = [
            "id",
            "url",
            "display",
            "kind",
            "title",
            "question",
            "text",
            "tags",
            "owner",
            "last_reviewed",
            "review_months",
            "freshness",
            "reuse_count",
            "created",
            "updated",
        ]


class LibraryUseSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:libraryuse-detail")

    class Meta:
        model = LibraryUse
        fields = ["id", "url", "display", "entry", "question", "created", "updated"]
        read_only_fields = ["entry", "question"]
