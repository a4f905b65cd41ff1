"""Staff pages of the people app: the staff list, each staff member with their recent timesheets."""

from __future__ import annotations

from typing import Any

from django.db.models import Value
from django.db.models.functions import Concat
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, URLResolver

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import register
from consortia.core.views.generic import ObjectDetailView, RecordViews, detail_fields
from consortia.people.filtersets.staff import StaffMemberFilterSet
from consortia.people.forms.staff import StaffMemberForm
from consortia.people.models import StaffMember, Timesheet
from consortia.people.services.recharge import pounds
from consortia.people.services.staff import is_shared, with_shared
from consortia.people.services.time import with_total_hours
from consortia.people.tables.staff import StaffMemberTable

MENU = ("People", 30)
RECENT_TIMESHEETS = 12


def replace_views(patterns: list[URLPattern], views: dict[str, Any]) -> list[URLPattern]:
    """The generic routes with some of their views swapped for a record's own (same path and name)."""
    replaced = []
    for pattern in patterns:
        view = views.get(pattern.name or "")
        if view is not None:
            pattern = URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)
        replaced.append(pattern)
    return replaced


def staff_fields(obj: StaffMember, record: Any) -> list[tuple[str, Any]]:
    """The detail page's fields, the cost rate in pounds and the shared flag explained."""
    rows = []
    for name, (label, value) in zip(record.shown_fields(), detail_fields(obj, record), strict=True):
        if name == "cost_rate":
            value = f"{pounds(value)} an hour"
            label = "Cost rate"
        elif name == "shared":
            label = "Shared staff"
            value = "Yes: employed by a member or a CVS" if is_shared(obj) else "No"
        rows.append((label, value))
    return rows


class StaffMemberDetailView(ObjectDetailView):
    """The generic detail page, with the staff member's recent timesheets beside it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        timesheets = with_total_hours(
            Timesheet.objects.restrict(request.user, "view").filter(staff=obj).select_related("approved_by")
        ).order_by("-week_start")[:RECENT_TIMESHEETS]
        context = self.base_context() | {
            "object": obj,
            "fields": staff_fields(obj, self.record),
            "tab": "detail",
            "timesheets": list(timesheets),
            "can_view_timesheets": request.user.has_perm("people.view_timesheet"),
        }
        return render(request, self.template("detail"), context)


@register
class StaffMemberViews(RecordViews):
    model = StaffMember
    table = StaffMemberTable
    filterset = StaffMemberFilterSet
    form = StaffMemberForm
    detail_fields = [
        "job_role",
        "employer",
        "shared",
        "fte",
        "cost_rate",
        "start_date",
        "end_date",
        "user",
        "appointed_from",
    ]
    search_fields = ("first_name", "last_name")
    search_description = "employer"
    menu_group = MENU
    menu_order = 30
    url_slug = "staff"

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        rows = StaffMember.objects.select_related("job_role", "employer", "user", "appointed_from")
        return with_shared(rows).annotate(name=Concat("first_name", Value(" "), "last_name"))  # type: ignore[return-value]

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return replace_views(super().urls(), {"staffmember_detail": StaffMemberDetailView.as_view(record=cls)})


urlpatterns: list[URLPattern | URLResolver] = [*StaffMemberViews.urls()]
