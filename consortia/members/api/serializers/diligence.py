"""API serializers for due diligence.

Evidence files are uploaded here (multipart) and never given out as a public media address: the
API answers with the permission-checked download page instead. Evidence is checked (accepted
or rejected) through its `verify` and `reject` actions, not by writing its status.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.core.api_uploads import DownloadField
from consortia.directory.models import Organisation
from consortia.members.forms.diligence import DueDiligenceReviewForm
from consortia.members.models import DueDiligenceReview, Evidence, Requirement
from consortia.members.services import diligence as services
from consortia.users.models import User

STAMPS = ["created", "updated"]


class RequirementSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:requirement-detail")

    class Meta:
        model = Requirement
        fields = [
            "id",
            "url",
            "display",
            "name",
            "description",
            "kind",
            "mandatory_full",
            "mandatory_associate",
            "mandatory_partner",
            "renewal_months",
            "verified_by",
            "needs_expiry",
            "needs_cover_amount",
            "needs_dbs_level",
            "active",
            "order",
            *STAMPS,
        ]


class EvidenceSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:evidence-detail")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    requirement = serializers.PrimaryKeyRelatedField(queryset=Requirement.objects.filter(active=True))
    # Checked in validate(), against its requirement, and stored by the service (which keeps its name).
    file = serializers.FileField(write_only=True, required=False, allow_null=True)
    file_download = DownloadField("members:evidence_file")
    superseded_by: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    verified_by: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "url",
            "display",
            "organisation",
            "requirement",
            "file",
            "file_download",
            "original_filename",
            "answer",
            "issued_on",
            "expires_on",
            "cover_amount",
            "dbs_level",
            "status",
            "verified_by",
            "verified_at",
            "rejection_reason",
            "superseded_by",
            *STAMPS,
        ]
        read_only_fields = ["original_filename", "status", "verified_at", "rejection_reason"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        def current(name: str, default: Any = None) -> Any:
            if name in attrs:
                return attrs[name]
            return getattr(self.instance, name, default) if self.instance is not None else default

        errors = services.evidence_errors(
            current("requirement"),
            file=current("file"),
            answer=current("answer", ""),
            issued_on=current("issued_on"),
            expires_on=current("expires_on"),
            cover_amount=current("cover_amount"),
            dbs_level=current("dbs_level", ""),
        )
        if errors:
            raise serializers.ValidationError(errors)
        upload = attrs.pop("file", None)
        attrs = super().validate(attrs)
        if isinstance(upload, UploadedFile):
            holder = Evidence()
            services.store_upload(holder, upload)
            attrs["file"] = upload
            attrs["original_filename"] = holder.original_filename
        return attrs


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class DueDiligenceReviewSerializer(BaseModelSerializer):
    form_class = DueDiligenceReviewForm
    url = serializers.HyperlinkedIdentityField(view_name="api:duediligencereview-detail")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    reviewer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(organisation__isnull=True),
        default=serializers.CurrentUserDefault(),
        help_text="Yourself if not given.",
    )

    class Meta:
        model = DueDiligenceReview
