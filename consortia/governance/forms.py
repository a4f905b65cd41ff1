"""Forms of the governance app."""

from __future__ import annotations

from typing import Any

from django import forms

from consortia.core import uploads
from consortia.core.forms import BaseModelForm, style_widgets
from consortia.governance.choices import AttendanceStatus
from consortia.governance.models import (
    Action,
    AgendaItem,
    AgendaPaper,
    Appointment,
    Attendance,
    Body,
    Decision,
    Meeting,
    MeetingDeclaration,
)


def _upload(form: forms.ModelForm, name: str, label: str) -> Any:
    upload = form.cleaned_data.get(name)
    if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
        uploads.check_upload(upload, label, uploads.DOCUMENTS)
        uploads.private_name(upload)
    return upload


class BodyForm(BaseModelForm):
    class Meta:
        model = Body
        fields = ["name", "kind", "terms_of_reference", "terms_file", "quorum_number", "quorum_independents", "notes"]

    def clean_terms_file(self) -> Any:
        return _upload(self, "terms_file", "terms of reference")


class AppointmentForm(BaseModelForm):
    class Meta:
        model = Appointment
        fields = ["body", "person", "role", "organisation", "appointed_on", "term_ends_on", "ended_on", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class MeetingForm(BaseModelForm):
    """A new meeting gets its standing items (declarations of interest, matters arising)."""

    class Meta:
        model = Meeting
        fields = ["body", "starts_at", "place", "video_link", "status", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["starts_at"]
        widget = forms.DateTimeInput(attrs=field.widget.attrs, format="%Y-%m-%dT%H:%M")
        widget.input_type = "datetime-local"
        field.widget = widget


class AgendaItemForm(BaseModelForm):
    class Meta:
        model = AgendaItem
        fields = ["meeting", "number", "title", "purpose", "description", "concerns", "minutes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["meeting"].disabled = True
            if self.instance.kind != "business":
                self.fields["number"].disabled = True
                self.fields["title"].disabled = True
                self.fields["number"].help_text = "A standing item: it keeps its place on the agenda."
        elif not self.initial.get("number") and self.initial.get("meeting"):
            from consortia.governance.services.meetings import next_number

            meeting = Meeting.objects.filter(pk=self.initial["meeting"]).first()
            if meeting is not None:
                self.initial["number"] = next_number(meeting)


class AgendaPaperForm(BaseModelForm):
    class Meta:
        model = AgendaPaper
        fields = ["item", "title", "file", "notes"]

    def clean_file(self) -> Any:
        return _upload(self, "file", "paper")


class AttendanceForm(BaseModelForm):
    class Meta:
        model = Attendance
        fields = ["meeting", "person", "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class MeetingDeclarationForm(BaseModelForm):
    class Meta:
        model = MeetingDeclaration
        fields = ["meeting", "item", "person", "organisation", "interest"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.data.get("meeting") if self.is_bound else self.initial.get("meeting") or self.instance.meeting_id
        if meeting and str(meeting).isdigit():
            item: Any = self.fields["item"]
            item.queryset = item.queryset.filter(meeting_id=meeting)


class DecisionForm(BaseModelForm):
    """Saved through `record_decision`: refused without a quorum, with too many votes, or a conflicted proposer."""

    fieldsets = [
        ("The decision", ["item", "resolution", "proposer", "seconder"]),
        ("The vote", ["votes_for", "votes_against", "votes_abstain", "outcome"]),
        ("What it decides", ["hub_decision", "bid_decision", "subcontract"]),
    ]

    class Meta:
        model = Decision
        fields = [
            "item",
            "resolution",
            "proposer",
            "seconder",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "outcome",
            "hub_decision",
            "bid_decision",
            "subcontract",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ActionForm(BaseModelForm):
    class Meta:
        model = Action
        fields = ["meeting", "item", "owner", "description", "due_on", "done_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.data.get("meeting") if self.is_bound else self.initial.get("meeting") or self.instance.meeting_id
        if meeting and str(meeting).isdigit():
            item: Any = self.fields["item"]
            item.queryset = item.queryset.filter(meeting_id=meeting)


class RegisterForm(forms.Form):
    """The register: one choice per appointee of the body (built by the view)."""

    def __init__(self, *args: Any, people: list[tuple[int, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not recorded"), *AttendanceStatus.choices]
        for person_id, label, current in people:
            self.fields[f"person_{person_id}"] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=current, widget=forms.RadioSelect
            )
        style_widgets(self)
