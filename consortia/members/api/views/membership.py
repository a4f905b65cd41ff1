"""API for memberships and development actions."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.members.api.serializers import membership as serializers
from consortia.members.filtersets import membership as filtersets
from consortia.members.models import DevelopmentAction, Membership


class MembershipViewSet(RestrictedModelViewSet):
    base_queryset = Membership.objects.select_related("organisation")
    serializer_class = serializers.MembershipSerializer
    filterset_class = filtersets.MembershipFilterSet
    ordering_fields = ["joined_on", "renewal_due", "created", "updated"]


class DevelopmentActionViewSet(RestrictedModelViewSet):
    base_queryset = DevelopmentAction.objects.select_related("membership__organisation")
    serializer_class = serializers.DevelopmentActionSerializer
    filterset_class = filtersets.DevelopmentActionFilterSet
    ordering_fields = ["due_on", "done_on", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("memberships", MembershipViewSet, "membership"),
    ("development-actions", DevelopmentActionViewSet, "developmentaction"),
]
