"""API of the relationships app."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.core.models import RestrictedQuerySet
from consortia.core.permissions import ACTIONS
from consortia.relationships import filtersets
from consortia.relationships.api import serializers
from consortia.relationships.models import EngagementPlan, ExpiringContract, FollowUp, Interaction
from consortia.relationships.views import EngagementPlanViews, ExpiringContractViews


class EngagementPlanViewSet(RestrictedModelViewSet):
    base_queryset = EngagementPlan.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.EngagementPlanSerializer
    filterset_class = filtersets.EngagementPlanFilterSet

    def get_queryset(self) -> RestrictedQuerySet:
        # The last contact is worked out afresh, as of today, for every request.
        action = ACTIONS.get(self.request.method or "GET", "view")
        return EngagementPlanViews.queryset().restrict(self.request.user, action)


class InteractionViewSet(RestrictedModelViewSet):
    base_queryset = Interaction.objects.select_related("commissioner").prefetch_related("hub_attendees", "contacts")  # type: ignore[assignment]
    serializer_class = serializers.InteractionSerializer
    filterset_class = filtersets.InteractionFilterSet


class FollowUpViewSet(RestrictedModelViewSet):
    base_queryset = FollowUp.objects.select_related("interaction", "owner")  # type: ignore[assignment]
    serializer_class = serializers.FollowUpSerializer
    filterset_class = filtersets.FollowUpFilterSet


class ExpiringContractViewSet(RestrictedModelViewSet):
    """Read only: the radar's rows are derived from the notices by `build_expiry_radar`."""

    http_method_names = ["get", "head", "options"]
    base_queryset = ExpiringContract.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.ExpiringContractSerializer
    filterset_class = filtersets.ExpiringContractFilterSet

    def get_queryset(self) -> RestrictedQuerySet:
        action = ACTIONS.get(self.request.method or "GET", "view")
        return ExpiringContractViews.queryset().restrict(self.request.user, action)


routes: list[tuple[str, Any, str]] = [
    ("engagement-plans", EngagementPlanViewSet, "engagementplan"),
    ("interactions", InteractionViewSet, "interaction"),
    ("follow-ups", FollowUpViewSet, "followup"),
    ("expiring-contracts", ExpiringContractViewSet, "expiringcontract"),
]
