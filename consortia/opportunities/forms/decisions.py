"""Forms of the bid/no-bid decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from consortia.core.forms import BaseModelForm, style_widgets
from consortia.opportunities.choices import Decision
from consortia.opportunities.models import BidCriterion


class BidCriterionForm(BaseModelForm):
    class Meta:
        model = BidCriterion
        fields = ["name", "description", "weight", "order"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), help_text="Why, in a few sentences.")
    decided_on = forms.DateField(label="Decided on", initial=timezone.localdate)
    minute_reference = forms.CharField(label="Minute", required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)
