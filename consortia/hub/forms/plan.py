"""Forms for the business plan, its objectives, indicators, hand readings and the board's reviews."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.hub import measures
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview

BY_HAND = "Entered by hand"


def measure_choices() -> list[tuple[str, str]]:
    return [("", BY_HAND), *measures.choices()]


class BusinessPlanForm(BaseModelForm):
    fieldsets = [
        ("The plan", ["title", "period_start", "period_end"]),
        ("The board", ["status", "approved_on", "approval_note", "next_review"]),
    ]

    class Meta:
        model = BusinessPlan
        fields = ["title", "period_start", "period_end", "status", "approved_on", "approval_note", "next_review"]
        widgets = {"approval_note": forms.Textarea(attrs={"rows": 3})}


class PlanObjectiveForm(BaseModelForm):
    fieldsets = [("The objective", ["plan", "number", "title", "description", "owner", "order"])]

    class Meta:
        model = PlanObjective
        fields = ["plan", "number", "title", "description", "owner", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"order": "Objectives are listed by this, then by number."}


class PlanIndicatorForm(BaseModelForm):
    measure = forms.ChoiceField(
        label="Source",
        choices=measure_choices,
        required=False,
        help_text="Computed live from Consortia's records, or entered by hand. A computed measure sets the unit.",
    )

    fieldsets = [
        ("The indicator", ["objective", "name", "order"]),
        ("How it is measured", ["measure", "period", "unit"]),
        ("The target", ["baseline", "target", "direction", "tolerance", "target_date"]),
    ]

    class Meta:
        model = PlanIndicator
        fields = [
            "objective",
            "name",
            "order",
            "measure",
            "period",
            "unit",
            "baseline",
            "target",
            "direction",
            "tolerance",
            "target_date",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "objective" in self.fields:
            field: Any = self.fields["objective"]
            field.queryset = field.queryset.select_related("plan")
            field.label_from_instance = lambda objective: f"{objective.plan}: {objective}"


class PlanIndicatorReadingForm(BaseModelForm):
    fieldsets = [("The reading", ["indicator", "date", "value", "note"])]

    class Meta:
        model = PlanIndicatorReading
        fields = ["indicator", "date", "value", "note"]
        labels = {"value": "Value"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "indicator" in self.fields:
            # Only indicators whose values are entered by hand.
            field: Any = self.fields["indicator"]
            field.queryset = field.queryset.filter(measure="")


class PlanReviewForm(BaseModelForm):
    fieldsets = [("The review", ["plan", "reviewed_on", "reviewed_by", "minute_reference", "summary"])]

    class Meta:
        model = PlanReview
        fields = ["plan", "reviewed_on", "reviewed_by", "minute_reference", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


class ApprovePlanForm(forms.Form):
    """The board's approval, recorded from the plan's page."""

    approved_on = forms.DateField(label="Approved by the board on")
    note = forms.CharField(
        label="Note of the approval",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The meeting, the minute, any conditions.",
    )
