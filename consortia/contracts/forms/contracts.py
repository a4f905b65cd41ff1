"""Forms of the contracts app."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.contracts.models import Contract, ContractDocument, ContractMilestone, Subcontract, Variation
from consortia.core import uploads
from consortia.core.forms import BaseModelForm
from consortia.directory.choices import OrganisationRoleCode


class ContractForm(BaseModelForm):
    fieldsets = [
        ("The contract", ["reference", "title", "commissioner", "status", "manager"]),
        ("Dates", ["start_date", "end_date", "extension_options", "extension_decision_by"]),
        ("Money", ["original_value", "payment_model", "payment_terms_days", "vat"]),
    ]

    class Meta:
        model = Contract
        fields = [
            "reference",
            "title",
            "commissioner",
            "status",
            "manager",
            "start_date",
            "end_date",
            "extension_options",
            "extension_decision_by",
            "original_value",
            "payment_model",
            "payment_terms_days",
            "vat",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commissioner: Any = self.fields["commissioner"]
        commissioner.queryset = commissioner.queryset.filter(
            roles__code__in=[OrganisationRoleCode.COMMISSIONER, OrganisationRoleCode.FUNDER]
        ).distinct()
        if self.instance.pk and self.instance.variations.exists():
            value: Any = self.fields["original_value"]
            value.disabled = True
            value.help_text = "The contract has variations: its value changes only through a new variation."


class ContractMilestoneForm(BaseModelForm):
    class Meta:
        model = ContractMilestone
        fields = ["contract", "name", "due_on", "done_on", "notes"]


class VariationForm(BaseModelForm):
    """A new variation goes through `agree_variation`; once agreed only its wording and date change
    (its value is part of the contract's value history)."""

    class Meta:
        model = Variation
        fields = ["contract", "description", "value_change", "agreed_on", "new_end_date"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("contract", "value_change", "new_end_date"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "Fixed once agreed: agree another variation to change it."


class SubcontractForm(BaseModelForm):
    fieldsets = [
        ("The subcontract", ["contract", "organisation", "status", "scope", "areas", "volumes"]),
        ("Money", ["share", "value", "payment_model", "payment_terms_days"]),
        ("Dates", ["start_date", "end_date", "signed_on", "data_processing_agreed_on"]),
    ]

    class Meta:
        model = Subcontract
        fields = [
            "contract",
            "organisation",
            "status",
            "scope",
            "areas",
            "volumes",
            "share",
            "value",
            "payment_model",
            "payment_terms_days",
            "start_date",
            "end_date",
            "signed_on",
            "data_processing_agreed_on",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from consortia.members.services.diligence import eligible_organisations

        organisation: Any = self.fields["organisation"]
        eligible = organisation.queryset.filter(pk__in=eligible_organisations().values("pk"))
        if self.instance.pk:
            eligible = eligible | organisation.queryset.filter(pk=self.instance.organisation_id)
        organisation.queryset = eligible
        organisation.help_text = (
            "Only members eligible under the due-diligence rule (a green or amber review) are offered."
        )


class ContractDocumentForm(BaseModelForm):
    class Meta:
        model = ContractDocument
        fields = ["contract", "title", "kind", "file", "notes"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and hasattr(upload, "content_type"):  # a new upload, not the stored file
            uploads.check_upload(upload, "document", uploads.DOCUMENTS)
            uploads.private_name(upload)
        return upload


class AwardForm(forms.Form):
    """Make the contract for a won bid."""

    reference = forms.CharField(max_length=60, help_text="The commissioner's contract reference.")
    start = forms.DateField(label="Start")
    end = forms.DateField(label="End")
    extension_options = forms.CharField(max_length=200, required=False)
    extension_decision_by = forms.DateField(label="Extension decision due", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from consortia.core.forms import style_widgets

        style_widgets(self)
