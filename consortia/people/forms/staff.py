"""The staff member form."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.people.models import StaffMember


class StaffMemberForm(BaseModelForm):
    fieldsets = [
        ("Who", ["first_name", "last_name", "user", "job_role"]),
        ("Employment", ["employer", "fte", "cost_rate", "start_date", "end_date"]),
    ]

    class Meta:
        model = StaffMember
        fields = [
            "first_name",
            "last_name",
            "user",
            "job_role",
            "employer",
            "fte",
            "cost_rate",
            "start_date",
            "end_date",
        ]
        help_texts = {
            "employer": "The consortium itself, a member or a CVS. Staff employed by a member or a CVS are shared staff.",
            "fte": "The share of a full-time week they give the hub, e.g. 0.8 for four days.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field: Any = self.fields["user"]
        # Hub staff sign in without a member organisation; members' users are never hub staff.
        user_field.queryset = user_field.queryset.filter(organisation__isnull=True)
        user_field.label = "Login"

    def clean_user(self) -> Any:
        user = self.cleaned_data.get("user")
        if user is not None:
            holder = StaffMember.objects.filter(user=user).exclude(pk=self.instance.pk).first()
            if holder is not None:
                raise forms.ValidationError(f"That login already belongs to {holder}.")
        return user
