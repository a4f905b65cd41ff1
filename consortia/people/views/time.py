"""Time pages of the people app: timesheets and their lines, the weekly grid, "My timesheets".

A timesheet's detail and edit pages are its own (the weekly grid); its list, history, add and
delete pages, and every page of its lines, are the generic ones. An approved timesheet is
locked: `edit_blockers` and `delete_blockers` refuse any change to it or its lines, and the
services refuse it again, whichever door the change comes through. Recharges and the recharge
statement are in `views.recharge`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils import timezone

from consortia.core.models import RestrictedQuerySet
from consortia.core.registry import MenuItem, add_menu_item, register
from consortia.core.services import StaleEditError, record_version
from consortia.core.views.generic import ObjectDetailView, ObjectEditView, RecordView, RecordViews, detail_fields
from consortia.hub.models import HubFunction, HubTask
from consortia.people.choices import TimesheetStatus
from consortia.people.filtersets.time import TimesheetEntryFilterSet, TimesheetFilterSet
from consortia.people.forms.time import (
    PREFIX,
    EntryFormSet,
    EntryRowForm,
    StartTimesheetForm,
    TimesheetEntryForm,
    TimesheetForm,
    TimesheetHeaderForm,
    entry_initial,
)
from consortia.people.models import DAYS, StaffMember, Timesheet, TimesheetEntry
from consortia.people.services import time as services
from consortia.people.services.time import APPROVE, DAY_NAMES, ZERO, monday_of, week_dates, with_total_hours
from consortia.people.tables.time import TimesheetEntryTable, TimesheetTable
from consortia.people.views import recharge
from consortia.people.views.staff import MENU, replace_views

STALE = (
    "Someone else changed this record after you opened it. Your changes have not been saved: "
    "open the record again to see the latest version, then make your changes."
)


# -- the weekly grid, read and edited -------------------------------------------------------------
def week_days(timesheet: Timesheet, totals: dict[str, Any]) -> list[dict[str, Any]]:
    dates = week_dates(timesheet.week_start)
    return [
        {"key": day, "name": DAY_NAMES[day], "short": DAY_NAMES[day][:3], "date": dates[day], "total": totals[day]}
        for day in DAYS
    ]


def grid_choices(user: Any, entries: list[TimesheetEntry]) -> tuple[list[HubFunction], list[HubTask]]:
    """The functions and tasks the grid offers: read once for all its rows (two queries)."""
    functions = list(HubFunction.objects.restrict(user, "view").order_by("order", "name"))
    used = {entry.task_id for entry in entries if entry.task_id}
    tasks = list(
        HubTask.objects.restrict(user, "view")
        .filter(Q(retired=False) | Q(pk__in=used))
        .select_related("function")
        .order_by("function__order", "function__name", "order", "pk")
    )
    return functions, tasks


def permissions_for(timesheet: Timesheet, user: Any, can_change: bool) -> dict[str, bool]:
    """What the user may do with this timesheet now, for the buttons the page shows."""
    approver = user.has_perm(APPROVE)
    status = timesheet.status
    own = timesheet.staff.user_id is not None and timesheet.staff.user_id == user.pk
    return {
        "change": can_change and not timesheet.locked,
        "delete": can_change and not timesheet.locked and user.has_perm("people.delete_timesheet"),
        "submit": can_change and status == TimesheetStatus.DRAFT,
        "approve": approver and status == TimesheetStatus.SUBMITTED and not own,
        "approve_own": approver and status == TimesheetStatus.SUBMITTED and own,
        "reopen": approver and status in (TimesheetStatus.SUBMITTED, TimesheetStatus.APPROVED),
    }


class TimesheetDetailView(ObjectDetailView):
    """The week as a read-only grid, with day and week totals and the buttons to act on it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        timesheet = self.get_object()
        entries = list(timesheet.entries.select_related("function", "task"))
        totals = services.day_totals(entries)
        can_change = self.get_queryset("change").filter(pk=timesheet.pk).exists()
        context = self.base_context() | {
            "object": timesheet,
            "tab": "detail",
            "fields": detail_fields(timesheet, self.record),
            "entries": [(entry, [getattr(entry, day) for day in DAYS]) for entry in entries],
            "days": week_days(timesheet, totals),
            "week_total": sum(totals.values(), ZERO),
            "allowed": permissions_for(timesheet, request.user, can_change),
            "edit_blockers": services.lock_reasons(timesheet),
        }
        return render(request, "people/timesheet_detail.html", context)


class TimesheetEditView(ObjectEditView):
    """Adding a timesheet is the generic form; editing one is the weekly grid.

    The grid is a formset of lines (function, task, description, Monday to Sunday). "Add a row"
    sends the grid back with one more line, nothing saved (HTMX swaps just the grid; without
    JavaScript the page reloads). Saving checks the version the user opened, then hands the
    lines to `services.time.save_entries`, which refuses the lot if anything is wrong.
    """

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        if pk is None:
            return super().get(request)
        timesheet = self.get_object("change")
        if refusal := self.blocked(timesheet):
            return refusal
        entries = list(timesheet.entries.select_related("function", "task"))
        header = TimesheetHeaderForm(instance=timesheet, user=request.user)
        formset = self.formset(timesheet, entries)
        return self.render_grid(timesheet, header, formset, record_version(timesheet))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        if pk is None:
            return super().post(request)
        timesheet = self.get_object("change")
        if refusal := self.blocked(timesheet):
            return refusal
        entries = list(timesheet.entries.select_related("function", "task"))
        version = request.POST.get("_version", "")
        data = request.POST.copy()
        adding = "add_row" in data
        if adding:
            try:
                data["entries-TOTAL_FORMS"] = str(int(data.get("entries-TOTAL_FORMS", "0")) + 1)
            except ValueError:
                return HttpResponseBadRequest("The timesheet form was incomplete; open it again.")
        header = TimesheetHeaderForm(data, instance=timesheet, user=request.user)
        formset = self.formset(timesheet, entries, data)
        if adding or data.get("_part") == "totals":
            # Nothing is saved: the grid comes back with its new line, or just its totals.
            return self.render_grid(timesheet, header, formset, version, quiet=True, focus_last=adding)
        problems: list[str] = []
        if header.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    current = Timesheet.objects.select_for_update(of=("self",)).order_by().get(pk=timesheet.pk)
                    if record_version(current) != version:
                        raise StaleEditError
                    services.save_entries(timesheet, formset.rows(), request.user)
            except StaleEditError:
                problems.append(STALE)
            except ValidationError as error:
                problems += error.messages
            else:
                messages.success(request, f"Saved timesheet “{timesheet}”.")
                if "submit" in data:
                    self.submit(timesheet)
                return HttpResponseRedirect(timesheet.get_absolute_url())
        return self.render_grid(timesheet, header, formset, version, problems=problems)

    def submit(self, timesheet: Timesheet) -> None:
        try:
            services.submit(timesheet, self.request.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, "Submitted for approval.")

    def formset(self, timesheet: Timesheet, entries: list[TimesheetEntry], data: Any = None) -> Any:
        functions, tasks = grid_choices(self.request.user, entries)
        formset = EntryFormSet(data, initial=entry_initial(entries), functions=functions, tasks=tasks)  # type: ignore[call-arg]
        formset.extra = 0 if data is not None else (1 if entries else 3)
        return formset

    def render_grid(
        self,
        timesheet: Timesheet,
        header: TimesheetHeaderForm,
        formset: Any,
        version: str,
        *,
        problems: list[str] | None = None,
        quiet: bool = False,
        focus_last: bool = False,
    ) -> HttpResponse:
        totals = formset.day_totals()
        if focus_last and formset.forms:
            formset.forms[-1].fields["function"].widget.attrs["autofocus"] = True
        summary: list[tuple[str, str]] = []
        if not quiet and header.is_bound:
            summary = error_summary(header, formset, problems or [])
        context = self.base_context() | {
            "object": timesheet,
            "header": header,
            "formset": formset,
            "version": version,
            "days": week_days(timesheet, totals),
            "week_total": sum(totals.values(), ZERO),
            "summary": summary,
            "quiet": quiet,
        }
        return render(self.request, "people/time/timesheet_edit.html", context)


def error_summary(header: Any, formset: Any, problems: list[str]) -> list[tuple[str, str]]:
    """(link, message) for every problem on the page, in reading order."""
    summary: list[tuple[str, str]] = [("", message) for message in header.non_field_errors()]
    for field in header:
        summary += [(f"#{field.auto_id}", f"{field.label}: {error}") for error in field.errors]
    summary += [("", message) for message in formset.non_form_errors()]
    for form in formset.forms:
        for field in form:
            summary += [
                (f"#{field.auto_id}", f"Row {form.row_number}, {field.label}: {error}") for error in field.errors
            ]
        summary += [("", f"Row {form.row_number}: {error}") for error in form.non_field_errors()]
    summary += [("", message) for message in problems]
    return summary


class TaskChoicesView(RecordView):
    """HTMX: a grid row's task drop-down, once its function has been chosen."""

    def get(self, request: HttpRequest) -> HttpResponse:
        prefix = request.GET.get("prefix", "")
        if not PREFIX.match(prefix):
            return HttpResponseBadRequest("Unknown row.")
        functions, tasks = grid_choices(request.user, [])
        form = EntryRowForm(request.GET, prefix=prefix, functions=functions, tasks=tasks)
        return render(request, "people/time/_task_select.html", {"form": form})


class TimesheetActionView(RecordView):
    """Submit, approve or reopen (POST), through the services; the result is shown as a message."""

    operation = ""

    def permission_actions(self) -> list[str]:
        return ["change"] if self.operation == "submit" else ["view"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        timesheet = self.get_object("change" if self.operation == "submit" else "view")
        try:
            if self.operation == "submit":
                services.submit(timesheet, request.user)
                messages.success(request, "Submitted for approval.")
            elif self.operation == "approve":
                services.approve(timesheet, request.user)
                messages.success(request, "Approved. The timesheet is now locked.")
            else:
                services.reopen(timesheet, request.POST.get("reason", ""), request.user)
                messages.success(request, "Reopened. The timesheet is a draft again and can be changed.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(timesheet.get_absolute_url(), status=303)


def own_staff_record(user: Any) -> StaffMember | None:
    return StaffMember.objects.restrict(user, "view").filter(user=user).select_related("employer").first()


class MyTimesheetsView(RecordView):
    """The signed-in person's own timesheets, and the button to start this week's."""

    def get(self, request: HttpRequest) -> HttpResponse:
        staff = own_staff_record(request.user)
        this_week = monday_of(timezone.localdate())
        timesheets: list[Timesheet] = []
        if staff is not None:
            timesheets = list(
                with_total_hours(self.get_queryset().filter(staff=staff).select_related("approved_by")).order_by(
                    "-week_start"
                )[:52]
            )
        waiting = None
        if request.user.has_perm(APPROVE):
            waiting = (
                self.get_queryset().filter(status=TimesheetStatus.SUBMITTED).exclude(staff__user=request.user).count()
            )
        context = self.base_context() | {
            "staff": staff,
            "timesheets": timesheets,
            "this_week": this_week,
            "this_weeks": next((sheet for sheet in timesheets if sheet.week_start == this_week), None),
            "start_form": StartTimesheetForm(),
            "waiting": waiting,
        }
        return render(request, "people/time/my_timesheets.html", context)


class StartTimesheetView(RecordView):
    """Start (or open, if it exists) the signed-in person's timesheet for a week."""

    action = "add"

    def post(self, request: HttpRequest) -> HttpResponse:
        staff = own_staff_record(request.user)
        if staff is None:
            raise PermissionDenied("You have no staff record, so you have no timesheets. Ask the hub manager.")
        form = StartTimesheetForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose one of the weeks listed.")
            return HttpResponseRedirect(reverse("people:my_timesheets"), status=303)
        try:
            timesheet, created = services.start_timesheet(staff, form.cleaned_data["week"], request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("people:my_timesheets"), status=303)
        if not created:
            messages.info(
                request, f"You already have a timesheet for the week beginning {timesheet.week_start:%d/%m/%Y}."
            )
            return HttpResponseRedirect(timesheet.get_absolute_url(), status=303)
        return HttpResponseRedirect(reverse("people:timesheet_edit", args=[timesheet.pk]), status=303)


class WaitingView(RecordView):
    """The timesheets waiting for the approver: the timesheet list, filtered."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm(APPROVE):
            raise PermissionDenied("You do not approve timesheets.")
        return HttpResponseRedirect(reverse("people:timesheet_list") + "?waiting=true")


# -- the record types ---------------------------------------------------------------------------
@register
class TimesheetViews(RecordViews):
    model = Timesheet
    table = TimesheetTable
    filterset = TimesheetFilterSet
    form = TimesheetForm
    detail_fields = [
        "staff",
        "week_start",
        "status",
        "submitted_at",
        "approved_by",
        "approved_at",
        "reopen_reason",
        "notes",
    ]
    search_fields = ("staff__first_name", "staff__last_name")
    search_description = "week_start"
    menu_group = MENU
    menu_order = 40

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return with_total_hours(  # type: ignore[return-value]
            Timesheet.objects.select_related("staff", "staff__employer", "approved_by")
        )

    @classmethod
    def edit_blockers(cls, obj: Timesheet) -> list[str]:
        return services.lock_reasons(obj)

    @classmethod
    def delete_blockers(cls, obj: Timesheet) -> list[str]:
        return services.lock_reasons(obj)

    @classmethod
    def urls(cls) -> list[URLPattern]:
        slug = cls.slug()
        patterns = replace_views(
            super().urls(),
            {
                "timesheet_detail": TimesheetDetailView.as_view(record=cls),
                "timesheet_add": TimesheetEditView.as_view(record=cls),
                "timesheet_edit": TimesheetEditView.as_view(record=cls),
            },
        )
        for operation in ("submit", "approve", "reopen"):
            view = TimesheetActionView.as_view(record=cls, operation=operation)
            patterns.append(path(f"{slug}/<int:pk>/{operation}/", view, name=f"timesheet_{operation}"))
        return [
            *patterns,
            path(f"{slug}/mine/", MyTimesheetsView.as_view(record=cls), name="my_timesheets"),
            path(f"{slug}/start/", StartTimesheetView.as_view(record=cls), name="timesheet_start"),
            path(f"{slug}/waiting/", WaitingView.as_view(record=cls), name="timesheets_waiting"),
            path(f"{slug}/task-choices/", TaskChoicesView.as_view(record=cls), name="timesheet_task_choices"),
        ]


@register
class TimesheetEntryViews(RecordViews):
    model = TimesheetEntry
    table = TimesheetEntryTable
    filterset = TimesheetEntryFilterSet
    form = TimesheetEntryForm
    detail_fields = ["timesheet", "function", "task", "description", *DAYS, "total"]
    search_fields = ("description",)
    search_description = "timesheet"
    menu_group = None  # reached from the record it belongs to, not the menu
    menu_order = 45

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return TimesheetEntry.objects.select_related(  # type: ignore[return-value]
            "timesheet__staff", "function", "task"
        )

    @classmethod
    def edit_blockers(cls, obj: TimesheetEntry) -> list[str]:
        return services.lock_reasons(obj.timesheet)

    @classmethod
    def delete_blockers(cls, obj: TimesheetEntry) -> list[str]:
        return services.lock_reasons(obj.timesheet)


add_menu_item(MENU[0], MENU[1], MenuItem("My timesheets", "people:my_timesheets", "people.view_timesheet", order=35))
add_menu_item(
    MENU[0], MENU[1], MenuItem("Timesheets waiting for approval", "people:timesheets_waiting", APPROVE, order=41)
)

urlpatterns: list[URLPattern | URLResolver] = [
    *TimesheetViews.urls(),
    *TimesheetEntryViews.urls(),
    *recharge.urlpatterns,
]
