"""API serializer for service agreements."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Organisation
from consortia.hub.models import HubDecision, ServiceAgreement


class ServiceAgreementSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:serviceagreement-detail")
    provider = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    decision = serializers.PrimaryKeyRelatedField(queryset=HubDecision.objects.all(), required=False, allow_null=True)

    class Meta:
        model = ServiceAgreement
        fields = [
            "id",
            "url",
            "display",
            "title",
            "provider",
            "provider_name",
            "decision",
            "status",
            "start",
            "end",
            "fee",
            "fee_basis",
            "payment_terms",
            "reporting",
            "review",
            "exit",
            "signed_on",
            "created",
            "updated",
        ]
