"""API serializers of the privacy app."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.privacy.forms import SubjectAccessRequestForm
from consortia.privacy.models import ErasureRecord, SensitiveView, SubjectAccessRequest


class SubjectAccessRequestSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:subjectaccessrequest-detail")
    serializer_related_field = serializers.PrimaryKeyRelatedField

    class Meta:
        model = SubjectAccessRequest
        fields = [
            "id",
            "url",
            "display",
            *SubjectAccessRequestForm._meta.fields,  # type: ignore[misc]
            "due_on",
            "fulfilled_on",
            "fulfilled_by",
            "record_counts",
            "created",
            "updated",
        ]
        read_only_fields = ["due_on", "fulfilled_on", "fulfilled_by", "record_counts"]


class ErasureRecordSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:erasurerecord-detail")
    display = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = ErasureRecord
        fields = ["id", "url", "display", "erased_at", "erased_by", "reference", "counts"]


class SensitiveViewSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:sensitiveview-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    content_type = serializers.CharField(source="content_type.model", read_only=True)

    class Meta:
        model = SensitiveView
        fields = [
            "id",
            "url",
            "display",
            "viewed_at",
            "user",
            "kind",
            "content_type",
            "object_id",
            "record_name",
            "view_name",
            "path",
        ]
