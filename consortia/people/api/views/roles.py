"""API for job roles and person specification criteria, with the role's own operations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from consortia.core.api import RestrictedModelViewSet
from consortia.people.api.serializers import roles as serializers
from consortia.people.filtersets import roles as filtersets
from consortia.people.models import JobRole, PersonSpecCriterion
from consortia.people.services import roles as services


class JobRoleViewSet(RestrictedModelViewSet):
    base_queryset = JobRole.objects.select_related("reports_to")
    serializer_class = serializers.JobRoleSerializer
    filterset_class = filtersets.JobRoleFilterSet
    ordering_fields = ["title", "status", "created", "updated"]

    def _changeable(self, pk: Any) -> JobRole:
        if not self.request.user.has_perm("people.change_jobrole"):
            raise PermissionDenied("You do not have permission to change job roles.")
        return get_object_or_404(JobRole.objects.restrict(self.request.user, "change"), pk=pk)

    @action(detail=True, methods=["post"])
    def agree(self, request: Request, pk: Any = None) -> Response:
        """Mark the role as agreed (refused while it has no essential criterion)."""
        job_role = self._changeable(pk)
        try:
            services.agree_job_role(job_role, request.user)
        except DjangoValidationError as error:
            raise drf.ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages) from None
        return Response(self.get_serializer(job_role).data)

    @action(detail=True, methods=["post"], url_path="draft-responsibilities")
    def draft_responsibilities(self, request: Request, pk: Any = None) -> Response:
        """Replace the responsibilities with those drawn from the tasks allocated to the role."""
        job_role = self._changeable(pk)
        try:
            services.draft_responsibilities(job_role, request.user)
        except DjangoValidationError as error:
            raise drf.ValidationError(error.messages) from None
        return Response(self.get_serializer(job_role).data)


class PersonSpecCriterionViewSet(RestrictedModelViewSet):
    base_queryset = PersonSpecCriterion.objects.select_related("job_role")
    serializer_class = serializers.PersonSpecCriterionSerializer
    filterset_class = filtersets.PersonSpecCriterionFilterSet
    ordering_fields = ["order", "category", "requirement", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("job-roles", JobRoleViewSet, "jobrole"),
    ("person-specification-criteria", PersonSpecCriterionViewSet, "personspeccriterion"),
]
