"""Forms of the management fee and payment runs."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.finance.models import FeeRule, FeeTier, PaymentRun


class FeeRuleForm(BaseModelForm):
    class Meta:
        model = FeeRule
        fields = ["contract", "subcontract", "kind", "percentage", "flat_amount", "notes"]


class FeeTierForm(BaseModelForm):
    class Meta:
        model = FeeTier
        fields = ["rule", "up_to", "percentage"]


class PaymentRunForm(BaseModelForm):
    """A new run is built from the period; a built run's period stays (delete a draft to build again)."""

    class Meta:
        model = PaymentRun
        fields = ["period_start", "period_end", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("period_start", "period_end"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "Delete a draft run and build it again to change its period."


class DateForm(forms.Form):
    """A day something was paid, for the payment run's buttons."""

    on = forms.DateField(label="Paid on", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))
    reference = forms.CharField(label="Reference", max_length=100, required=False)
