"""API serializers for memberships and development actions."""

from __future__ import annotations

from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Organisation
from consortia.members.forms.membership import DevelopmentActionForm
from consortia.members.models import DevelopmentAction, Membership


class MembershipSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:membership-detail")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "url",
            "display",
            "organisation",
            "organisation_name",
            "tier",
            "status",
            "joined_on",
            "renewal_due",
            "left_on",
            "annual_fee",
            "fee_paid",
            "fee_paid_on",
            "agreement_signed_on",
            "staff_count",
            "volunteer_count",
            "clients_per_year",
            "languages",
            "notes",
            "created",
            "updated",
        ]


class DevelopmentActionSerializer(BaseModelSerializer):
    form_class = DevelopmentActionForm
    url = serializers.HyperlinkedIdentityField(view_name="api:developmentaction-detail")
    membership = serializers.PrimaryKeyRelatedField(queryset=Membership.objects.all())

    class Meta:
        model = DevelopmentAction
