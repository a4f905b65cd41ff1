"""API serializers of bid/no-bid and members' interest."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.opportunities.models import BidCriterion, BidDecision, BidScore, Interest


class BidCriterionSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:bidcriterion-detail")

    class Meta:
        model = BidCriterion
        fields = ["id", "url", "display", "name", "description", "weight", "order", "created", "updated"]


class BidScoreSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:bidscore-detail")
    opportunity: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    criterion: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    scorer: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = BidScore
        fields = [
            "id",
            "url",
            "display",
            "opportunity",
            "criterion",
            "scorer",
            "score",
            "comment",
            "created",
            "updated",
        ]


class BidDecisionSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:biddecision-detail")
    opportunity: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    decided_by: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = BidDecision
        fields = [
            "id",
            "url",
            "display",
            "opportunity",
            "decision",
            "rationale",
            "decided_by",
            "decided_on",
            "minute_reference",
            "weighted_score",
            "scorers_counted",
            "conflicts_recorded",
            "created",
            "updated",
        ]


class InterestSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:interest-detail")
    opportunity: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    organisation: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    areas: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Interest
        fields = [
            "id",
            "url",
            "display",
            "opportunity",
            "organisation",
            "organisation_name",
            "role",
            "areas",
            "capacity",
            "experience",
            "status",
            "created",
            "updated",
        ]
