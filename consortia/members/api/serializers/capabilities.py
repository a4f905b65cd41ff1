"""API serializers for the capabilities area."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Area, Organisation
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory


class ServiceCategorySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:servicecategory-detail")

    class Meta:
        model = ServiceCategory
        fields = ["id", "url", "display", "name", "code", "description", "cpv_codes", "order", "created", "updated"]


class ClientGroupSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:clientgroup-detail")

    class Meta:
        model = ClientGroup
        fields = ["id", "url", "display", "name", "order", "created", "updated"]


class CapabilitySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:capability-detail")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    category = serializers.PrimaryKeyRelatedField(queryset=ServiceCategory.objects.all())
    client_groups = serializers.PrimaryKeyRelatedField(queryset=ClientGroup.objects.all(), many=True, required=False)
    areas = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all(), many=True, required=False)

    class Meta:
        model = Capability
        fields = [
            "id",
            "url",
            "display",
            "organisation",
            "organisation_name",
            "category",
            "client_groups",
            "areas",
            "description",
            "clients_per_year",
            "created",
            "updated",
        ]


class QualityMarkSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:qualitymark-detail")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = QualityMark
        fields = [
            "id",
            "url",
            "display",
            "organisation",
            "name",
            "reference",
            "awarded_on",
            "expires_on",
            "created",
            "updated",
        ]


class CaseStudySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:casestudy-detail")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    category = serializers.PrimaryKeyRelatedField(
        queryset=ServiceCategory.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = CaseStudy
        fields = [
            "id",
            "url",
            "display",
            "organisation",
            "title",
            "category",
            "year",
            "summary",
            "outcomes",
            "created",
            "updated",
        ]
