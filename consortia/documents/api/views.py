from __future__ import annotations

from rest_framework import viewsets

from consortia.core.api import RestrictedModelViewSet
from consortia.documents import filtersets
from consortia.documents.api import serializers
from consortia.documents.models import GeneratedDocument


class GeneratedDocumentViewSet(RestrictedModelViewSet, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    """Documents built from records; read-only (they are built from their record's page)."""

    base_queryset = GeneratedDocument.objects.select_related("source_type")
    serializer_class = serializers.GeneratedDocumentSerializer
    filterset_class = filtersets.GeneratedDocumentFilterSet
    http_method_names = ["get", "head", "options"]
