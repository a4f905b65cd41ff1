"""API serializers of the policies app (fields as their forms)."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from rest_framework import serializers

from consortia.core.api import BaseModelSerializer as KitSerializer
from consortia.core.api_uploads import DownloadField, UploadField
from consortia.governance.models import Decision
from consortia.policies.forms import PolicyAreaForm, PolicyForm, RiskActionForm
from consortia.policies.models import Acknowledgement, Policy, PolicyArea, PolicyVersion, Risk, RiskAction, RiskReview


class BaseModelSerializer(KitSerializer):
    """Related records are named by their id, as elsewhere in the API; a likelihood or impact out
    of 1–5 is refused with the model's own message (which gives the scale), not DRF's."""

    serializer_related_field = serializers.PrimaryKeyRelatedField

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[Any, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        messages = {
            type(validator).__name__: validator.message
            for validator in getattr(model_field, "validators", [])
            if isinstance(validator, MinValueValidator | MaxValueValidator) and validator.message
        }
        # The scores' validators share one message naming the scale (`models.score_field`).
        if len(messages) == 2 and len(set(map(str, messages.values()))) == 1:
            kwargs["error_messages"] = {
                **kwargs.get("error_messages", {}),
                "min_value": messages["MinValueValidator"],
                "max_value": messages["MaxValueValidator"],
            }
        return field_class, kwargs


class PolicyAreaSerializer(BaseModelSerializer):
    form_class = PolicyAreaForm
    url = serializers.HyperlinkedIdentityField(view_name="api:policyarea-detail")

    class Meta:
        model = PolicyArea


class PolicySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:policy-detail")

    class Meta:
        model = Policy
        fields = [
            "id",
            "url",
            "display",
            *PolicyForm._meta.fields,  # type: ignore[misc]
            "current_version",
            "next_review_on",
            "created",
            "updated",
        ]
        read_only_fields = ["current_version", "next_review_on"]

    def to_representation(self, instance: Policy) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        organisation_id = getattr(getattr(request, "user", None), "organisation_id", None)
        if organisation_id is not None:  # a member's user is not told which others were chosen
            data["members"] = [pk for pk in data.get("members", []) if pk == organisation_id]
        return data

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        required = attrs.get("acknowledgement_required", getattr(self.instance, "acknowledgement_required", False))
        audience = attrs.get("audience", getattr(self.instance, "audience", None))
        members = attrs.get("members", None if self.instance is None else list(self.instance.members.all()))
        if required and audience == "chosen" and not members:
            raise serializers.ValidationError(
                {"members": "Choose the member organisations that must acknowledge the policy."}
            )
        return attrs


class PolicyVersionSerializer(BaseModelSerializer):
    """A draft uploaded (multipart) as on its page, approved through `approve`; the file read back
    through its download link."""

    url = serializers.HyperlinkedIdentityField(view_name="api:policyversion-detail")
    file = UploadField("policy document")
    file_download = DownloadField("policies:policyversion_file")

    class Meta:
        model = PolicyVersion
        fields = [
            "id",
            "url",
            "display",
            "policy",
            "number",
            "status",
            "file",
            "file_download",
            "summary",
            "approved_on",
            "approved_by_decision",
            "approval_minute",
            "created",
            "updated",
        ]

    def validate_policy(self, value: Policy) -> Policy:
        if self.instance is not None and value != self.instance.policy:
            raise serializers.ValidationError("A version stays with its policy: upload a new version of the other.")
        return value


class PolicyApproveSerializer(serializers.Serializer):
    approved_on = serializers.DateField(required=False)
    approval_minute = serializers.CharField(required=False, allow_blank=True, max_length=200)
    decision = serializers.PrimaryKeyRelatedField(queryset=Decision.objects.none(), required=False, allow_null=True)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        request = self.context.get("request")
        decision: Any = fields["decision"]
        decision.queryset = Decision.objects.restrict(getattr(request, "user", None), "view")
        return fields


class AcknowledgementSerializer(BaseModelSerializer):
    """Made through `acknowledge` (the user who posts it is who acknowledged); only the date changes after."""

    url = serializers.HyperlinkedIdentityField(view_name="api:acknowledgement-detail")

    class Meta:
        model = Acknowledgement
        fields = [
            "id",
            "url",
            "display",
            "version",
            "organisation",
            "acknowledged_by",
            "acknowledged_on",
            "created",
            "updated",
        ]
        read_only_fields = ["acknowledged_by"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            for name in ("version", "organisation"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: "Fixed once acknowledged."})
            return super().validate(attrs)
        return attrs  # the service checks a new one


class RiskSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:risk-detail")

    class Meta:
        model = Risk
        fields = [
            "id",
            "url",
            "display",
            "title",
            "description",
            "category",
            "owner",
            "status",
            "review_on",
            "inherent_likelihood",
            "inherent_impact",
            "inherent_score",
            "controls",
            "residual_likelihood",
            "residual_impact",
            "residual_score",
            "trend",
            "notes",
            "created",
            "updated",
        ]
        read_only_fields = ["inherent_score", "residual_score", "trend"]


class RiskReviewSerializer(BaseModelSerializer):
    """Recorded through `record_review`, which re-scores the risk."""

    url = serializers.HyperlinkedIdentityField(view_name="api:riskreview-detail")

    class Meta:
        model = RiskReview
        fields = [
            "id",
            "url",
            "display",
            "risk",
            "reviewed_on",
            "likelihood",
            "impact",
            "note",
            "next_review_on",
            "created",
            "updated",
        ]


class RiskActionSerializer(BaseModelSerializer):
    form_class = RiskActionForm
    url = serializers.HyperlinkedIdentityField(view_name="api:riskaction-detail")

    class Meta:
        model = RiskAction
