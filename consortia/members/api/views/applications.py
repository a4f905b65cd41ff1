"""API for eligibility questions and membership applications (the hub's own records).

An application's decisions are POST actions calling the same services as the review page:
`approve` (the hub manager's: it makes a membership and a user account), `reject` and
`ask-for-more`. A decision the application's state does not allow is refused with 400.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from consortia.core.api import RestrictedModelViewSet
from consortia.members.api.serializers import applications as serializers
from consortia.members.filtersets import applications as filtersets
from consortia.members.models import EligibilityQuestion, MembershipApplication
from consortia.members.services import applications as services


class EligibilityQuestionViewSet(RestrictedModelViewSet):
    base_queryset = EligibilityQuestion.objects.all()
    serializer_class = serializers.EligibilityQuestionSerializer
    filterset_class = filtersets.EligibilityQuestionFilterSet
    ordering_fields = ["order", "text", "created", "updated"]


class MembershipApplicationViewSet(RestrictedModelViewSet):
    base_queryset = MembershipApplication.objects.prefetch_related("categories", "client_groups", "areas")
    serializer_class = serializers.MembershipApplicationSerializer
    filterset_class = filtersets.MembershipApplicationFilterSet
    ordering_fields = ["organisation_name", "submitted_at", "decided_at", "created", "updated"]

    def _decide(self, operation: Any, *args: Any) -> Response:
        if not self.request.user.has_perm("members.change_membershipapplication"):
            raise PermissionDenied("You do not have permission to decide membership applications.")
        application = self.get_object()
        try:
            operation(application, *args, self.request.user, self.request._request)
        except DjangoValidationError as error:
            detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            raise drf.ValidationError(detail) from None
        fresh = self.base_queryset.get(pk=application.pk)
        return Response(self.get_serializer(fresh).data)

    @extend_schema(request=serializers.ApproveSerializer, responses=serializers.MembershipApplicationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        """Approve into a tier: the directory organisation, its membership and its first user (invited)."""
        if not services.may_approve(request.user):
            raise PermissionDenied("Only the hub manager may approve an application and make the member's account.")
        data = serializers.ApproveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._decide(services.approve, data.validated_data["tier"])

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.MembershipApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: Any = None) -> Response:
        """Turn the application down, giving the reason (e-mailed to the applicant)."""
        data = serializers.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._decide(services.reject, data.validated_data["reason"])

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.MembershipApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="ask-for-more")
    def ask_for_more(self, request: Request, pk: Any = None) -> Response:
        """Ask the applicant for more information; they amend the application and send it again."""
        data = serializers.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._decide(services.ask_for_more, data.validated_data["reason"])


routes: list[tuple[str, Any, str]] = [
    ("eligibility-questions", EligibilityQuestionViewSet, "eligibilityquestion"),
    ("membership-applications", MembershipApplicationViewSet, "membershipapplication"),
]
