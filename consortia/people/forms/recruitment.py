"""Forms for vacancies, applications (with their uploads), assessments, the decision and the offer,
and the equal-opportunities return."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from consortia.core import uploads
from consortia.core.forms import BaseModelForm, style_widgets
from consortia.directory.models import Organisation
from consortia.people.choices import ApplicationStage
from consortia.people.models import Application, Assessment, EqualOpportunitiesReturn, Vacancy
from consortia.people.services import recruitment as services
from consortia.users.models import User

MAX_UPLOAD_MB = uploads.MAX_MB
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
ACCEPTED = f"a {uploads.describe(uploads.DOCUMENTS)} file"


def check_upload(upload: UploadedFile, label: str) -> None:
    """An applicant's document: PDF, Word, OpenDocument, rich text or plain text, up to 10 MB."""
    uploads.check_upload(upload, label, uploads.DOCUMENTS)


private_name = uploads.private_name


class VacancyForm(BaseModelForm):
    fieldsets = [
        ("The vacancy", ["job_role", "reference", "status"]),
        ("Dates", ["opens_on", "closing_date", "shortlisting_date", "interview_dates"]),
        ("The panel", ["panel"]),
        ("Applicants' data", ["retention_months"]),
    ]

    class Meta:
        model = Vacancy
        fields = [
            "job_role",
            "reference",
            "status",
            "opens_on",
            "closing_date",
            "shortlisting_date",
            "interview_dates",
            "panel",
            "retention_months",
        ]
        widgets = {"panel": forms.CheckboxSelectMultiple}
        help_texts = {
            "panel": "The people who score the applicants. The hub manager may score too.",
            "retention_months": "After this long from the closing date, the data of applicants who were not "
            "appointed is deleted.",
        }


class ApplicationForm(BaseModelForm):
    """An applicant's details and documents. Offers and appointments go through their own pages."""

    fieldsets = [
        ("The applicant", ["vacancy", "first_name", "last_name", "email", "phone", "received_on"]),
        ("Their documents", ["cv", "supporting_statement"]),
        ("Where they are", ["stage", "decision_notes"]),
    ]

    class Meta:
        model = Application
        fields = [
            "vacancy",
            "first_name",
            "last_name",
            "email",
            "phone",
            "received_on",
            "cv",
            "supporting_statement",
            "stage",
            "decision_notes",
        ]
        # A plain file input: Django's usual one links to the file's public address.
        widgets = {
            "cv": forms.FileInput(attrs={"accept": ",".join(uploads.DOCUMENTS)}),
            "supporting_statement": forms.FileInput(attrs={"accept": ",".join(uploads.DOCUMENTS)}),
            "decision_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hint = f"PDF, Word, OpenDocument, rich text or plain text, up to {MAX_UPLOAD_MB} MB."
        for name in ("cv", "supporting_statement"):
            if name in self.fields:
                held = getattr(self.instance, name)
                self.fields[name].help_text = hint + (" A file is held; choose another to replace it." if held else "")
        if "stage" in self.fields:
            # Offers and appointments are recorded through the decision on the application's page.
            through_services = {ApplicationStage.OFFERED, ApplicationStage.APPOINTED} - {self.instance.stage}
            self.fields["stage"].choices = [  # type: ignore[attr-defined]
                (code, label) for code, label in ApplicationStage.choices if code not in through_services
            ]

    def _clean_upload(self, name: str, label: str) -> Any:
        upload = self.cleaned_data.get(name)
        if isinstance(upload, UploadedFile):
            check_upload(upload, label)
            private_name(upload)  # before the form copies it onto the application
        return upload

    def clean_cv(self) -> Any:
        return self._clean_upload("cv", "CV")

    def clean_supporting_statement(self) -> Any:
        return self._clean_upload("supporting_statement", "supporting statement")

    def save(self, commit: bool = True) -> Any:
        replaced = [
            self.initial[name]
            for name in ("cv", "supporting_statement")
            if isinstance(self.cleaned_data.get(name), UploadedFile) and self.initial.get(name)
        ]
        application = super().save(commit)
        for old in replaced:
            # The replaced file goes once the new one is safely saved.
            transaction.on_commit(functools.partial(old.storage.delete, old.name))
        return application


class AssessmentForm(BaseModelForm):
    """One score. A panel member records their own; the hub manager may record anyone's."""

    class Meta:
        model = Assessment
        fields = ["application", "criterion", "stage", "panel_member", "score", "comment"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "panel_member" in self.fields:
            field = self.fields["panel_member"]
            if self.user is not None and not services.manages_recruitment(self.user):
                field.queryset = User.objects.filter(pk=self.user.pk)  # type: ignore[attr-defined]
                field.initial = self.user.pk
            else:
                field.queryset = field.queryset.filter(organisation__isnull=True)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        application, member = data.get("application"), data.get("panel_member")
        if application is not None and member is not None and self.user is not None:
            try:
                services.check_scorer(application.vacancy, member, self.user)
            except PermissionDenied as error:
                raise ValidationError(str(error)) from None
            if application.vacancy.status in services.CLOSED:
                raise ValidationError(f"Scoring is closed: {application.vacancy.reference} is filled or withdrawn.")
        return data


class EqualOpportunitiesForm(forms.ModelForm):
    """An applicant's equal-opportunities form: every answer may be "Prefer not to say"."""

    class Meta:
        model = EqualOpportunitiesReturn
        fields = ["age_band", "sex", "ethnic_group", "disability"]
        labels = {"disability": "Do they consider themselves disabled?"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class OfferForm(forms.Form):
    offered_on = forms.DateField(label="Offer made on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="The applicant", choices=[("accepted", "Accepted the offer"), ("declined", "Declined the offer")]
    )
    answered_on = forms.DateField(label="On")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class AppointForm(forms.Form):
    employer = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Employed by",
        help_text="The consortium itself, or the member or CVS that employs them for the hub.",
    )
    start_date = forms.DateField(label="Start date")
    fte = forms.DecimalField(label="FTE for the hub", min_value=0, max_value=1, decimal_places=2, max_digits=3)
    cost_rate = forms.DecimalField(
        label="Cost rate (£ an hour)",
        min_value=0,
        decimal_places=2,
        max_digits=8,
        help_text="Salary and on-costs per hour worked.",
    )
    login = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Their login (optional)",
        help_text="So they can record their own time.",
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Organisation.objects.restrict(user, "view")  # type: ignore[attr-defined]
        self.fields["login"].queryset = User.objects.restrict(user, "view").filter(  # type: ignore[attr-defined]
            organisation__isnull=True, is_active=True, staff_record__isnull=True
        )
        style_widgets(self)
