"""Recharge forms: a recharge, and the choice of employer and period for the recharge statement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from consortia.core.forms import BaseModelForm, style_widgets
from consortia.directory.models import Organisation
from consortia.people.models import Recharge, StaffMember
from consortia.people.services.recharge import last_complete_quarter
from consortia.people.services.staff import shared_employer


class RechargeForm(BaseModelForm):
    class Meta:
        model = Recharge
        fields = ["employer", "period_start", "period_end", "amount", "reference", "notes"]
        labels = {"employer": "Employing organisation", "period_start": "Period from", "period_end": "Period to"}
        help_texts = {"amount": "What the consortium paid, or was invoiced, for the staff's time in the period."}


def employers_with_staff(user: Any) -> Any:
    """Organisations that employ (or employed) hub staff, as the user may see them.

    Employers of shared staff come first: theirs is the statement the page opens on.
    """
    return (
        Organisation.objects.restrict(user, "view")
        .filter(pk__in=StaffMember.objects.values("employer_id"))
        .annotate(employs_shared=shared_employer("pk"))
        .order_by("-employs_shared", "name", "pk")
    )


class StatementForm(forms.Form):
    """Which employer and which period the statement covers (by default, the last complete quarter)."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Employing organisation", empty_label=None
    )
    start = forms.DateField(label="From")
    end = forms.DateField(label="To")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation: Any = self.fields["organisation"]
        organisation.queryset = employers_with_staff(user)
        start, end = last_complete_quarter(timezone.localdate())
        self.fields["start"].initial = start
        self.fields["end"].initial = end
        style_widgets(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The period ends before it starts.")
        return data
