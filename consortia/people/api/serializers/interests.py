"""API serializer for declared interests."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Organisation
from consortia.people.models import DeclaredInterest, InterestReturn
from consortia.users.models import User


class DeclaredInterestSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:declaredinterest-detail")
    person = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(organisation__isnull=True))
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = DeclaredInterest
        fields = [
            "id",
            "url",
            "display",
            "person",
            "person_name",
            "organisation",
            "organisation_name",
            "nature",
            "details",
            "declared_on",
            "ended_on",
            "created",
            "updated",
        ]


class InterestReturnSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:interestreturn-detail")
    person = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(organisation__isnull=True))
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = InterestReturn
        fields = ["id", "url", "display", "person", "person_name", "confirmed_on", "nothing_to_declare", "note",
                  "created", "updated"]  # fmt: skip
