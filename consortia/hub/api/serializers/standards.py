"""API serializers for service standards, their hand readings and the performance procedures."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.hub import measures
from consortia.hub.forms.standards import StandardReadingForm
from consortia.hub.models import Deliverer, HubFunction, PerformanceProcedure, ServiceStandard, StandardReading
from consortia.hub.services.standards import period_start


class ServiceStandardSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:servicestandard-detail")
    function = serializers.SlugRelatedField(slug_field="code", queryset=HubFunction.objects.all())
    responsible = serializers.PrimaryKeyRelatedField(queryset=Deliverer.objects.all(), required=False, allow_null=True)
    measure = serializers.ChoiceField(
        choices=[("", "Entered by hand")], required=False, allow_blank=True, help_text="A registered measure's code."
    )
    results_url = serializers.HyperlinkedIdentityField(view_name="api:servicestandard-results")

    class Meta:
        model = ServiceStandard
        fields = [
            "id",
            "url",
            "display",
            "function",
            "name",
            "measure",
            "target",
            "comparison",
            "unit",
            "amber_margin",
            "period",
            "responsible",
            "agreed_on",
            "active",
            "results_url",
            "created",
            "updated",
        ]

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Measures register as apps load; read them when the serializer is made.
        self.fields["measure"].choices = [("", "Entered by hand"), *measures.choices()]  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        found = measures.get(attrs["measure"]) if attrs.get("measure") else None
        if found is not None:
            attrs["unit"] = found.unit  # as the model's clean() sets it
        return attrs


class StandardReadingSerializer(BaseModelSerializer):
    form_class = StandardReadingForm
    url = serializers.HyperlinkedIdentityField(view_name="api:standardreading-detail")
    standard = serializers.PrimaryKeyRelatedField(queryset=ServiceStandard.objects.all())

    class Meta:
        model = StandardReading

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        standard = attrs.get("standard") or getattr(self.instance, "standard", None)
        if standard is not None and attrs.get("period_start"):
            # A reading is for a whole period: kept as the period's first day, as the model's clean() does.
            attrs["period_start"] = period_start(attrs["period_start"], standard.period)
        return attrs


class PerformanceProcedureSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:performanceprocedure-detail")

    class Meta:
        model = PerformanceProcedure
        fields = [
            "id",
            "url",
            "display",
            "name",
            "review_cadence",
            "reviewed_by",
            "procedure",
            "escalation",
            "next_review",
            "created",
            "updated",
        ]
