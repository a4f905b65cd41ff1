from __future__ import annotations

from rest_framework import viewsets

from consortia.core.api import RestrictedModelViewSet
from consortia.directory import filtersets
from consortia.directory.api import serializers
from consortia.directory.models import Area, Contact, Organisation


class OrganisationViewSet(RestrictedModelViewSet):
    base_queryset = Organisation.objects.select_related("area").prefetch_related("roles")
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filtersets.OrganisationFilterSet
    ordering_fields = ["name", "created", "updated", "postcode"]


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
