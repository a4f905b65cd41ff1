"""The meeting page (each item with who may take part and whether it is quorate), taking the
register, the board pack and the minutes; the dashboard's terms ending soon."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import URLPattern, path

from consortia.core.registry import Panel, add_panel
from consortia.core.views.generic import ObjectDetailView, RecordView, detail_fields
from consortia.documents.choices import DocumentFormat
from consortia.documents.views import document_urls
from consortia.governance.forms import RegisterForm
from consortia.governance.models import Appointment, Meeting
from consortia.governance.services import alerts, meetings
from consortia.governance.services.documents import build_board_pack, build_minutes, loose_actions, meeting_parts
from consortia.governance.views.records import MeetingViews


class MeetingDetailView(ObjectDetailView):
    """The meeting: the register, then each item with its papers, who is left out and why, the
    quorum, the minutes, decisions and actions (a fixed number of queries)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting: Meeting = self.get_object()
        user = request.user
        attendance = list(meeting.attendances.select_related("person").order_by("person__full_name", "pk"))
        context = self.base_context() | {
            "object": meeting,
            "fields": detail_fields(meeting, self.record),
            "tab": "detail",
            "attendance": attendance,
            "declarations": list(
                meeting.declarations.select_related("person", "organisation", "item").order_by("item__number", "pk")
            ),
            "parts": meeting_parts(meeting),
            "other_actions": loose_actions(meeting),
            "can_add": {
                name: user.has_perm(f"governance.add_{name}")
                for name in ("agendaitem", "agendapaper", "attendance", "meetingdeclaration", "decision", "action")
            },
            "can_change_item": user.has_perm("governance.change_agendaitem"),
            "can_documents": user.has_perm("documents.add_generateddocument"),
        }
        return render(request, "governance/meeting_detail.html", context)


class RegisterView(RecordView):
    """Take the register: each of the body's current appointees present, with apologies or absent."""

    action = "view"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not (
            request.user.has_perm("governance.add_attendance") and request.user.has_perm("governance.change_attendance")
        ):
            raise PermissionDenied("You do not have permission to take the register.")
        return super().dispatch(request, *args, **kwargs)

    def people(self, meeting: Meeting) -> list[tuple[int, str, str]]:
        current = {row.person_id: row.status for row in meeting.attendances.all()}
        listed = []
        seen = set()
        for appointment in meetings.appointees(meeting):
            seen.add(appointment.person_id)
            label = f"{appointment.person} ({appointment.get_role_display().lower()}"
            label += f", {appointment.organisation})" if appointment.organisation_id else ")"
            listed.append((appointment.person_id, label, current.get(appointment.person_id, "")))
        # Anyone else on the register already (an adviser, someone whose term has ended since).
        for row in meeting.attendances.select_related("person").exclude(person_id__in=seen):
            listed.append((row.person_id, f"{row.person} (not a member of {meeting.body})", row.status))
        return listed

    def show(self, meeting: Meeting, form: RegisterForm, errors: list[str] | None = None) -> HttpResponse:
        context = self.base_context() | {"object": meeting, "form": form, "errors": errors or []}
        return render(self.request, "governance/register.html", context, status=422 if errors else 200)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = self.get_object()
        return self.show(meeting, RegisterForm(people=self.people(meeting)))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = self.get_object()
        people = self.people(meeting)
        form = RegisterForm(request.POST, people=people)
        if not form.is_valid():
            return self.show(meeting, form, ["Choose one of the options for each person."])
        statuses = {person_id: form.cleaned_data[f"person_{person_id}"] for person_id, _, _ in people}
        try:
            changed = meetings.take_register(meeting, request.user, statuses)
        except ValidationError as error:
            return self.show(meeting, form, error.messages)
        messages.success(request, f"Register saved ({changed} change{'s' if changed != 1 else ''}).")
        return HttpResponseRedirect(meeting.get_absolute_url())


def _terms_ending(request: HttpRequest) -> dict[str, Any]:
    return {"items": alerts.ending_soon(Appointment.objects.restrict(request.user, "view"))}


# The dashboard lists appointments whose term ends within 90 days.
add_panel(Panel("governance/panel.html", "governance.view_appointment", _terms_ending, order=40))


def _meeting_urls() -> list[URLPattern]:
    patterns = []
    for pattern in MeetingViews.urls():
        if pattern.name == "meeting_detail":
            pattern = path(str(pattern.pattern), MeetingDetailView.as_view(record=MeetingViews), name=pattern.name)
        patterns.append(pattern)
    slug = MeetingViews.slug()
    return [
        *patterns,
        path(f"{slug}/<int:pk>/register/", RegisterView.as_view(record=MeetingViews), name="meeting_register"),
        *document_urls(MeetingViews, "board_pack", build_board_pack, (DocumentFormat.PDF,)),
        *document_urls(MeetingViews, "minutes", build_minutes, (DocumentFormat.DOCX, DocumentFormat.PDF)),
    ]


urlpatterns: list[URLPattern] = _meeting_urls()
