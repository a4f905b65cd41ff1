from __future__ import annotations

from rest_framework import viewsets

from consortia.core.api import RestrictedModelViewSet
from consortia.users.api.serializers import UserSerializer
from consortia.users.filtersets import UserFilterSet
from consortia.users.models import User


class UserViewSet(RestrictedModelViewSet, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    """Read only: accounts are created in the app, where the new user is e-mailed an invitation."""

    base_queryset = User.objects.select_related("organisation").prefetch_related("groups")
    serializer_class = UserSerializer
    filterset_class = UserFilterSet
    ordering_fields = ["full_name", "email", "last_login"]
    http_method_names = ["get", "head", "options"]
