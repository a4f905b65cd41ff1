"""API serializers for the capabilities area."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Area, Organisation
from consortia.members.forms.capabilities import CaseStudyForm, ClientGroupForm, QualityMarkForm, ServiceCategoryForm
from consortia.members.models import Capability, CaseStudy, ClientGroup, QualityMark, ServiceCategory


class ServiceCategorySerializer(BaseModelSerializer):
    form_class = ServiceCategoryForm
    url = serializers.HyperlinkedIdentityField(view_name="api:servicecategory-detail")

    class Meta:
        model = ServiceCategory


class ClientGroupSerializer(BaseModelSerializer):
    form_class = ClientGroupForm
    url = serializers.HyperlinkedIdentityField(view_name="api:clientgroup-detail")

    class Meta:
        model = ClientGroup


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
    form_class = QualityMarkForm
    url = serializers.HyperlinkedIdentityField(view_name="api:qualitymark-detail")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = QualityMark


class CaseStudySerializer(BaseModelSerializer):
    form_class = CaseStudyForm
    url = serializers.HyperlinkedIdentityField(view_name="api:casestudy-detail")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    category = serializers.PrimaryKeyRelatedField(
        queryset=ServiceCategory.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = CaseStudy
