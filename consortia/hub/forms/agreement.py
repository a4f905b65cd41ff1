"""The form for the agreement with the organisation that delivers an outsourced hub."""

from __future__ import annotations

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.hub.models import ServiceAgreement


class ServiceAgreementForm(BaseModelForm):
    fieldsets = [
        ("The agreement", ["title", "provider", "decision", "status", "signed_on"]),
        ("Term", ["start", "end"]),
        ("Fees and payment", ["fee", "fee_basis", "payment_terms"]),
        ("Reporting, review and exit", ["reporting", "review", "exit"]),
    ]

    class Meta:
        model = ServiceAgreement
        fields = [
            "title",
            "provider",
            "decision",
            "status",
            "signed_on",
            "start",
            "end",
            "fee",
            "fee_basis",
            "payment_terms",
            "reporting",
            "review",
            "exit",
        ]
        labels = {"decision": "Hub decision it follows", "provider": "Provider (the organisation delivering the hub)"}
        widgets = {
            "payment_terms": forms.Textarea(attrs={"rows": 3}),
            "reporting": forms.Textarea(attrs={"rows": 3}),
            "review": forms.Textarea(attrs={"rows": 3}),
            "exit": forms.Textarea(attrs={"rows": 3}),
        }
