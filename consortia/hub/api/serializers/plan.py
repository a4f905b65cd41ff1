"""API serializers for the business plan, its objectives, indicators, readings and reviews."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.hub import measures
from consortia.hub.forms.plan import (
    BusinessPlanForm,
    PlanIndicatorForm,
    PlanIndicatorReadingForm,
    PlanObjectiveForm,
    PlanReviewForm,
)
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview
from consortia.hub.services.plan import IndicatorValues
from consortia.users.models import User


class BusinessPlanSerializer(BaseModelSerializer):
    form_class = BusinessPlanForm
    url = serializers.HyperlinkedIdentityField(view_name="api:businessplan-detail")

    class Meta:
        model = BusinessPlan


class PlanObjectiveSerializer(BaseModelSerializer):
    form_class = PlanObjectiveForm
    url = serializers.HyperlinkedIdentityField(view_name="api:planobjective-detail")
    plan = serializers.PrimaryKeyRelatedField(queryset=BusinessPlan.objects.all())
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True)

    class Meta:
        model = PlanObjective


class PlanIndicatorSerializer(BaseModelSerializer):
    """An indicator with its current value and progress (computed live for a measure)."""

    form_class = PlanIndicatorForm
    url = serializers.HyperlinkedIdentityField(view_name="api:planindicator-detail")
    objective = serializers.PrimaryKeyRelatedField(queryset=PlanObjective.objects.all())
    measure = serializers.CharField(
        required=False, allow_blank=True, help_text="A registered measure's code; blank for values entered by hand."
    )
    current = serializers.SerializerMethodField(help_text="The latest value, its date or period, and the progress.")

    class Meta:
        model = PlanIndicator
        fields = ["id", "url", "display", *PlanIndicatorForm._meta.fields, "current", "created", "updated"]  # type: ignore[misc]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        found = measures.get(attrs["measure"]) if attrs.get("measure") else None
        if found is not None:
            attrs["unit"] = found.unit  # as the model's clean() sets it
        return attrs

    def get_current(self, indicator: PlanIndicator) -> dict[str, Any]:
        # One IndicatorValues for the whole response: a measure is computed once per period.
        values = self.context.setdefault("indicator_values", IndicatorValues())
        result = values.result(indicator)
        return {
            "value": None if result.value is None else str(result.value),
            "as_of": result.as_of,
            "progress": result.progress,
        }


class PlanIndicatorReadingSerializer(BaseModelSerializer):
    form_class = PlanIndicatorReadingForm
    url = serializers.HyperlinkedIdentityField(view_name="api:planindicatorreading-detail")
    indicator = serializers.PrimaryKeyRelatedField(queryset=PlanIndicator.objects.all())

    class Meta:
        model = PlanIndicatorReading


class PlanReviewSerializer(BaseModelSerializer):
    form_class = PlanReviewForm
    url = serializers.HyperlinkedIdentityField(view_name="api:planreview-detail")
    plan = serializers.PrimaryKeyRelatedField(queryset=BusinessPlan.objects.all())

    class Meta:
        model = PlanReview
