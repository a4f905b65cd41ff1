"""Filters of the governance lists (the list pages and the API)."""

from __future__ import annotations

import django_filters

from consortia.core.filtersets import BaseFilterSet
from consortia.governance.choices import (
    AppointmentRole,
    AttendanceStatus,
    BodyKind,
    ItemPurpose,
    MeetingStatus,
    Outcome,
)
from consortia.governance.models import (
    Action,
    AgendaItem,
    AgendaPaper,
    Appointment,
    Attendance,
    Body,
    Decision,
    Meeting,
    MeetingDeclaration,
)


class BodyFilterSet(BaseFilterSet):
    search_fields = ("name", "terms_of_reference")
    kind = django_filters.ChoiceFilter(choices=BodyKind.choices, empty_label="Any")

    class Meta:
        model = Body
        fields = ["q", "kind"]


class AppointmentFilterSet(BaseFilterSet):
    search_fields = ("person__full_name", "body__name", "organisation__name")
    body = django_filters.NumberFilter(field_name="body_id", label="Body")
    role = django_filters.ChoiceFilter(choices=AppointmentRole.choices, empty_label="Any")
    ends_before = django_filters.DateFilter(field_name="term_ends_on", lookup_expr="lte", label="Term ends by")

    class Meta:
        model = Appointment
        fields = ["q", "body", "role", "ends_before"]


class MeetingFilterSet(BaseFilterSet):
    search_fields = ("body__name", "place")
    body = django_filters.NumberFilter(field_name="body_id", label="Body")
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, empty_label="Any")

    class Meta:
        model = Meeting
        fields = ["q", "body", "status"]


class AgendaItemFilterSet(BaseFilterSet):
    search_fields = ("title", "description", "minutes")
    meeting = django_filters.NumberFilter(field_name="meeting_id", label="Meeting")
    purpose = django_filters.ChoiceFilter(choices=ItemPurpose.choices, empty_label="Any")

    class Meta:
        model = AgendaItem
        fields = ["q", "meeting", "purpose"]


class AgendaPaperFilterSet(BaseFilterSet):
    search_fields = ("title", "item__title")
    meeting = django_filters.NumberFilter(field_name="item__meeting_id", label="Meeting")

    class Meta:
        model = AgendaPaper
        fields = ["q", "meeting"]


class AttendanceFilterSet(BaseFilterSet):
    search_fields = ("person__full_name",)
    meeting = django_filters.NumberFilter(field_name="meeting_id", label="Meeting")
    status = django_filters.ChoiceFilter(choices=AttendanceStatus.choices, empty_label="Any")

    class Meta:
        model = Attendance
        fields = ["q", "meeting", "status"]


class MeetingDeclarationFilterSet(BaseFilterSet):
    search_fields = ("person__full_name", "organisation__name", "interest")
    meeting = django_filters.NumberFilter(field_name="meeting_id", label="Meeting")

    class Meta:
        model = MeetingDeclaration
        fields = ["q", "meeting"]


class DecisionFilterSet(BaseFilterSet):
    search_fields = ("resolution", "item__title")
    meeting = django_filters.NumberFilter(field_name="item__meeting_id", label="Meeting")
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, empty_label="Any")

    class Meta:
        model = Decision
        fields = ["q", "meeting", "outcome"]


class ActionFilterSet(BaseFilterSet):
    search_fields = ("description", "owner__full_name")
    meeting = django_filters.NumberFilter(field_name="meeting_id", label="Meeting")
    done = django_filters.BooleanFilter(field_name="done_on", lookup_expr="isnull", exclude=True, label="Done")

    class Meta:
        model = Action
        fields = ["q", "meeting", "done"]
