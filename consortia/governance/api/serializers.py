"""API serializers of the governance app (fields as their forms)."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer as KitSerializer
from consortia.core.api_uploads import DownloadField, UploadField
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


class BodySerializer(BaseModelSerializer):
    """The terms of reference file is uploaded (multipart) and read back through its download link."""

    url = serializers.HyperlinkedIdentityField(view_name="api:body-detail")
    terms_file = UploadField("terms of reference", required=False, allow_null=True)
    terms_file_download = DownloadField("governance:body_terms")

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
            "terms_file",
            "terms_file_download",
            "created",
            "updated",
        ]


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
    """A paper uploaded (multipart) as on its page; the file read back through its download link."""

    url = serializers.HyperlinkedIdentityField(view_name="api:agendapaper-detail")
    file = UploadField("paper")
    file_download = DownloadField("governance:agendapaper_file")

    class Meta:
        model = AgendaPaper
        fields = ["id", "url", "display", "item", "title", "file", "file_download", "notes", "created", "updated"]


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
