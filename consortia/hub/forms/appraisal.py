"""Forms of the options appraisal: delivery models, appraisals, criteria, scores and the decision."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core.forms import BaseModelForm
from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation
from consortia.hub.models import Appraisal, AppraisalCriterion, AppraisalScore, DeliveryModel, HubDecision
from consortia.users.models import User

PROVIDER_ROLES = (OrganisationRoleCode.MEMBER, OrganisationRoleCode.INFRASTRUCTURE, OrganisationRoleCode.PROVIDER)


def staff_users() -> Any:
    """People who can score: active users of the hub, not of a member organisation."""
    return User.objects.filter(is_active=True, organisation__isnull=True).order_by("full_name", "email")


class DeliveryModelForm(BaseModelForm):
    fieldsets = [
        ("The model", ["name", "code", "summary", "suits", "order"]),
        ("For and against", ["advantages", "disadvantages"]),
        ("Who delivers it", ["needs_provider", "provider_is_member"]),
    ]

    class Meta:
        model = DeliveryModel
        fields = [
            "name",
            "code",
            "summary",
            "advantages",
            "disadvantages",
            "suits",
            "needs_provider",
            "provider_is_member",
            "order",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "advantages": forms.Textarea(attrs={"rows": 5}),
            "disadvantages": forms.Textarea(attrs={"rows": 5}),
            "suits": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Other records and the code refer to a model by its code: it is fixed once made.
            self.fields["code"].disabled = True
            self.fields["code"].help_text = "Fixed once the model exists."


class AppraisalForm(BaseModelForm):
    fieldsets = [
        ("The appraisal", ["title", "purpose", "status", "closes_on"]),
        ("Scoring", ["scale_max", "scorers", "options"]),
    ]

    class Meta:
        model = Appraisal
        fields = ["title", "purpose", "status", "scale_max", "closes_on", "scorers", "options"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "scorers": forms.CheckboxSelectMultiple,
            "options": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scorers"].queryset = staff_users()  # type: ignore[attr-defined]
        if not self.instance.pk:
            # A new appraisal starts with every delivery model and the default criteria.
            del self.fields["options"]
            self.fields["status"].disabled = True


class AppraisalCriterionForm(BaseModelForm):
    class Meta:
        model = AppraisalCriterion
        fields = ["appraisal", "name", "description", "weight", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class AppraisalScoreForm(BaseModelForm):
    class Meta:
        model = AppraisalScore
        fields = ["criterion", "option", "scorer", "score", "comment"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.user
        self.fields["criterion"].queryset = AppraisalCriterion.objects.select_related("appraisal")  # type: ignore[attr-defined]
        if user is not None and not user.has_perm("hub.change_appraisal"):
            # A scorer records their own scores only.
            self.fields["scorer"].queryset = User.objects.filter(pk=user.pk)  # type: ignore[attr-defined]
            self.fields["scorer"].initial = user.pk
        else:
            self.fields["scorer"].queryset = staff_users()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        criterion, scorer = data.get("criterion"), data.get("scorer")
        if criterion is not None and scorer is not None:
            appraisal = criterion.appraisal
            if scorer.pk not in set(appraisal.scorers.values_list("pk", flat=True)) and not (
                self.user is not None and self.user.has_perm("hub.change_appraisal")
            ):
                self.add_error("scorer", f"{scorer} is not one of the scorers of “{appraisal}”.")
        return data


class HubDecisionForm(BaseModelForm):
    fieldsets = [
        ("The decision", ["chosen_model", "provider", "appraisal"]),
        ("Who decided, and when", ["decided_on", "decided_by", "minute_reference"]),
    ]

    class Meta:
        model = HubDecision
        fields = [
            "chosen_model",
            "provider",
            "appraisal",
            "decided_on",
            "decided_by",
            "minute_reference",
            "rationale",
        ]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Organisations that could deliver a hub, not every commissioner and funder in the directory.
        field = self.fields["provider"]
        holders = Organisation.roles.through.objects.filter(organisationrole__code__in=PROVIDER_ROLES)
        field.queryset = field.queryset.filter(pk__in=holders.values("organisation_id"))  # type: ignore[attr-defined]


class AppraisalDecisionForm(HubDecisionForm):
    """The decision recorded from the appraisal's page: the chosen model is one of its options."""

    class Meta(HubDecisionForm.Meta):
        fields = ["chosen_model", "provider", "decided_on", "decided_by", "minute_reference", "rationale"]

    def __init__(self, *args: Any, appraisal: Appraisal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.appraisal = appraisal
        self.fields["chosen_model"].queryset = appraisal.options.all()  # type: ignore[attr-defined]
        self.fields["provider"].help_text = "Only for a hub delivered by another organisation."
