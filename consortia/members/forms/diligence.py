"""Forms for due diligence: requirements, evidence (with its upload) and the yearly review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from consortia.core import uploads
from consortia.core.forms import BaseModelForm
from consortia.members.models import DueDiligenceReview, Evidence, Requirement
from consortia.members.services import diligence as services


class RequirementForm(BaseModelForm):
    fieldsets = [
        ("The requirement", ["name", "description", "kind", "order", "active"]),
        ("Who must provide it", ["mandatory_full", "mandatory_associate", "mandatory_partner"]),
        ("Checking and renewal", ["renewal_months", "verified_by"]),
        ("What the member is asked for", ["needs_expiry", "needs_cover_amount", "needs_dbs_level"]),
    ]

    class Meta:
        model = Requirement
        fields = [
            "name",
            "description",
            "kind",
            "order",
            "active",
            "mandatory_full",
            "mandatory_associate",
            "mandatory_partner",
            "renewal_months",
            "verified_by",
            "needs_expiry",
            "needs_cover_amount",
            "needs_dbs_level",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class EvidenceForm(BaseModelForm):
    """A member's evidence for one requirement; the rules are `services.diligence.evidence_errors`."""

    fieldsets = [
        ("The evidence", ["organisation", "requirement", "file", "answer"]),
        ("Dates", ["issued_on", "expires_on"]),
        ("Insurance and DBS", ["cover_amount", "dbs_level"]),
    ]

    class Meta:
        model = Evidence
        fields = [
            "organisation",
            "requirement",
            "file",
            "answer",
            "issued_on",
            "expires_on",
            "cover_amount",
            "dbs_level",
        ]
        labels = {"file": "Document", "answer": "Your answer"}
        help_texts = {
            "file": f"A {uploads.describe(uploads.EVIDENCE)} file, up to {uploads.MAX_MB} MB.",
            "cover_amount": "For insurance: the amount of cover, in pounds.",
        }
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 3}),
            "file": forms.FileInput(attrs={"accept": ",".join(uploads.EVIDENCE)}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = self.fields["requirement"].queryset.filter(active=True)  # type: ignore[attr-defined]
        organisation = getattr(self.user, "organisation", None)
        if organisation is not None and not self.instance.pk:
            self.fields["organisation"].initial = organisation.pk

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors.get("requirement"):
            return cleaned
        errors = services.evidence_errors(
            cleaned.get("requirement"),
            file=cleaned.get("file"),
            answer=cleaned.get("answer", ""),
            issued_on=cleaned.get("issued_on"),
            expires_on=cleaned.get("expires_on"),
            cover_amount=cleaned.get("cover_amount"),
            dbs_level=cleaned.get("dbs_level", ""),
        )
        for name, messages in errors.items():
            for message in messages:
                if name not in self.errors or message not in self.errors[name]:
                    self.add_error(name if name in self.fields else None, message)
        upload = cleaned.get("file")
        if not errors and isinstance(upload, UploadedFile):
            services.store_upload(self.instance, upload)  # the original name kept, a random one stored
            cleaned["file"] = self.instance.file
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why it is not accepted",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text="The member is shown this, so say what would put it right.",
    )


class DueDiligenceReviewForm(BaseModelForm):
    class Meta:
        model = DueDiligenceReview
        fields = ["organisation", "year", "reviewed_on", "reviewer", "rag", "reasons", "action_plan", "next_review_due"]
        widgets = {"reasons": forms.Textarea(attrs={"rows": 3}), "action_plan": forms.Textarea(attrs={"rows": 3})}
