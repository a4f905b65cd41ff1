"""Forms of the hub's functions, tasks, deliverers and who delivers what."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from consortia.core.forms import BaseModelForm, style_widgets
from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation
from consortia.hub.choices import Raci
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation

DELIVERER_ROLES = (
    OrganisationRoleCode.MEMBER,
    OrganisationRoleCode.INFRASTRUCTURE,
    OrganisationRoleCode.PROVIDER,
    OrganisationRoleCode.OTHER,
)


class HubFunctionForm(BaseModelForm):
    class Meta:
        model = HubFunction
        fields = ["name", "code", "purpose", "order"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = "Fixed once the function exists."


class HubTaskForm(BaseModelForm):
    class Meta:
        model = HubTask
        fields = ["function", "name", "description", "oversees_members", "retired", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"retired": "A retired task leaves the RACI matrix but keeps its history."}


class DelivererForm(BaseModelForm):
    class Meta:
        model = Deliverer
        fields = ["kind", "name", "job_role", "organisation", "hours_per_month"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        holders = Organisation.roles.through.objects.filter(organisationrole__code__in=DELIVERER_ROLES)
        field.queryset = field.queryset.filter(pk__in=holders.values("organisation_id"))  # type: ignore[attr-defined]
        field.help_text = "For a member or external organisation."
        self.fields["job_role"].help_text = "For a hub job role."


class TaskAllocationForm(BaseModelForm):
    class Meta:
        model = TaskAllocation
        fields = ["task", "deliverer", "raci", "hours_per_month", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = self.fields["task"].queryset.select_related("function")  # type: ignore[attr-defined]


class CellForm(forms.Form):
    """One cell of the RACI matrix: the letter (or none) and the hours a month."""

    raci = forms.ChoiceField(label="Role", choices=[("", "None"), *Raci.choices], required=False)
    hours = forms.DecimalField(
        label="Hours a month",
        required=False,
        min_value=Decimal(0),
        max_digits=6,
        decimal_places=1,
        error_messages={"min_value": "Hours cannot be negative."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound:
            style_widgets(self)
