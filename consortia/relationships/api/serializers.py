"""API serializers of the relationships app (fields as their forms)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer as KitSerializer
from consortia.relationships.forms import EngagementPlanForm, FollowUpForm, InteractionForm, contacts_error
from consortia.relationships.models import (
    SCALE_MAX,
    SCALE_MIN,
    EngagementPlan,
    ExpiringContract,
    FollowUp,
    Interaction,
)
from consortia.users.models import User

SCALE_MESSAGE = f"Give a score from {SCALE_MIN} to {SCALE_MAX}."


class BaseModelSerializer(KitSerializer):
    """Related records are named by their id, as elsewhere in the API."""

    serializer_related_field = serializers.PrimaryKeyRelatedField


class EngagementPlanSerializer(BaseModelSerializer):
    form_class = EngagementPlanForm
    url = serializers.HyperlinkedIdentityField(view_name="api:engagementplan-detail")
    last_contact = serializers.DateField(read_only=True, help_text="The latest interaction with the commissioner.")
    days_since_contact = serializers.SerializerMethodField()
    quadrant = serializers.CharField(read_only=True)

    class Meta:
        model = EngagementPlan
        fields = [
            "id",
            "url",
            "display",
            *EngagementPlanForm._meta.fields,  # type: ignore[misc]
            "quadrant",
            "last_contact",
            "days_since_contact",
            "created",
            "updated",
        ]
        extra_kwargs = {
            name: {"error_messages": {"min_value": SCALE_MESSAGE, "max_value": SCALE_MESSAGE}}
            for name in ("influence", "interest")
        }

    def get_days_since_contact(self, obj: EngagementPlan) -> int | None:
        last = getattr(obj, "last_contact", None)
        return None if last is None else getattr(obj, "days_since_contact", None)


class InteractionSerializer(BaseModelSerializer):
    form_class = InteractionForm
    hub_attendees = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), many=True, required=False)
    url = serializers.HyperlinkedIdentityField(view_name="api:interaction-detail")

    class Meta:
        model = Interaction

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        commissioner = attrs.get("commissioner", getattr(self.instance, "commissioner", None))
        contacts = attrs.get("contacts")
        if commissioner is not None and contacts:
            message = contacts_error(commissioner, contacts)
            if message:
                raise serializers.ValidationError({"contacts": message})
        return attrs


class FollowUpSerializer(BaseModelSerializer):
    form_class = FollowUpForm
    url = serializers.HyperlinkedIdentityField(view_name="api:followup-detail")

    class Meta:
        model = FollowUp


class ExpiringContractSerializer(BaseModelSerializer):
    """Read only: derived from the notices by `build_expiry_radar`."""

    url = serializers.HyperlinkedIdentityField(view_name="api:expiringcontract-detail")
    members = serializers.SerializerMethodField(help_text="The members who could deliver it, best fit first.")

    class Meta:
        model = ExpiringContract
        fields = [
            "id",
            "url",
            "display",
            "notice",
            "key",
            "basis",
            "title",
            "buyer_name",
            "buyer",
            "value",
            "suppliers",
            "start_date",
            "end_date",
            "members",
            "created",
            "updated",
        ]

    def get_members(self, obj: ExpiringContract) -> list[dict[str, Any]]:
        return [
            {"organisation": match.organisation_id, "name": match.organisation.name, "score": match.score}
            for match in obj.notice.matches.all()
        ]
