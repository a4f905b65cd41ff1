"""API serializers of the pipeline."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Organisation
from consortia.opportunities.models import Notice, Opportunity
from consortia.users.models import User


class OpportunitySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:opportunity-detail")
    notice = serializers.PrimaryKeyRelatedField(queryset=Notice.objects.all(), allow_null=True, required=False)
    commissioner = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    commissioner_name = serializers.CharField(source="commissioner.name", read_only=True, default=None, allow_null=True)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(organisation__isnull=True), allow_null=True, required=False
    )

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "url",
            "display",
            "title",
            "kind",
            "notice",
            "commissioner",
            "commissioner_name",
            "description",
            "value",
            "clarification_deadline",
            "submission_deadline",
            "award_date",
            "start_date",
            "stage",
            "owner",
            "shared_with_members",
            "circulated",
            "source_url",
            "notes",
            "created",
            "updated",
        ]
        read_only_fields = ["circulated"]
