"""Forms for service standards, their hand readings and the performance procedures."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.hub import measures
from consortia.hub.models import PerformanceProcedure, ServiceStandard, StandardReading

BY_HAND = "Entered by hand each period"


def measure_choices() -> list[tuple[str, str]]:
    return [("", BY_HAND), *measures.choices()]


class ServiceStandardForm(BaseModelForm):
    measure = forms.ChoiceField(
        label="How it is measured",
        choices=measure_choices,
        required=False,
        help_text="Computed from Consortia's records, or entered by hand each period. A computed measure sets the unit.",
    )

    fieldsets = [
        ("The standard", ["function", "name", "responsible", "agreed_on", "active"]),
        ("How it is measured", ["measure", "period", "comparison", "target", "unit", "amber_margin"]),
    ]

    class Meta:
        model = ServiceStandard
        fields = [
            "function",
            "name",
            "responsible",
            "agreed_on",
            "active",
            "measure",
            "period",
            "comparison",
            "target",
            "unit",
            "amber_margin",
        ]
        labels = {"function": "Hub function", "responsible": "Who is responsible"}


class StandardReadingForm(BaseModelForm):
    fieldsets = [("The reading", ["standard", "period_start", "value", "note"])]

    class Meta:
        model = StandardReading
        fields = ["standard", "period_start", "value", "note"]
        labels = {"period_start": "Period (any day in it)", "value": "Actual figure"}
        help_texts = {"period_start": "The month, quarter or financial year holding this day."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "standard" in self.fields:
            # Only standards whose readings are entered by hand.
            field: Any = self.fields["standard"]
            field.queryset = field.queryset.filter(measure="").select_related("function")


class QuickReadingForm(forms.Form):
    """The small form beside each hand-entered standard on the performance page."""

    value = forms.DecimalField(label="Actual this period", max_digits=12, decimal_places=2)
    note = forms.CharField(label="Note", max_length=500, required=False)


class PerformanceProcedureForm(BaseModelForm):
    fieldsets = [
        ("The procedure", ["name", "reviewed_by", "review_cadence", "next_review"]),
        ("How it works", ["procedure", "escalation"]),
    ]

    class Meta:
        model = PerformanceProcedure
        fields = ["name", "reviewed_by", "review_cadence", "next_review", "procedure", "escalation"]
        widgets = {"procedure": forms.Textarea(attrs={"rows": 4}), "escalation": forms.Textarea(attrs={"rows": 3})}
