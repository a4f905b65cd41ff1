"""API of matching: the matches (read only) and saved searches."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers as rest

from consortia.core.api import BaseModelSerializer, RestrictedModelViewSet
from consortia.opportunities.filtersets import matching as filtersets
from consortia.opportunities.models import NoticeMatch, SavedSearch


class NoticeMatchSerializer(BaseModelSerializer):
    url = rest.HyperlinkedIdentityField(view_name="api:noticematch-detail")
    notice: rest.PrimaryKeyRelatedField = rest.PrimaryKeyRelatedField(read_only=True)
    organisation: rest.PrimaryKeyRelatedField = rest.PrimaryKeyRelatedField(read_only=True)
    notice_title = rest.CharField(source="notice.title", read_only=True)
    organisation_name = rest.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = NoticeMatch
        fields = [
            "id",
            "url",
            "display",
            "notice",
            "notice_title",
            "organisation",
            "organisation_name",
            "score",
            "reasons",
            "matched",
        ]


class SavedSearchSerializer(BaseModelSerializer):
    url = rest.HyperlinkedIdentityField(view_name="api:savedsearch-detail")
    owner: rest.PrimaryKeyRelatedField = rest.PrimaryKeyRelatedField(read_only=True)
    organisation: rest.PrimaryKeyRelatedField = rest.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = SavedSearch
        fields = ["id", "url", "display", "name", "query", "in_digest", "owner", "organisation", "created", "updated"]

    def create(self, validated_data: dict[str, Any]) -> SavedSearch:
        user = self.context["request"].user
        validated_data.setdefault("owner", user)
        validated_data.setdefault("organisation", getattr(user, "organisation", None))
        search: SavedSearch = super().create(validated_data)
        return search


class NoticeMatchViewSet(RestrictedModelViewSet):
    base_queryset = NoticeMatch.objects.select_related("notice", "organisation").defer(  # type: ignore[assignment]
        "notice__compiled", "notice__search_text", "notice__description"
    )
    serializer_class = NoticeMatchSerializer
    filterset_class = filtersets.NoticeMatchFilterSet
    ordering_fields = ["score", "matched"]
    http_method_names = ["get", "head", "options"]


class SavedSearchViewSet(RestrictedModelViewSet):
    base_queryset = SavedSearch.objects.select_related("owner", "organisation")  # type: ignore[assignment]
    serializer_class = SavedSearchSerializer
    filterset_class = filtersets.SavedSearchFilterSet
    ordering_fields = ["name", "created"]


routes: list[tuple[str, Any, str]] = [
    ("notice-matches", NoticeMatchViewSet, "noticematch"),
    ("saved-searches", SavedSearchViewSet, "savedsearch"),
]
