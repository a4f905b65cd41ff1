"""API of members' interest (read: members express it in the portal, the hub responds on its page)."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.opportunities.api.serializers.decisions import InterestSerializer
from consortia.opportunities.filtersets.interests import InterestFilterSet
from consortia.opportunities.models import Interest


class InterestViewSet(RestrictedModelViewSet):
    base_queryset = Interest.objects.select_related("opportunity", "organisation").prefetch_related("areas")  # type: ignore[assignment]
    serializer_class = InterestSerializer
    filterset_class = InterestFilterSet
    ordering_fields = ["created", "updated"]
    http_method_names = ["get", "head", "options"]


routes: list[tuple[str, Any, str]] = [("opportunity-interests", InterestViewSet, "interest")]
