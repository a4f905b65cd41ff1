"""The member portal's forms: only the fields a member organisation keeps for itself.

None of them offers the organisation: the view sets it to the user's own.
"""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core import uploads
from consortia.core.forms import BaseModelForm, style_widgets
from consortia.directory.models import Contact, Organisation
from consortia.members.choices import DbsLevel, RequirementKind
from consortia.members.models import Capability, CaseStudy, Membership, QualityMark, Requirement
from consortia.members.services import diligence

LOCAL_AUTHORITIES = ["unitary", "district", "metropolitan", "london_borough"]


class OrganisationProfileForm(BaseModelForm):
    fieldsets = [
        ("Address", ["address_line_1", "address_line_2", "town", "county", "postcode"]),
        ("Getting in touch", ["phone", "email", "website"]),
        ("Other names", ["other_names"]),
    ]

    class Meta:
        model = Organisation
        fields = [
            "address_line_1",
            "address_line_2",
            "town",
            "county",
            "postcode",
            "phone",
            "email",
            "website",
            "other_names",
        ]
        widgets = {"other_names": forms.Textarea(attrs={"rows": 2})}


class CapacityForm(BaseModelForm):
    """The size of the organisation, kept on its membership (never its tier, status or fee)."""

    fieldsets = [("Your organisation's size", ["staff_count", "volunteer_count", "clients_per_year", "languages"])]

    class Meta:
        model = Membership
        fields = ["staff_count", "volunteer_count", "clients_per_year", "languages"]


class ContactForm(BaseModelForm):
    fieldsets = [
        ("The person", ["first_name", "last_name", "job_title"]),
        ("Getting in touch", ["email", "phone", "preferred_contact"]),
        ("Consent to be contacted", ["consent", "consent_date", "consent_source"]),
    ]

    class Meta:
        model = Contact
        fields = [
            "first_name",
            "last_name",
            "job_title",
            "email",
            "phone",
            "preferred_contact",
            "consent",
            "consent_date",
            "consent_source",
        ]


class CapabilityForm(BaseModelForm):
    class Meta:
        model = Capability
        fields = ["category", "client_groups", "areas", "description", "clients_per_year"]
        widgets = {
            "client_groups": forms.CheckboxSelectMultiple,
            "areas": forms.SelectMultiple(attrs={"size": 10}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"areas": "Hold Ctrl (or Cmd on a Mac) to choose more than one."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        category.label = "Service"
        category.empty_label = "Choose a service"  # type: ignore[attr-defined]
        areas = self.fields["areas"]
        areas.queryset = areas.queryset.filter(kind__in=LOCAL_AUTHORITIES)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        category = cleaned.get("category")
        # The organisation is not on the form, so Django cannot check "one capability per category".
        if category is not None and self.instance.organisation_id:
            same = Capability.objects.filter(organisation_id=self.instance.organisation_id, category=category)
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error("category", f"You already have a capability for {category}; edit that one instead.")
        return cleaned


class QualityMarkForm(BaseModelForm):
    class Meta:
        model = QualityMark
        fields = ["name", "reference", "awarded_on", "expires_on"]


class CaseStudyForm(BaseModelForm):
    class Meta:
        model = CaseStudy
        fields = ["title", "category", "year", "summary", "outcomes"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "outcomes": forms.Textarea(attrs={"rows": 3})}


class EvidenceForm(forms.Form):
    """Evidence for one requirement: a file or an answer, and the dates and details it asks for."""

    def __init__(self, requirement: Requirement, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requirement = requirement
        if requirement.kind == RequirementKind.DOCUMENT:
            self.fields["file"] = forms.FileField(
                label="File",
                help_text=f"A {uploads.describe(uploads.EVIDENCE)} file, up to {uploads.MAX_MB} MB.",
                error_messages={"required": "Choose the file to upload."},
            )
        else:
            self.fields["answer"] = forms.CharField(
                label="Your answer",
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"required": "Write your answer."},
            )
        self.fields["issued_on"] = forms.DateField(label="Date issued", required=False)
        if requirement.needs_expiry:
            self.fields["expires_on"] = forms.DateField(
                label="Expiry date", error_messages={"required": "Give the date this expires."}
            )
        if requirement.needs_cover_amount:
            self.fields["cover_amount"] = forms.DecimalField(
                label="Cover (£)",
                max_digits=12,
                decimal_places=2,
                min_value=0,
                error_messages={"required": "Give the amount of cover."},
            )
        if requirement.needs_dbs_level:
            self.fields["dbs_level"] = forms.ChoiceField(
                label="DBS level",
                choices=[("", "Choose…"), *DbsLevel.choices],
                error_messages={"required": "Choose the DBS level."},
            )
        style_widgets(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The members app's rules, run here too so every problem is shown at once, each beside
        # its field (a field that did not even parse keeps its own message).
        problems = diligence.evidence_errors(self.requirement, **self.submission())
        for name, messages in problems.items():
            if name in self.fields and name in (getattr(self, "_errors", None) or {}):
                continue
            self.add_error(name if name in self.fields else None, messages)
        return cleaned

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound:
            style_widgets(self)

    def submission(self) -> dict[str, Any]:
        """The keyword arguments for `submit_evidence`."""
        data = getattr(self, "cleaned_data", {})
        return {
            "file": data.get("file"),
            "answer": data.get("answer", ""),
            "issued_on": data.get("issued_on"),
            "expires_on": data.get("expires_on"),
            "cover_amount": data.get("cover_amount"),
            "dbs_level": data.get("dbs_level", ""),
        }
