"""Filters of the timesheet, timesheet line and recharge lists (and their API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from consortia.core.filtersets import BaseFilterSet, reference_choices
from consortia.directory.models import Organisation
from consortia.hub.models import HubFunction
from consortia.people.choices import TimesheetStatus
from consortia.people.filtersets.staff import yes_no
from consortia.people.models import Recharge, StaffMember, Timesheet, TimesheetEntry


def _staff_choices() -> Any:
    return lambda: [(staff.pk, str(staff)) for staff in StaffMember.objects.only("first_name", "last_name")]


class TimesheetFilterSet(BaseFilterSet):
    search_fields = ("staff__first_name", "staff__last_name", "notes")

    waiting = django_filters.BooleanFilter(
        widget=yes_no(),
        label="Waiting for my approval",
        method="filter_waiting",
        help_text="Submitted timesheets of other people.",
    )
    mine = django_filters.BooleanFilter(widget=yes_no(), label="My own timesheets", method="filter_mine")
    status = django_filters.ChoiceFilter(choices=TimesheetStatus.choices, empty_label="Any")
    staff = django_filters.ChoiceFilter(
        field_name="staff_id", label="Staff member", choices=_staff_choices(), empty_label="Anyone"
    )
    employer = django_filters.ChoiceFilter(
        field_name="staff__employer_id",
        label="Employed by",
        choices=reference_choices(
            Organisation.objects.filter(pk__in=StaffMember.objects.values("employer_id")).order_by("name")
        ),
        empty_label="Any",
    )
    week_from = django_filters.DateFilter(field_name="week_start", lookup_expr="gte", label="Weeks beginning from")
    week_to = django_filters.DateFilter(field_name="week_start", lookup_expr="lte", label="Weeks beginning up to")

    class Meta:
        model = Timesheet
        fields = ["q", "waiting", "mine", "status", "staff", "employer", "week_from", "week_to"]

    def _user(self) -> Any:
        return getattr(self.request, "user", None)

    def filter_waiting(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if not value:
            return queryset
        rows = queryset.filter(status=TimesheetStatus.SUBMITTED)
        user = self._user()
        return rows.exclude(staff__user=user) if user is not None and user.is_authenticated else rows

    def filter_mine(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        user = self._user()
        if user is None or not user.is_authenticated:
            return queryset.none()
        return queryset.filter(staff__user=user) if value else queryset.exclude(staff__user=user)


class TimesheetEntryFilterSet(BaseFilterSet):
    search_fields = ("description", "timesheet__notes")

    timesheet = django_filters.NumberFilter(field_name="timesheet_id", label="Timesheet (id)")
    staff = django_filters.ChoiceFilter(
        field_name="timesheet__staff_id", label="Staff member", choices=_staff_choices(), empty_label="Anyone"
    )
    function = django_filters.ChoiceFilter(
        field_name="function_id",
        label="Function",
        choices=reference_choices(HubFunction.objects.all()),
        empty_label="Any",
    )
    status = django_filters.ChoiceFilter(
        field_name="timesheet__status", label="Timesheet status", choices=TimesheetStatus.choices, empty_label="Any"
    )
    week_from = django_filters.DateFilter(
        field_name="timesheet__week_start", lookup_expr="gte", label="Weeks beginning from"
    )
    week_to = django_filters.DateFilter(
        field_name="timesheet__week_start", lookup_expr="lte", label="Weeks beginning up to"
    )

    class Meta:
        model = TimesheetEntry
        fields = ["q", "timesheet", "staff", "function", "status", "week_from", "week_to"]


class RechargeFilterSet(BaseFilterSet):
    search_fields = ("reference", "notes", "employer__name")

    employer = django_filters.ChoiceFilter(
        field_name="employer_id",
        label="Employing organisation",
        choices=reference_choices(
            Organisation.objects.filter(pk__in=Recharge.objects.values("employer_id")).order_by("name")
        ),
        empty_label="Any",
    )
    period_from = django_filters.DateFilter(
        field_name="period_end", lookup_expr="gte", label="Periods ending on or after"
    )
    period_to = django_filters.DateFilter(
        field_name="period_start", lookup_expr="lte", label="Periods starting on or before"
    )

    class Meta:
        model = Recharge
        fields = ["q", "employer", "period_from", "period_to"]
