"""API for vacancies, applications and assessments.

Equal-opportunities returns have no endpoint that lists them: only the totals per category for
a vacancy (`/api/vacancies/<id>/equal-opportunities/`), with small counts hidden.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.exceptions import PermissionDenied
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from consortia.core.api import RestrictedModelViewSet
from consortia.people.api.serializers import recruitment as serializers
from consortia.people.filtersets import recruitment as filtersets
from consortia.people.models import Application, Assessment, Vacancy
from consortia.people.services import recruitment as services


class VacancyViewSet(RestrictedModelViewSet):
    base_queryset = Vacancy.objects.select_related("job_role").prefetch_related("panel")
    serializer_class = serializers.VacancySerializer
    filterset_class = filtersets.VacancyFilterSet
    ordering_fields = ["reference", "closing_date", "status", "created", "updated"]

    @action(detail=True, methods=["get"], url_path="equal-opportunities")
    def equal_opportunities(self, request: Request, pk: Any = None) -> Response:
        """Totals of the vacancy's equal-opportunities returns per category; counts below 5 read "fewer than 5"."""
        if not request.user.has_perm("people.view_equalopportunitiesreturn"):
            raise PermissionDenied("You do not have permission to see equal-opportunities returns.")
        summary = services.equal_opportunities_summary(self.get_object())
        return Response(asdict(summary))


class ApplicationViewSet(RestrictedModelViewSet):
    base_queryset = Application.objects.select_related("vacancy__job_role")
    serializer_class = serializers.ApplicationSerializer
    filterset_class = filtersets.ApplicationFilterSet
    ordering_fields = ["last_name", "received_on", "stage", "created", "updated"]


class AssessmentViewSet(RestrictedModelViewSet):
    """Panel members change only their own scores (the queryset); the hub manager changes any."""

    base_queryset = Assessment.objects.select_related("application__vacancy", "criterion", "panel_member")
    serializer_class = serializers.AssessmentSerializer
    filterset_class = filtersets.AssessmentFilterSet
    ordering_fields = ["stage", "score", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("vacancies", VacancyViewSet, "vacancy"),
    ("applications", ApplicationViewSet, "application"),
    ("assessments", AssessmentViewSet, "assessment"),
]
