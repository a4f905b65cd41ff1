"""Forms of the privacy app: the request record, and finding a person."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from consortia.core.forms import BaseModelForm, style_widgets
from consortia.privacy.models import SubjectAccessRequest
from consortia.privacy.registry import Person


class SubjectAccessRequestForm(BaseModelForm):
    class Meta:
        model = SubjectAccessRequest
        fields = ["subject_name", "subject_email", "requested_by", "received_on", "notes"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("subject_name") or cleaned.get("subject_email")):
            raise forms.ValidationError("Give the person's name or e-mail address, or both.")
        return cleaned


class PersonForm(forms.Form):
    """Who to look for: by e-mail (any case) and by name."""

    email = forms.EmailField(label="E-mail address", required=False)
    name = forms.CharField(label="Full name", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("email") or (cleaned.get("name") or "").strip()):
            raise forms.ValidationError("Give the person's e-mail address or full name, or both.")
        return cleaned

    def person(self) -> Person:
        return Person(email=self.cleaned_data.get("email") or "", name=self.cleaned_data.get("name") or "")


class ExportForm(PersonForm):
    """The export: the person, and the request it answers (an open one, or a new one)."""

    request = forms.ModelChoiceField(
        queryset=SubjectAccessRequest.objects.none(),
        required=False,
        label="Answers the request",
        empty_label="A new request (give the details below)",
    )
    requested_by = forms.CharField(label="Who asked", max_length=200, initial="The person themselves", required=False)
    received_on = forms.DateField(label="Request received on", required=False, initial=timezone.localdate)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["request"]
        field.queryset = SubjectAccessRequest.objects.restrict(user, "change").filter(fulfilled_on__isnull=True)


class EraseForm(PersonForm):
    reference = forms.CharField(
        label="Reference",
        max_length=200,
        required=False,
        help_text="E.g. the date of the request; not the person's name.",
    )
    confirm = forms.BooleanField(label="I have checked these records are this person's: erase them", required=True)
