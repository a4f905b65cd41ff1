"""API serializer for staff members."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Organisation
from consortia.people.models import JobRole, StaffMember
from consortia.people.services.staff import is_shared
from consortia.users.models import User


class StaffMemberSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:staffmember-detail")
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(organisation__isnull=True), allow_null=True, required=False
    )
    job_role = serializers.PrimaryKeyRelatedField(queryset=JobRole.objects.all(), allow_null=True, required=False)
    employer = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    shared = serializers.SerializerMethodField(help_text="Employed by a member or a CVS (so their time is recharged).")

    class Meta:
        model = StaffMember
        fields = [
            "id",
            "url",
            "display",
            "first_name",
            "last_name",
            "user",
            "job_role",
            "employer",
            "employer_name",
            "shared",
            "fte",
            "cost_rate",
            "start_date",
            "end_date",
            "created",
            "updated",
        ]

    def get_shared(self, obj: Any) -> bool:
        return is_shared(obj)
