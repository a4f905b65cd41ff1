"""Forms of the policies app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from consortia.core import uploads
from consortia.core.forms import BaseModelForm, style_widgets
from consortia.policies.choices import Audience, VersionStatus
from consortia.policies.models import Acknowledgement, Policy, PolicyArea, PolicyVersion, Risk, RiskAction, RiskReview


class PolicyAreaForm(BaseModelForm):
    class Meta:
        model = PolicyArea
        fields = ["name", "description"]


class PolicyForm(BaseModelForm):
    fieldsets = [
        ("The policy", ["title", "kind", "area", "owner", "active"]),
        ("Review", ["review_period_months"]),
        ("Members' acknowledgement", ["acknowledgement_required", "audience", "members"]),
    ]

    class Meta:
        model = Policy
        fields = [
            "title",
            "kind",
            "area",
            "owner",
            "active",
            "review_period_months",
            "acknowledgement_required",
            "audience",
            "members",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members: Any = self.fields["members"]
        from consortia.members.choices import MembershipStatus

        members.queryset = members.queryset.filter(membership__isnull=False).exclude(
            membership__status=MembershipStatus.LEFT
        )
        members.help_text = "When only chosen member organisations must acknowledge it."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("acknowledgement_required") and data.get("audience") == Audience.CHOSEN and not data.get("members"):
            self.add_error("members", "Choose the member organisations that must acknowledge the policy.")
        return data


class PolicyVersionForm(BaseModelForm):
    """A new version, a draft until approved (on its page); an approved version is locked."""

    class Meta:
        model = PolicyVersion
        fields = ["policy", "file", "summary", "approval_minute"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["policy"].disabled = True

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and hasattr(upload, "content_type"):  # a new upload, not the stored file
            uploads.check_upload(upload, "policy document", uploads.DOCUMENTS)
            uploads.private_name(upload)
        return upload


class ApproveForm(forms.Form):
    """Approve a draft version (the board's decision)."""

    approved_on = forms.DateField(label="Approved on", help_text="The date the board approved it.")
    approval_minute = forms.CharField(
        label="Approval minute", max_length=200, required=False, help_text="E.g. “Board 12/03/2026, minute 7”."
    )

    decision: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="The board's decision",
        help_text="The decision recorded in the board's minutes, if it is in Consortia.",
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from consortia.governance.models import Decision

        self.fields["approved_on"].initial = timezone.localdate()
        decision: Any = self.fields["decision"]
        decision.queryset = (
            Decision.objects.restrict(user, "view").filter(outcome="carried").select_related("item__meeting")
            if user is not None
            else Decision.objects.none()
        )
        style_widgets(self)


class AcknowledgementForm(BaseModelForm):
    """The hub records an acknowledgement received on paper; members acknowledge in the portal."""

    class Meta:
        model = Acknowledgement
        fields = ["version", "organisation", "acknowledged_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version: Any = self.fields["version"]
        version.queryset = version.queryset.filter(status=VersionStatus.APPROVED).select_related("policy")
        if self.instance.pk:
            for name in ("version", "organisation"):
                self.fields[name].disabled = True


class RiskForm(BaseModelForm):
    fieldsets = [
        ("The risk", ["title", "description", "category", "owner", "status", "review_on"]),
        ("Before controls", ["inherent_likelihood", "inherent_impact"]),
        ("Controls", ["controls"]),
        ("After controls", ["residual_likelihood", "residual_impact"]),
    ]

    class Meta:
        model = Risk
        fields = [
            "title",
            "description",
            "category",
            "owner",
            "status",
            "review_on",
            "inherent_likelihood",
            "inherent_impact",
            "controls",
            "residual_likelihood",
            "residual_impact",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.reviews.exists():
            for name in ("residual_likelihood", "residual_impact"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "Set by the latest review: record a review to change it."


class RiskReviewForm(BaseModelForm):
    class Meta:
        model = RiskReview
        fields = ["risk", "reviewed_on", "likelihood", "impact", "note", "next_review_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["risk"].disabled = True


class RiskActionForm(BaseModelForm):
    class Meta:
        model = RiskAction
        fields = ["risk", "description", "owner", "due_on", "done_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
