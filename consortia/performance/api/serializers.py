"""API serializers of the performance app (fields as their forms; statuses set by the services)."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer as KitSerializer
from consortia.performance import forms
from consortia.performance.models import (
    KPI,
    ImprovementAction,
    ImprovementPlan,
    MonitoringReturn,
    OutcomeClaim,
    ReturnComment,
    ReturnEvidence,
    ReturnPeriod,
    ReturnValue,
    SubcontractKPI,
)


class BaseModelSerializer(KitSerializer):
    """Related records are named by their id, as elsewhere in the API."""

    serializer_related_field = serializers.PrimaryKeyRelatedField


class KPISerializer(BaseModelSerializer):
    form_class = forms.KPIForm
    url = serializers.HyperlinkedIdentityField(view_name="api:kpi-detail")

    class Meta:
        model = KPI


class SubcontractKPISerializer(BaseModelSerializer):
    form_class = forms.SubcontractKPIForm
    url = serializers.HyperlinkedIdentityField(view_name="api:subcontractkpi-detail")

    class Meta:
        model = SubcontractKPI


class ReturnPeriodSerializer(BaseModelSerializer):
    form_class = forms.ReturnPeriodForm
    url = serializers.HyperlinkedIdentityField(view_name="api:returnperiod-detail")

    class Meta:
        model = ReturnPeriod


class MonitoringReturnSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:monitoringreturn-detail")

    class Meta:
        model = MonitoringReturn
        fields = [
            "id",
            "url",
            "display",
            "subcontract",
            "period",
            "narrative",
            "status",
            "submitted_at",
            "submitted_by",
            "validated_at",
            "validated_by",
            "declares_accurate",
            "declares_consent",
            "declares_no_double_claims",
            "created",
            "updated",
        ]
        read_only_fields = [
            "status",
            "submitted_at",
            "submitted_by",
            "validated_at",
            "validated_by",
            "declares_accurate",
            "declares_consent",
            "declares_no_double_claims",
        ]


class ReturnValueSerializer(BaseModelSerializer):
    form_class = forms.ReturnValueForm
    url = serializers.HyperlinkedIdentityField(view_name="api:returnvalue-detail")

    class Meta:
        model = ReturnValue


class OutcomeClaimSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:outcomeclaim-detail")

    class Meta:
        model = OutcomeClaim
        fields = [
            "id",
            "url",
            "display",
            "monitoring_return",
            "contract",
            "kpi",
            "client_reference",
            "achieved_on",
            "created",
            "updated",
        ]
        read_only_fields = ["contract"]


class ReturnEvidenceSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:returnevidence-detail")

    class Meta:
        model = ReturnEvidence
        fields = ["id", "url", "display", "monitoring_return", "original_filename", "description", "created", "updated"]
        read_only_fields = ["monitoring_return", "original_filename", "description"]


class ReturnCommentSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:returncomment-detail")

    class Meta:
        model = ReturnComment
        fields = ["id", "url", "display", "monitoring_return", "kind", "author", "text", "created", "updated"]
        read_only_fields = ["monitoring_return", "kind", "author", "text"]


class ImprovementPlanSerializer(BaseModelSerializer):
    form_class = forms.ImprovementPlanForm
    url = serializers.HyperlinkedIdentityField(view_name="api:improvementplan-detail")

    class Meta:
        model = ImprovementPlan


class ImprovementActionSerializer(BaseModelSerializer):
    form_class = forms.ImprovementActionForm
    url = serializers.HyperlinkedIdentityField(view_name="api:improvementaction-detail")

    class Meta:
        model = ImprovementAction
