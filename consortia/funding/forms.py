"""Forms of the funding app."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core.forms import BaseModelForm, style_widgets
from consortia.directory.choices import OrganisationRoleCode
from consortia.funding.choices import WITH_AWARD, AmountBand, ApplicationStatus, RecipientType
from consortia.funding.models import Application, FundingPayment, Prospect, ReportingRequirement


class ProspectForm(BaseModelForm):
    fieldsets = [
        ("The programme", ["funder", "programme", "kind", "status", "source_url"]),
        ("Money and dates", ["amount_min", "amount_max", "deadline"]),
        ("Fit", ["eligibility", "fit", "fit_note"]),
    ]

    class Meta:
        model = Prospect
        fields = [
            "funder",
            "programme",
            "kind",
            "status",
            "source_url",
            "amount_min",
            "amount_max",
            "deadline",
            "eligibility",
            "fit",
            "fit_note",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        funder: Any = self.fields["funder"]
        funder.queryset = funder.queryset.filter(roles__code=OrganisationRoleCode.FUNDER).distinct()
        funder.help_text = "Organisations with the funder role in the directory."


class ApplicationForm(BaseModelForm):
    """What is asked for and on what terms; the status moves on the application's own page."""

    fieldsets = [
        ("The application", ["prospect", "title", "ask_amount"]),
        ("The money", ["money_kind", "conditions", "clawback_terms"]),
    ]

    class Meta:
        model = Application
        fields = ["prospect", "title", "ask_amount", "money_kind", "conditions", "clawback_terms", "notes"]


class MoveForm(forms.Form):
    """Move an application on: the new status, its date, and for an award the amount."""

    status = forms.ChoiceField(label="New status", choices=ApplicationStatus.choices)
    on = forms.DateField(
        label="Date", required=False, help_text="For an award or a decline: the date of the funder's decision."
    )
    award_amount = forms.DecimalField(
        label="Amount awarded (£)", required=False, max_digits=12, decimal_places=2, help_text="For an award only."
    )
    conditions = forms.CharField(
        label="Conditions of the award", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, allowed: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            status: Any = self.fields["status"]
            status.choices = allowed
        style_widgets(self)


class AwardedApplicationForm(BaseModelForm):
    """Payments and reports belong to an awarded application: only those are offered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        application: Any = self.fields["application"]
        application.queryset = application.queryset.filter(status__in=WITH_AWARD)
        application.help_text = "Only awarded applications are offered."


class FundingPaymentForm(AwardedApplicationForm):
    class Meta:
        model = FundingPayment
        fields = ["application", "due_on", "amount", "received_on", "notes"]


class ReportingRequirementForm(AwardedApplicationForm):
    class Meta:
        model = ReportingRequirement
        fields = ["application", "title", "due_on", "submitted_on", "notes"]


class ResearchForm(forms.Form):
    """The research page's filters (funder, programme and year choices come from the data)."""

    q = forms.CharField(label="Words", required=False, widget=forms.TextInput(attrs={"type": "search"}))
    recipient_type = forms.ChoiceField(
        label="Recipient type", required=False, choices=[("", "Any"), *RecipientType.choices]
    )
    area = forms.CharField(label="Area", required=False, help_text="A place name or area code, e.g. Lancashire.")
    amount_band = forms.ChoiceField(label="Amount", required=False, choices=[("", "Any"), *AmountBand.choices])
    programme = forms.ChoiceField(label="Programme", required=False)
    funder = forms.ChoiceField(label="Funder", required=False)
    year = forms.ChoiceField(label="Year awarded", required=False)

    def __init__(self, *args: Any, options: dict[str, list[tuple[str, str]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("programme", "funder", "year"):
            field: Any = self.fields[name]
            field.choices = [("", "Any"), *options[name]]
        style_widgets(self)
