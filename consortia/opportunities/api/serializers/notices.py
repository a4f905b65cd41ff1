"""API serializers for tender notices and their releases (all read-only: they come from feeds)."""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from consortia.opportunities.models import Notice, Release

NOTICE_FIELDS = [
    "id",
    "url",
    "page",
    "ocid",
    "source",
    "title",
    "buyer_name",
    "buyer_identifier",
    "value_amount",
    "value_minimum",
    "currency",
    "published",
    "last_release",
    "deadline",
    "stage",
    "status",
    "procedure",
    "procedure_details",
    "main_category",
    "notice_type",
    "region",
    "main_cpv",
    "cpv_codes",
    "suitable_sme",
    "suitable_vcse",
    "source_notice",
    "release_count",
    "created",
    "updated",
]


class ReleaseSummarySerializer(serializers.ModelSerializer):
    """A release in a notice's timeline, without its data."""

    url = serializers.HyperlinkedIdentityField(view_name="api:release-detail")

    class Meta:
        model = Release
        fields = ["id", "url", "release_id", "date", "tags", "notice_type", "source"]
        read_only_fields = fields


class NoticeSerializer(serializers.ModelSerializer):
    """A notice's searchable fields; `relevance` is there when the list was searched (`q`)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:notice-detail")
    page = serializers.CharField(source="get_absolute_url", read_only=True)
    source_notice = serializers.URLField(source="url", read_only=True)
    relevance = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = [*NOTICE_FIELDS, "relevance"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.FLOAT)
    def get_relevance(self, notice: Notice) -> float | None:
        relevance = getattr(notice, "relevance", None)
        return None if relevance is None else float(relevance)


class NoticeDetailSerializer(NoticeSerializer):
    """A notice with its description, compiled release and the summary of its releases."""

    compiled = serializers.SerializerMethodField()
    releases = serializers.SerializerMethodField()

    class Meta(NoticeSerializer.Meta):
        fields = [*NOTICE_FIELDS, "description", "compiled", "releases"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_compiled(self, notice: Notice) -> Any:
        try:
            return json.loads(notice.compiled) if notice.compiled else None
        except ValueError:
            return None

    @extend_schema_field(ReleaseSummarySerializer(many=True))
    def get_releases(self, notice: Notice) -> list[dict[str, Any]]:
        """Shown only to users who may read releases (member users see the count alone)."""
        request = self.context.get("request")
        if request is None or not request.user.has_perm("opportunities.view_release"):
            return []
        rows = notice.releases.order_by("date", "id").only(
            "id", "release_id", "date", "tags", "notice_type", "source", "notice_id"
        )
        return ReleaseSummarySerializer(rows, many=True, context=self.context).data  # type: ignore[return-value]


class ReleaseSerializer(serializers.ModelSerializer):
    """One release as received; `data` is the release's JSON, parsed."""

    url = serializers.HyperlinkedIdentityField(view_name="api:release-detail")
    notice: serializers.HyperlinkedRelatedField = serializers.HyperlinkedRelatedField(
        view_name="api:notice-detail", read_only=True
    )
    data = serializers.SerializerMethodField()  # type: ignore[assignment]  # a field, not Serializer.data

    class Meta:
        model = Release
        fields = [
            "id",
            "url",
            "ocid",
            "release_id",
            "date",
            "tags",
            "notice_type",
            "source",
            "notice",
            "received",
            "data",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_data(self, release: Release) -> Any:
        try:
            return json.loads(release.data)
        except ValueError:
            return release.data
