"""API serializers for job roles and their person specification criteria."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.people.models import JobRole, PersonSpecCriterion

STAMPS = ["created", "updated"]


class JobRoleSerializer(BaseModelSerializer):
    """Setting `status` to "agreed" is refused while the role has no essential criterion (the model's clean)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:jobrole-detail")
    reports_to = serializers.PrimaryKeyRelatedField(queryset=JobRole.objects.all(), required=False, allow_null=True)

    class Meta:
        model = JobRole
        fields = [
            "id",
            "url",
            "display",
            "title",
            "purpose",
            "reports_to",
            "reports_to_other",
            "hours_per_week",
            "fte",
            "salary_from",
            "salary_to",
            "day_rate",
            "contract_type",
            "location",
            "responsibilities",
            "status",
            *STAMPS,
        ]


class PersonSpecCriterionSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:personspeccriterion-detail")
    job_role = serializers.PrimaryKeyRelatedField(queryset=JobRole.objects.all())

    class Meta:
        model = PersonSpecCriterion
        fields = [
            "id",
            "url",
            "display",
            "job_role",
            "category",
            "text",
            "requirement",
            "at_application",
            "at_test",
            "at_interview",
            "order",
            *STAMPS,
        ]
