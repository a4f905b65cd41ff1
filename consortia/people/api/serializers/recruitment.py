"""API serializers for vacancies, applications and assessments.

An application's CV and supporting statement are uploaded here (multipart) and never given out
as a public media address: the API answers with the permission-checked download page instead.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.core.api_uploads import DownloadField, UploadField
from consortia.people.forms.recruitment import AssessmentForm, VacancyForm
from consortia.people.models import Application, Assessment, JobRole, PersonSpecCriterion, Vacancy
from consortia.people.services import recruitment as services
from consortia.users.models import User

STAMPS = ["created", "updated"]


class VacancySerializer(BaseModelSerializer):
    form_class = VacancyForm
    url = serializers.HyperlinkedIdentityField(view_name="api:vacancy-detail")
    job_role = serializers.PrimaryKeyRelatedField(queryset=JobRole.objects.all())
    panel = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.filter(organisation__isnull=True), required=False
    )

    class Meta:
        model = Vacancy


class ApplicationSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:application-detail")
    vacancy = serializers.PrimaryKeyRelatedField(queryset=Vacancy.objects.all())
    cv = UploadField("CV", required=False, allow_null=True)
    supporting_statement = UploadField("supporting statement", required=False, allow_null=True)
    cv_download = DownloadField("people:application_file", args=("cv",))
    supporting_statement_download = DownloadField("people:application_file", args=("supporting-statement",))

    class Meta:
        model = Application
        fields = [
            "id",
            "url",
            "display",
            "vacancy",
            "first_name",
            "last_name",
            "email",
            "phone",
            "received_on",
            "cv",
            "cv_download",
            "supporting_statement",
            "supporting_statement_download",
            "stage",
            "decision_notes",
            "offered_on",
            "offer_accepted_on",
            "personal_data_deleted_on",
            *STAMPS,
        ]
        # Offers and acceptances are recorded by the decision, not typed in.
        read_only_fields = ["offered_on", "offer_accepted_on", "personal_data_deleted_on"]

    def validate_stage(self, value: str) -> str:
        current = self.instance.stage if self.instance is not None else None
        if value in ("offered", "appointed") and value != current:
            raise serializers.ValidationError(
                "Offers and appointments are recorded through the decision, not set here."
            )
        return value


class AssessmentSerializer(BaseModelSerializer):
    form_class = AssessmentForm
    url = serializers.HyperlinkedIdentityField(view_name="api:assessment-detail")
    # Checked in validate(): a panel member scores as themselves only (they cannot list users).
    unrestricted_relations = ("panel_member",)
    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.all())
    criterion = serializers.PrimaryKeyRelatedField(queryset=PersonSpecCriterion.objects.all())
    panel_member = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), default=serializers.CurrentUserDefault(), help_text="Yourself if not given."
    )

    class Meta:
        model = Assessment

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        application = attrs.get("application", getattr(self.instance, "application", None))
        member = attrs.get("panel_member", getattr(self.instance, "panel_member", None))
        if application is not None and member is not None:
            try:
                services.check_scorer(application.vacancy, member, user)
            except PermissionDenied as error:
                raise serializers.ValidationError({"panel_member": str(error)}) from None
            if application.vacancy.status in services.CLOSED:
                raise serializers.ValidationError(f"Scoring is closed: {application.vacancy.reference} is closed.")
        return super().validate(attrs)
