"""API serializers of the governance app (fields as their forms)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from consortia.core.api import BaseModelSerializer as KitSerializer
from consortia.governance import forms
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


class BaseModelSerializer(KitSerializer):
    """Related records are named by their id, as elsewhere in the API."""

    serializer_related_field = serializers.PrimaryKeyRelatedField


def _download(serializer: serializers.Serializer, route: str, pk: int) -> str:
    path = reverse(route, args=[pk])
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class BodySerializer(BaseModelSerializer):
    """The terms of reference file is uploaded on the body's page; here its download link."""

    url = serializers.HyperlinkedIdentityField(view_name="api:body-detail")
    terms_file_download = serializers.SerializerMethodField()

    class Meta:
        model = Body
        fields = [
            "id",
            "url",
            "display",
            "name",
            "kind",
            "terms_of_reference",
            "quorum_number",
            "quorum_independents",
            "notes",
            "terms_file_download",
            "created",
            "updated",
        ]

    def get_terms_file_download(self, obj: Body) -> str | None:
        return _download(self, "governance:body_terms", obj.pk) if obj.terms_file else None


class AppointmentSerializer(BaseModelSerializer):
    form_class = forms.AppointmentForm
    url = serializers.HyperlinkedIdentityField(view_name="api:appointment-detail")
    votes = serializers.BooleanField(read_only=True)

    class Meta:
        model = Appointment
        fields = ["id", "url", "display", *forms.AppointmentForm._meta.fields, "votes", "created", "updated"]  # type: ignore[misc]


class MeetingSerializer(BaseModelSerializer):
    form_class = forms.MeetingForm
    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")

    class Meta:
        model = Meeting


class AgendaItemSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:agendaitem-detail")

    class Meta:
        model = AgendaItem
        fields = ["id", "url", "display", *forms.AgendaItemForm._meta.fields, "kind", "created", "updated"]  # type: ignore[misc]
        read_only_fields = ["kind"]


class AgendaPaperSerializer(BaseModelSerializer):
    """Read only: papers are uploaded on the meeting's page; the file through its download link."""

    url = serializers.HyperlinkedIdentityField(view_name="api:agendapaper-detail")
    file_download = serializers.SerializerMethodField()

    class Meta:
        model = AgendaPaper
        fields = ["id", "url", "display", "item", "title", "notes", "file_download", "created", "updated"]

    def get_file_download(self, obj: AgendaPaper) -> str | None:
        return _download(self, "governance:agendapaper_file", obj.pk) if obj.file else None


class AttendanceSerializer(BaseModelSerializer):
    form_class = forms.AttendanceForm
    url = serializers.HyperlinkedIdentityField(view_name="api:attendance-detail")

    class Meta:
        model = Attendance


class MeetingDeclarationSerializer(BaseModelSerializer):
    form_class = forms.MeetingDeclarationForm
    url = serializers.HyperlinkedIdentityField(view_name="api:meetingdeclaration-detail")

    class Meta:
        model = MeetingDeclaration


class DecisionSerializer(BaseModelSerializer):
    """Recorded through `record_decision` (quorum, votes, proposer and seconder checked)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:decision-detail")

    class Meta:
        model = Decision
        fields = [
            "id",
            "url",
            "display",
            *forms.DecisionForm._meta.fields,  # type: ignore[misc]
            "excluded",
            "quorum_note",
            "created",
            "updated",
        ]
        read_only_fields = ["excluded", "quorum_note"]


class ActionSerializer(BaseModelSerializer):
    form_class = forms.ActionForm
    url = serializers.HyperlinkedIdentityField(view_name="api:action-detail")

    class Meta:
        model = Action
