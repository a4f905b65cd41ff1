"""Forms of the performance app (staff pages; members fill in returns in the portal)."""

from __future__ import annotations

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.performance.models import (
    KPI,
    ImprovementAction,
    ImprovementPlan,
    MonitoringReturn,
    OutcomeClaim,
    ReturnPeriod,
    ReturnValue,
    SubcontractKPI,
)


class KPIForm(BaseModelForm):
    fieldsets = [
        ("The KPI", ["contract", "name", "definition", "unit", "frequency", "order"]),
        ("Target and thresholds", ["target", "direction", "amber_threshold", "red_threshold"]),
        ("Values allowed", ["minimum", "maximum"]),
        ("Payment by results", ["outcome_price"]),
    ]

    class Meta:
        model = KPI
        fields = [
            "contract",
            "name",
            "definition",
            "unit",
            "frequency",
            "order",
            "target",
            "direction",
            "amber_threshold",
            "red_threshold",
            "minimum",
            "maximum",
            "outcome_price",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}


class SubcontractKPIForm(BaseModelForm):
    class Meta:
        model = SubcontractKPI
        fields = ["subcontract", "kpi", "target"]


class ReturnPeriodForm(BaseModelForm):
    class Meta:
        model = ReturnPeriod
        fields = ["contract", "label", "starts_on", "ends_on", "opens_on", "due_on"]


class MonitoringReturnForm(BaseModelForm):
    """The hub adds a return by hand (usually they are generated with the periods)."""

    class Meta:
        model = MonitoringReturn
        fields = ["subcontract", "period", "narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 4})}


class ReturnValueForm(BaseModelForm):
    class Meta:
        model = ReturnValue
        fields = ["monitoring_return", "kpi", "value"]


class OutcomeClaimForm(BaseModelForm):
    class Meta:
        model = OutcomeClaim
        fields = ["monitoring_return", "kpi", "client_reference", "achieved_on"]


class ImprovementPlanForm(BaseModelForm):
    class Meta:
        model = ImprovementPlan
        fields = ["subcontract", "kpi", "reason", "opened_on", "review_on", "status", "closed_on", "outcome"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3}), "outcome": forms.Textarea(attrs={"rows": 3})}


class ImprovementActionForm(BaseModelForm):
    class Meta:
        model = ImprovementAction
        fields = ["plan", "action", "owner", "owner_user", "due_on", "done_on"]
        widgets = {"action": forms.Textarea(attrs={"rows": 2})}


class QueryForm(forms.Form):
    """The hub's query on a submitted return: what the member must answer or correct."""

    comment = forms.CharField(
        label="Your query",
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text="Say which figure or claim is in question and what the member should do.",
    )
