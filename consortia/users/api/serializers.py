from __future__ import annotations

from django.contrib.auth.models import Group
from rest_framework import serializers

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Organisation
from consortia.users.models import User


class UserSerializer(BaseModelSerializer):
    """Who has an account and with which roles; never passwords, tokens or two-factor secrets."""

    url = serializers.HyperlinkedIdentityField(view_name="api:user-detail")
    organisation: serializers.PrimaryKeyRelatedField[Organisation] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    roles: serializers.SlugRelatedField[Group] = serializers.SlugRelatedField(
        source="groups", slug_field="name", many=True, read_only=True
    )

    class Meta:
        model = User
        fields = ["id", "url", "display", "full_name", "email", "organisation", "roles", "is_active", "last_login"]
        read_only_fields = fields
