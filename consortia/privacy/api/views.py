"""API of the privacy app: subject-access requests; erasures and sensitive-record views to read."""

from __future__ import annotations

from typing import Any

from consortia.core.api import RestrictedModelViewSet
from consortia.privacy import filtersets
from consortia.privacy.api import serializers
from consortia.privacy.models import ErasureRecord, SensitiveView, SubjectAccessRequest

READ_ONLY = ["get", "head", "options"]


class SubjectAccessRequestViewSet(RestrictedModelViewSet):
    base_queryset = SubjectAccessRequest.objects.all()
    serializer_class = serializers.SubjectAccessRequestSerializer
    filterset_class = filtersets.SubjectAccessRequestFilterSet
    ordering_fields = ["received_on", "due_on", "fulfilled_on", "created", "updated"]


class ErasureRecordViewSet(RestrictedModelViewSet):
    """Erasures are made on the subject-access page (`privacy.services.erase_person`), not here."""

    base_queryset = ErasureRecord.objects.all()
    serializer_class = serializers.ErasureRecordSerializer
    filterset_class = filtersets.ErasureRecordFilterSet
    ordering_fields = ["erased_at"]
    http_method_names = READ_ONLY


class SensitiveViewViewSet(RestrictedModelViewSet):
    """The log is written by opening sensitive records; nobody edits it."""

    base_queryset = SensitiveView.objects.select_related("content_type")
    serializer_class = serializers.SensitiveViewSerializer
    filterset_class = filtersets.SensitiveViewFilterSet
    ordering_fields = ["viewed_at"]
    http_method_names = READ_ONLY


routes: list[tuple[str, Any, str]] = [
    ("subject-access-requests", SubjectAccessRequestViewSet, "subjectaccessrequest"),
    ("erasures", ErasureRecordViewSet, "erasurerecord"),
    ("sensitive-views", SensitiveViewViewSet, "sensitiveview"),
]
