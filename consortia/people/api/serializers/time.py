"""API serializers for timesheets, their lines and recharges.

Timesheets carry their lines (read-only); lines are written through their own endpoint. What
only the services change (status, submission, approval, reopening) is read-only here: the
timesheet's `submit`, `approve` and `reopen` actions call the services. Nothing on an approved
(locked) timesheet can be written: the API answers 409 Conflict.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from rest_framework import exceptions, serializers, status

from consortia.core.api import BaseModelSerializer
from consortia.directory.models import Organisation
from consortia.hub.models import HubFunction, HubTask
from consortia.people.models import DAYS, Recharge, StaffMember, Timesheet, TimesheetEntry
from consortia.people.services import time as services
from consortia.people.services.time import APPROVE


class Locked(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = services.LOCKED
    default_code = "locked"


class TimesheetLineSerializer(serializers.ModelSerializer):
    """A line as it appears inside its timesheet."""

    total = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True)

    class Meta:
        model = TimesheetEntry
        fields = ["id", "function", "task", "description", *DAYS, "total"]
        read_only_fields = fields


class TimesheetSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:timesheet-detail")
    staff = serializers.PrimaryKeyRelatedField(queryset=StaffMember.objects.all())
    approved_by = serializers.PrimaryKeyRelatedField(read_only=True)  # type: ignore[var-annotated]
    entries = TimesheetLineSerializer(many=True, read_only=True)
    total_hours = serializers.SerializerMethodField()

    class Meta:
        model = Timesheet
        fields = [
            "id",
            "url",
            "display",
            "staff",
            "week_start",
            "status",
            "submitted_at",
            "approved_at",
            "approved_by",
            "reopen_reason",
            "notes",
            "entries",
            "total_hours",
            "created",
            "updated",
        ]
        read_only_fields = ["status", "submitted_at", "approved_at", "reopen_reason"]

    def get_total_hours(self, obj: Timesheet) -> str:
        # From the prefetched lines: no query per timesheet.
        return f"{sum((entry.total for entry in obj.entries.all()), services.ZERO):.2f}"

    def validate_staff(self, value: StaffMember) -> StaffMember:
        user = self.context["request"].user
        if self.instance is not None and value.pk != self.instance.staff_id:
            raise serializers.ValidationError("A timesheet cannot be moved to another staff member.")
        if value.user_id != user.pk and not user.has_perm(APPROVE):
            raise serializers.ValidationError("You can keep timesheets only for yourself.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and self.instance.locked:
            raise Locked()
        return super().validate(attrs)


def _hours() -> serializers.DecimalField:
    """A day's hours, refused with the same words as the pages use."""
    return serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        required=False,
        validators=[
            MinValueValidator(services.ZERO, "Hours cannot be negative."),
            MaxValueValidator(services.DAY_HOURS_MAX, "No more than 24 hours."),
        ],
    )


class TimesheetEntrySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:timesheetentry-detail")
    mon = _hours()
    tue = _hours()
    wed = _hours()
    thu = _hours()
    fri = _hours()
    sat = _hours()
    sun = _hours()
    timesheet = serializers.PrimaryKeyRelatedField(queryset=Timesheet.objects.all())
    function = serializers.PrimaryKeyRelatedField(queryset=HubFunction.objects.all())
    task = serializers.PrimaryKeyRelatedField(queryset=HubTask.objects.all(), allow_null=True, required=False)
    total = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True)

    class Meta:
        model = TimesheetEntry
        fields = [
            "id",
            "url",
            "display",
            "timesheet",
            "function",
            "task",
            "description",
            *DAYS,
            "total",
            "created",
            "updated",
        ]

    def validate_timesheet(self, value: Timesheet) -> Timesheet:
        user = self.context["request"].user
        if not Timesheet.objects.restrict(user, "change").filter(pk=value.pk).exists():
            raise serializers.ValidationError("You can add lines only to your own timesheets.")
        if value.locked:
            raise Locked()
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and self.instance.timesheet.locked:
            raise Locked()
        attrs = super().validate(attrs)
        entry = TimesheetEntry() if self.instance is None else self.instance
        probe = TimesheetEntry(
            pk=entry.pk, **{field: getattr(entry, field) for field in ("timesheet_id", "function_id", "task_id", *DAYS)}
        )
        for name, value in attrs.items():
            setattr(probe, name, value)
        try:
            services.check_entry(probe)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"non_field_errors": error.messages}) from None
        return attrs


class RechargeSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:recharge-detail")
    employer = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    employer_name = serializers.CharField(source="employer.name", read_only=True)

    class Meta:
        model = Recharge
        fields = [
            "id",
            "url",
            "display",
            "employer",
            "employer_name",
            "period_start",
            "period_end",
            "amount",
            "reference",
            "notes",
            "created",
            "updated",
        ]


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why the timesheet is being reopened.")
