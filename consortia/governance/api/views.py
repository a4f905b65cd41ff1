"""API of the governance app: every record type; meetings, decisions and standing items through their services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import serializers as drf

from consortia.core.api import RestrictedModelViewSet, api_refusal
from consortia.governance import filtersets
from consortia.governance.api import serializers
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


class BodyViewSet(RestrictedModelViewSet):
    base_queryset = Body.objects.all()  # type: ignore[assignment]
    serializer_class = serializers.BodySerializer
    filterset_class = filtersets.BodyFilterSet


class AppointmentViewSet(RestrictedModelViewSet):
    base_queryset = Appointment.objects.select_related("body", "person")  # type: ignore[assignment]
    serializer_class = serializers.AppointmentSerializer
    filterset_class = filtersets.AppointmentFilterSet


class MeetingViewSet(RestrictedModelViewSet):
    base_queryset = Meeting.objects.select_related("body")  # type: ignore[assignment]
    serializer_class = serializers.MeetingSerializer
    filterset_class = filtersets.MeetingFilterSet

    def perform_create(self, serializer: drf.BaseSerializer) -> None:
        data: Any = serializer.validated_data
        try:
            serializer.instance = meetings.create_meeting(
                data["body"],
                self.request.user,
                data["starts_at"],
                place=data.get("place", ""),
                video_link=data.get("video_link", ""),
                status=data.get("status", Meeting._meta.get_field("status").default),
                notes=data.get("notes", ""),
            )
        except ValidationError as error:
            raise api_refusal(error) from None


class AgendaItemViewSet(RestrictedModelViewSet):
    base_queryset = AgendaItem.objects.select_related("meeting__body").prefetch_related("concerns")  # type: ignore[assignment]
    serializer_class = serializers.AgendaItemSerializer
    filterset_class = filtersets.AgendaItemFilterSet


class AgendaPaperViewSet(RestrictedModelViewSet):
    base_queryset = AgendaPaper.objects.select_related("item")  # type: ignore[assignment]
    serializer_class = serializers.AgendaPaperSerializer
    filterset_class = filtersets.AgendaPaperFilterSet


class AttendanceViewSet(RestrictedModelViewSet):
    base_queryset = Attendance.objects.select_related("meeting__body", "person")  # type: ignore[assignment]
    serializer_class = serializers.AttendanceSerializer
    filterset_class = filtersets.AttendanceFilterSet


class MeetingDeclarationViewSet(RestrictedModelViewSet):
    base_queryset = MeetingDeclaration.objects.select_related("meeting__body", "item", "person", "organisation")  # type: ignore[assignment]
    serializer_class = serializers.MeetingDeclarationSerializer
    filterset_class = filtersets.MeetingDeclarationFilterSet


class DecisionViewSet(RestrictedModelViewSet):
    base_queryset = Decision.objects.select_related("item__meeting__body", "proposer", "seconder")  # type: ignore[assignment]
    serializer_class = serializers.DecisionSerializer
    filterset_class = filtersets.DecisionFilterSet

    def _save(self, serializer: drf.BaseSerializer) -> Any:
        data: Any = serializer.validated_data
        instance: Any = serializer.instance

        def value(name: str, default: Any = None) -> Any:
            return data[name] if name in data else getattr(instance, name, default) if instance else default

        try:
            serializer.instance = decisions.record_decision(
                value("item"),
                self.request.user,
                value("resolution", ""),
                proposer=value("proposer"),
                seconder=value("seconder"),
                votes_for=value("votes_for", 0),
                votes_against=value("votes_against", 0),
                votes_abstain=value("votes_abstain", 0),
                outcome=data.get("outcome"),
                hub_decision=value("hub_decision"),
                bid_decision=value("bid_decision"),
                subcontract=value("subcontract"),
                instance=instance,
            )
        except ValidationError as error:
            raise api_refusal(error) from None
        return serializer.instance


class ActionViewSet(RestrictedModelViewSet):
    base_queryset = Action.objects.select_related("meeting__body", "owner")  # type: ignore[assignment]
    serializer_class = serializers.ActionSerializer
    filterset_class = filtersets.ActionFilterSet


routes: list[tuple[str, Any, str]] = [
    ("governance-bodies", BodyViewSet, "body"),
    ("governance-appointments", AppointmentViewSet, "appointment"),
    ("governance-meetings", MeetingViewSet, "meeting"),
    ("governance-agenda-items", AgendaItemViewSet, "agendaitem"),
    ("governance-papers", AgendaPaperViewSet, "agendapaper"),
    ("governance-attendance", AttendanceViewSet, "attendance"),
    ("governance-declarations", MeetingDeclarationViewSet, "meetingdeclaration"),
    ("governance-decisions", DecisionViewSet, "decision"),
    ("governance-actions", ActionViewSet, "action"),
]
