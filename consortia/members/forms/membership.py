"""Forms for memberships and associate members' development actions."""

from __future__ import annotations

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.members.models import DevelopmentAction, Membership


class MembershipForm(BaseModelForm):
    fieldsets = [
        ("The membership", ["organisation", "tier", "status", "joined_on", "renewal_due", "left_on"]),
        ("Fee and agreement", ["annual_fee", "fee_paid", "fee_paid_on", "agreement_signed_on"]),
        ("About the member", ["staff_count", "volunteer_count", "clients_per_year", "languages", "notes"]),
    ]

    class Meta:
        model = Membership
        fields = [
            "organisation",
            "tier",
            "status",
            "joined_on",
            "renewal_due",
            "left_on",
            "annual_fee",
            "fee_paid",
            "fee_paid_on",
            "agreement_signed_on",
            "staff_count",
            "volunteer_count",
            "clients_per_year",
            "languages",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class DevelopmentActionForm(BaseModelForm):
    class Meta:
        model = DevelopmentAction
        fields = ["membership", "action", "due_on", "done_on", "notes"]
        labels = {"membership": "Member", "done_on": "Done on"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
