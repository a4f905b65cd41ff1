"""API serializers of the options appraisal."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Organisation
from consortia.hub.forms.appraisal import AppraisalCriterionForm, AppraisalScoreForm
from consortia.hub.models import Appraisal, AppraisalCriterion, AppraisalScore, DeliveryModel, HubDecision
from consortia.users.models import User

STAMPS = ["created", "updated"]


class DeliveryModelSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:deliverymodel-detail")

    class Meta:
        model = DeliveryModel
        fields = [
            "id",
            "url",
            "display",
            "code",
            "name",
            "summary",
            "advantages",
            "disadvantages",
            "suits",
            "needs_provider",
            "provider_is_member",
            "order",
            *STAMPS,
        ]

    def validate_code(self, value: str) -> str:
        if self.instance is not None and value != self.instance.code:
            raise serializers.ValidationError("A delivery model's code is fixed once it exists.")
        return value


class AppraisalSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:appraisal-detail")
    options = serializers.PrimaryKeyRelatedField(many=True, queryset=DeliveryModel.objects.all(), required=False)
    scorers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.filter(organisation__isnull=True), required=False
    )

    class Meta:
        model = Appraisal
        fields = [
            "id",
            "url",
            "display",
            "title",
            "purpose",
            "status",
            "scale_max",
            "closes_on",
            "options",
            "scorers",
            *STAMPS,
        ]


class AppraisalCriterionSerializer(BaseModelSerializer):
    form_class = AppraisalCriterionForm
    url = serializers.HyperlinkedIdentityField(view_name="api:appraisalcriterion-detail")
    appraisal = serializers.PrimaryKeyRelatedField(queryset=Appraisal.objects.all())

    class Meta:
        model = AppraisalCriterion


class AppraisalScoreSerializer(BaseModelSerializer):
    form_class = AppraisalScoreForm
    url = serializers.HyperlinkedIdentityField(view_name="api:appraisalscore-detail")
    criterion = serializers.PrimaryKeyRelatedField(queryset=AppraisalCriterion.objects.select_related("appraisal"))
    option = serializers.PrimaryKeyRelatedField(queryset=DeliveryModel.objects.all())
    scorer = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False)

    class Meta:
        model = AppraisalScore
        # The scorer defaults to the caller, so DRF's own unique-together check (which would make
        # it required) is left to the model's constraint, which `validate` checks.
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        manager = user.has_perm("hub.change_appraisal")
        if "scorer" not in attrs and self.instance is None:
            attrs["scorer"] = user
        scorer = attrs.get("scorer", getattr(self.instance, "scorer", None))
        if not manager and scorer != user:
            raise serializers.ValidationError({"scorer": "You can record only your own scores."})
        criterion = attrs.get("criterion", getattr(self.instance, "criterion", None))
        if criterion is not None and not manager and not criterion.appraisal.scorers.filter(pk=user.pk).exists():
            raise serializers.ValidationError({"criterion": "You are not one of the scorers of this appraisal."})
        return super().validate(attrs)


class HubDecisionSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:hubdecision-detail")
    appraisal = serializers.PrimaryKeyRelatedField(queryset=Appraisal.objects.all(), required=False, allow_null=True)
    chosen_model = serializers.PrimaryKeyRelatedField(queryset=DeliveryModel.objects.all())
    provider = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)

    class Meta:
        model = HubDecision
        fields = [
            "id",
            "url",
            "display",
            "appraisal",
            "chosen_model",
            "provider",
            "decided_on",
            "decided_by",
            "minute_reference",
            "rationale",
            *STAMPS,
        ]
