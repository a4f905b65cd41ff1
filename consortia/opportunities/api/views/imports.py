"""API of how notices got in: every import and fetch (read only; imports are made by the command,
the feeds or the upload page)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers as rest

from consortia.core.api import BaseModelSerializer, RestrictedModelViewSet
from consortia.opportunities.models import IngestRun
from consortia.opportunities.views.imports import IngestRunFilterSet


class IngestRunSerializer(BaseModelSerializer):
    url = rest.HyperlinkedIdentityField(view_name="api:ingestrun-detail")
    created_by: rest.PrimaryKeyRelatedField = rest.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = IngestRun
        fields = [
            "id",
            "url",
            "display",
            "source",
            "status",
            "started",
            "finished",
            "files",
            "packages_read",
            "packages_committed",
            "packages_refused",
            "releases_read",
            "releases_new",
            "releases_duplicate",
            "notices_created",
            "notices_updated",
            "messages",
            "created_by",
        ]


class IngestRunViewSet(RestrictedModelViewSet):
    base_queryset = IngestRun.objects.select_related("created_by")  # type: ignore[assignment]
    serializer_class = IngestRunSerializer
    filterset_class = IngestRunFilterSet
    ordering_fields = ["started", "finished"]
    http_method_names = ["get", "head", "options"]


routes: list[tuple[str, Any, str]] = [("notice-imports", IngestRunViewSet, "ingestrun")]
