"""API serializer for workplan items."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.hub.models import Deliverer, HubFunction, WorkplanItem


class WorkplanItemSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:workplanitem-detail")
    function = serializers.SlugRelatedField(
        slug_field="code", queryset=HubFunction.objects.all(), required=False, allow_null=True
    )
    lead = serializers.PrimaryKeyRelatedField(queryset=Deliverer.objects.all(), required=False, allow_null=True)
    lead_name = serializers.CharField(source="lead.name", read_only=True, default="")

    class Meta:
        model = WorkplanItem
        fields = [
            "id",
            "url",
            "display",
            "function",
            "activity",
            "lead",
            "lead_name",
            "start_month",
            "end_month",
            "milestone",
            "success_measure",
            "status",
            "rag",
            "created",
            "updated",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        for field in ("start_month", "end_month"):
            if attrs.get(field):
                attrs[field] = attrs[field].replace(day=1)  # as the model's clean() keeps it
        return attrs
