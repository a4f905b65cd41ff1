from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import viewsets
from rest_framework.permissions import SAFE_METHODS

from consortia.core.api import RestrictedModelViewSet
from consortia.core.models import RestrictedQuerySet
from consortia.directory import filtersets
from consortia.directory.api import serializers
from consortia.directory.models import Area, Contact, Organisation
from consortia.directory.tables import LISTED_ROLES


class OrganisationViewSet(RestrictedModelViewSet):
    base_queryset = Organisation.objects.select_related("area")
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filtersets.OrganisationFilterSet
    ordering_fields = ["name", "created", "updated", "postcode"]

    def get_queryset(self) -> RestrictedQuerySet:
        """Reading, the rows' roles go into a plain list on each row (the serializer's
        `RoleCodesField` reads it); a prefetch into the `roles` manager builds a queryset per row.
        Writing, into the manager, whose prefetch DRF forgets after saving new roles, so the
        answer shows them (a list on the row would still hold the old ones)."""
        queryset = super().get_queryset()
        if self.request.method in SAFE_METHODS:
            return queryset.prefetch_related(Prefetch("roles", to_attr=LISTED_ROLES))
        return queryset.prefetch_related("roles")


class ContactViewSet(RestrictedModelViewSet):
    base_queryset = Contact.objects.select_related("organisation")
    serializer_class = serializers.ContactSerializer
    filterset_class = filtersets.ContactFilterSet
    ordering_fields = ["last_name", "first_name", "created", "updated"]


class AreaViewSet(RestrictedModelViewSet, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    base_queryset = Area.objects.select_related("parent")
    serializer_class = serializers.AreaSerializer
    filterset_class = filtersets.AreaFilterSet
    http_method_names = ["get", "head", "options"]
