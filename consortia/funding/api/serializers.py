"""API serializers of the funding app (fields as their forms)."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer as KitSerializer
from consortia.funding.forms import ApplicationForm, FundingPaymentForm, ProspectForm, ReportingRequirementForm
from consortia.funding.models import (
    Application,
    FundingPayment,
    GrantDataset,
    GrantRecord,
    Prospect,
    ReportingRequirement,
)
from consortia.funding.views.research import GRANT_FIELDS


class BaseModelSerializer(KitSerializer):
    """Related records are named by their id, as elsewhere in the API."""

    serializer_related_field = serializers.PrimaryKeyRelatedField


class ProspectSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:prospect-detail")

    class Meta:
        model = Prospect
        fields = ["id", "url", "display", *ProspectForm._meta.fields, "source_grant", "created", "updated"]  # type: ignore[misc]
        read_only_fields = ["source_grant"]


class FundingApplicationSerializer(BaseModelSerializer):
    """The status and its dates move only through `POST .../move/` (the service)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:fundingapplication-detail")

    class Meta:
        model = Application
        fields = [
            "id",
            "url",
            "display",
            *ApplicationForm._meta.fields,  # type: ignore[misc]
            "status",
            "award_amount",
            "submitted_on",
            "decision_date",
            "withdrawn_on",
            "completed_on",
            "created",
            "updated",
        ]
        read_only_fields = ["status", "award_amount", "submitted_on", "decision_date", "withdrawn_on", "completed_on"]


class MoveSerializer(serializers.Serializer):
    status = serializers.CharField()
    on = serializers.DateField(required=False, allow_null=True)
    award_amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    conditions = serializers.CharField(required=False, allow_blank=True)


class FundingPaymentSerializer(BaseModelSerializer):
    form_class = FundingPaymentForm
    url = serializers.HyperlinkedIdentityField(view_name="api:fundingpayment-detail")

    class Meta:
        model = FundingPayment


class ReportingRequirementSerializer(BaseModelSerializer):
    form_class = ReportingRequirementForm
    url = serializers.HyperlinkedIdentityField(view_name="api:reportingrequirement-detail")

    class Meta:
        model = ReportingRequirement


class GrantDatasetSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:grantdataset-detail")
    attribution = serializers.CharField(read_only=True)

    class Meta:
        model = GrantDataset
        fields = [
            "id",
            "url",
            "display",
            "file_name",
            "sha256",
            "title",
            "publisher",
            "publisher_prefix",
            "publisher_website",
            "licence",
            "licence_url",
            "attribution",
            "source_url",
            "imported_at",
            "grant_count",
            "total_awarded",
            "created",
            "updated",
        ]


class GrantRecordSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:grantrecord-detail")

    class Meta:
        model = GrantRecord
        fields = ["id", "url", "display", *GRANT_FIELDS, "created", "updated"]
