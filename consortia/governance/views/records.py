"""The governance record types: bodies, appointments, meetings and what happens at them."""

from __future__ import annotations

from typing import Any

from django.forms import ModelForm
from django.http import FileResponse, HttpRequest
from django.urls import URLPattern, path
from django.utils.text import slugify

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.services import StaleEditError, record_version, save_form
from consortia.core.uploads import private_file_response
from consortia.core.views.generic import RecordView, RecordViews
from consortia.governance import filtersets, forms, tables
from consortia.governance.choices import ItemKind
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
from consortia.governance.services import decisions, meetings

MENU = ("Governance", 50)


@register
class BodyViews(RecordViews):
    model = Body
    table = tables.BodyTable
    filterset = filtersets.BodyFilterSet
    form = forms.BodyForm
    detail_fields = ["name", "kind", "terms_of_reference", "quorum_number", "quorum_independents", "notes"]
    search_fields = ("name",)
    search_description = "terms_of_reference"
    menu_group = MENU
    menu_order = 10

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [
            *super().urls(),
            path(f"{cls.slug()}/<int:pk>/terms/", TermsFileView.as_view(record=cls), name="body_terms"),
        ]


class TermsFileView(RecordView):
    """The terms of reference file, for those who may view the body."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        body = self.get_object()
        return private_file_response(body.terms_file, f"terms-of-reference-{slugify(body.name)}")


@register
class AppointmentViews(RecordViews):
    model = Appointment
    table = tables.AppointmentTable
    filterset = filtersets.AppointmentFilterSet
    form = forms.AppointmentForm
    search_fields = ("person__full_name", "body__name")
    menu_group = MENU
    menu_order = 20

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Appointment.objects.select_related("body", "person", "organisation")  # type: ignore[return-value]


@register
class MeetingViews(RecordViews):
    model = Meeting
    table = tables.MeetingTable
    filterset = filtersets.MeetingFilterSet
    form = forms.MeetingForm
    # The start is shown by the meeting page itself, in UK time (the kit's `show` filter does not
    # convert an aware date-time to local time).
    detail_fields = ["body", "place", "video_link", "status", "notes"]
    search_fields = ("body__name", "place")
    menu_group = MENU
    menu_order = 30

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Meeting.objects.select_related("body")  # type: ignore[return-value]

    @classmethod
    def save(cls, form: ModelForm, user: Any, seen_version: str | None) -> Any:
        if form.instance.pk is not None:
            return save_form(form, user, seen_version)
        data = form.cleaned_data
        return meetings.create_meeting(
            data["body"],
            user,
            data["starts_at"],
            place=data["place"],
            video_link=data["video_link"],
            status=data["status"],
            notes=data["notes"],
        )


@register
class AgendaItemViews(RecordViews):
    model = AgendaItem
    table = tables.AgendaItemTable
    filterset = filtersets.AgendaItemFilterSet
    form = forms.AgendaItemForm
    detail_fields = ["meeting", "number", "title", "purpose", "description", "concerns", "minutes"]
    search_fields = ("title",)
    search_description = "description"
    menu_group = MENU
    menu_order = 40
    url_slug = "agenda-items"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return AgendaItem.objects.select_related("meeting__body")  # type: ignore[return-value]

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if obj.kind != ItemKind.BUSINESS:
            return [f"“{obj.title}” is a standing item of every meeting: it cannot be removed."]
        return []


@register
class AgendaPaperViews(RecordViews):
    model = AgendaPaper
    table = tables.AgendaPaperTable
    filterset = filtersets.AgendaPaperFilterSet
    form = forms.AgendaPaperForm
    detail_fields = ["item", "title", "notes"]
    search_fields = ("title",)
    menu_group = MENU
    menu_order = 45
    url_slug = "papers"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return AgendaPaper.objects.select_related("item__meeting__body")  # type: ignore[return-value]

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [
            *super().urls(),
            path(f"{cls.slug()}/<int:pk>/file/", PaperFileView.as_view(record=cls), name="agendapaper_file"),
        ]


class PaperFileView(RecordView):
    """The paper's file, for those who may view the paper: never a public media address."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        paper = self.get_object()
        return private_file_response(paper.file, slugify(paper.title) or "paper")


@register
class AttendanceViews(RecordViews):
    model = Attendance
    table = tables.AttendanceTable
    filterset = filtersets.AttendanceFilterSet
    form = forms.AttendanceForm
    search_fields = ("person__full_name",)
    menu_group = MENU
    menu_order = 50

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Attendance.objects.select_related("meeting__body", "person")  # type: ignore[return-value]


@register
class MeetingDeclarationViews(RecordViews):
    model = MeetingDeclaration
    table = tables.MeetingDeclarationTable
    filterset = filtersets.MeetingDeclarationFilterSet
    form = forms.MeetingDeclarationForm
    search_fields = ("person__full_name", "organisation__name")
    search_description = "interest"
    menu_group = MENU
    menu_order = 55
    url_slug = "declarations"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return MeetingDeclaration.objects.select_related("meeting__body", "item", "person", "organisation")  # type: ignore[return-value]


@register
class DecisionViews(RecordViews):
    model = Decision
    table = tables.DecisionTable
    filterset = filtersets.DecisionFilterSet
    form = forms.DecisionForm
    detail_fields = [
        "item",
        "resolution",
        "proposer",
        "seconder",
        "votes_for",
        "votes_against",
        "votes_abstain",
        "outcome",
        "excluded",
        "quorum_note",
        "hub_decision",
        "bid_decision",
        "subcontract",
    ]
    search_fields = ("resolution",)
    search_description = "resolution"
    menu_group = MENU
    menu_order = 60

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Decision.objects.select_related("item__meeting__body", "proposer", "seconder")  # type: ignore[return-value]

    @classmethod
    def save(cls, form: ModelForm, user: Any, seen_version: str | None) -> Any:
        instance = form.instance if form.instance.pk else None
        if instance is not None and seen_version is not None:
            stored = Decision.objects.filter(pk=instance.pk).first()
            if stored is None or record_version(stored) != seen_version:
                raise StaleEditError
        data = form.cleaned_data
        return decisions.record_decision(
            data["item"],
            user,
            data["resolution"],
            proposer=data.get("proposer"),
            seconder=data.get("seconder"),
            votes_for=data.get("votes_for") or 0,
            votes_against=data.get("votes_against") or 0,
            votes_abstain=data.get("votes_abstain") or 0,
            outcome=data.get("outcome") or None,
            hub_decision=data.get("hub_decision"),
            bid_decision=data.get("bid_decision"),
            subcontract=data.get("subcontract"),
            instance=instance,
        )


@register
class ActionViews(RecordViews):
    model = Action
    table = tables.ActionTable
    filterset = filtersets.ActionFilterSet
    form = forms.ActionForm
    search_fields = ("description", "owner__full_name")
    search_description = "description"
    menu_group = MENU
    menu_order = 70

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return Action.objects.select_related("meeting__body", "owner")  # type: ignore[return-value]


urlpatterns: list[URLPattern] = [
    *BodyViews.urls(),
    *AppointmentViews.urls(),
    # The meeting's routes are in views/meetings.py (its own detail page, register and documents).
    *AgendaItemViews.urls(),
    *AgendaPaperViews.urls(),
    *AttendanceViews.urls(),
    *MeetingDeclarationViews.urls(),
    *DecisionViews.urls(),
    *ActionViews.urls(),
]
