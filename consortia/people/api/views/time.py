"""API for timesheets (with submit, approve and reopen actions), their lines, and recharges."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from consortia.core.api import RestrictedModelViewSet, api_refusal
from consortia.people.api.serializers.time import (
    Locked,
    RechargeSerializer,
    ReopenSerializer,
    TimesheetEntrySerializer,
    TimesheetSerializer,
)
from consortia.people.filtersets.time import RechargeFilterSet, TimesheetEntryFilterSet, TimesheetFilterSet
from consortia.people.models import Recharge, Timesheet, TimesheetEntry
from consortia.people.services import time as services


class OwnTimeViewSet(RestrictedModelViewSet):
    """Timesheets and their lines: the queryset narrows by who is asking (their own, for changes)."""

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema asks with no real user
            return self.base_queryset.none()
        return super().get_queryset()


class TimesheetViewSet(OwnTimeViewSet):
    """Timesheets with their lines. Staff see every timesheet they may view and change only their
    own; `submit`, `approve` and `reopen` are POST actions."""

    base_queryset = Timesheet.objects.select_related("staff", "approved_by").prefetch_related("entries")
    serializer_class = TimesheetSerializer
    filterset_class = TimesheetFilterSet
    ordering_fields = ["week_start", "status", "created", "updated"]

    @transaction.atomic
    def perform_destroy(self, instance: Timesheet) -> None:
        if instance.locked:
            raise Locked()
        instance.delete()

    def _act(self, operation: Any, *args: Any) -> Response:
        timesheet = self.get_object()
        try:
            operation(timesheet, *args, self.request.user)
        except DjangoValidationError as error:
            raise api_refusal(error) from None
        fresh = self.get_queryset().get(pk=timesheet.pk)
        return Response(self.get_serializer(fresh).data)

    @extend_schema(request=None, responses=TimesheetSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: Any = None) -> Response:
        """Send a draft timesheet for approval (it must have some hours)."""
        return self._act(services.submit)

    @extend_schema(request=None, responses=TimesheetSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        """Approve a submitted timesheet, locking it (not your own)."""
        return self._act(services.approve)

    @extend_schema(request=ReopenSerializer, responses=TimesheetSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: Any = None) -> Response:
        """Send a submitted or approved timesheet back to draft, giving the reason."""
        data = ReopenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._act(services.reopen, data.validated_data["reason"])


class TimesheetEntryViewSet(OwnTimeViewSet):
    """Timesheet lines. Lines of an approved (locked) timesheet cannot be written: 409 Conflict."""

    base_queryset = TimesheetEntry.objects.select_related("timesheet", "function", "task")
    serializer_class = TimesheetEntrySerializer
    filterset_class = TimesheetEntryFilterSet
    ordering_fields = ["created", "updated"]

    @transaction.atomic
    def perform_destroy(self, instance: TimesheetEntry) -> None:
        if instance.timesheet.locked:
            raise Locked()
        instance.delete()


class RechargeViewSet(RestrictedModelViewSet):
    base_queryset = Recharge.objects.select_related("employer")
    serializer_class = RechargeSerializer
    filterset_class = RechargeFilterSet
    ordering_fields = ["period_start", "period_end", "amount", "created", "updated"]


routes: list[tuple[str, Any, str]] = [
    ("timesheets", TimesheetViewSet, "timesheet"),
    ("timesheet-entries", TimesheetEntryViewSet, "timesheetentry"),
    ("recharges", RechargeViewSet, "recharge"),
]
