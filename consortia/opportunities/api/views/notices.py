"""Read-only API for tender notices (the notice search's filters) and their raw releases."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.serializers import BaseSerializer

from consortia.core.api import RestrictedModelViewSet
from consortia.opportunities.api.serializers import notices as serializers
from consortia.opportunities.filtersets.notices import NoticeFilterSet
from consortia.opportunities.models import Notice, Release
from consortia.opportunities.views.notices import HEAVY_FIELDS, visible_releases


class NoticeViewSet(RestrictedModelViewSet, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    """Notices, filtered as on the notice search page (`q` searches the full text)."""

    base_queryset = Notice.objects.all()
    filterset_class = NoticeFilterSet
    http_method_names = ["get", "head", "options"]
    ordering_fields = ["deadline", "value_amount", "published", "last_release"]

    def get_queryset(self) -> Any:
        rows = super().get_queryset()
        return rows.defer(*HEAVY_FIELDS) if self.action == "list" else rows

    def get_serializer_class(self) -> type[BaseSerializer]:
        return serializers.NoticeDetailSerializer if self.action == "retrieve" else serializers.NoticeSerializer


class ReleaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Releases exactly as received, to users who may read releases."""

    serializer_class = serializers.ReleaseSerializer
    http_method_names = ["get", "head", "options"]
    ordering_fields = ["date", "received"]
    filterset_fields = ["ocid", "notice"]
    queryset = Release.objects.none()  # for the model permissions and the schema; rows come from below

    def get_queryset(self) -> QuerySet[Release]:
        return visible_releases(self.request.user).order_by("date", "id")


routes: list[tuple[str, Any, str]] = [
    ("notices", NoticeViewSet, "notice"),
    ("releases", ReleaseViewSet, "release"),
]
