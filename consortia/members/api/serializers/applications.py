"""API serializers of eligibility questions and membership applications."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Area
from consortia.members.choices import Tier
from consortia.members.forms.applications import EligibilityQuestionForm
from consortia.members.models import ClientGroup, EligibilityQuestion, MembershipApplication, ServiceCategory

STAMPS = ["created", "updated"]


class EligibilityQuestionSerializer(BaseModelSerializer):
    form_class = EligibilityQuestionForm
    url = serializers.HyperlinkedIdentityField(view_name="api:eligibilityquestion-detail")

    class Meta:
        model = EligibilityQuestion


class MembershipApplicationSerializer(BaseModelSerializer):
    """An application; its status and decision change only through the review page's decisions."""

    url = serializers.HyperlinkedIdentityField(view_name="api:membershipapplication-detail")
    categories = serializers.PrimaryKeyRelatedField(many=True, queryset=ServiceCategory.objects.all(), required=False)
    client_groups = serializers.PrimaryKeyRelatedField(many=True, queryset=ClientGroup.objects.all(), required=False)
    areas = serializers.PrimaryKeyRelatedField(many=True, queryset=Area.objects.all(), required=False)
    # Read-only fields declared here say they may be empty (null, ""), as the schema must too.
    decided_by: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    organisation: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    tier_granted = serializers.ChoiceField(choices=Tier.choices, read_only=True, allow_blank=True)

    class Meta:
        model = MembershipApplication
        fields = [
            "id",
            "url",
            "display",
            "status",
            "organisation_name",
            "legal_form",
            "charity_number",
            "company_number",
            "address",
            "postcode",
            "website",
            "contact_name",
            "contact_job_title",
            "contact_email",
            "contact_phone",
            "services",
            "categories",
            "client_groups",
            "areas",
            "answers",
            "tier_requested",
            "submitted_at",
            "decided_at",
            "decided_by",
            "decision_reason",
            "tier_granted",
            "organisation",
            *STAMPS,
        ]
        read_only_fields = [
            "status",
            "submitted_at",
            "decided_at",
            "decided_by",
            "decision_reason",
            "tier_granted",
            "organisation",
        ]


class ApproveSerializer(serializers.Serializer):
    tier = serializers.ChoiceField(choices=Tier.choices, help_text="The tier of membership granted.")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why, or what more is needed; the applicant is told.")
