"""Timesheets: recording a week's hours, submitting them, approving (and locking) and reopening.

Every operation takes the acting user, checks what that user may do, validates everything
before writing anything, and runs in one transaction. The rules, each refused with a plain
message and nothing saved:

- hours are not negative, and no cell and no day holds more than 24 of them;
- a week holds no more than `WEEK_HOURS_MAX` hours, and begins on a Monday;
- a task belongs to the function chosen for its line;
- an empty timesheet cannot be submitted;
- an approved timesheet is locked: neither it nor its lines change until an approver reopens
  it, giving a reason that the history keeps with who reopened it and when;
- an approver cannot approve their own timesheet.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from consortia.people.choices import TimesheetStatus
from consortia.people.models import DAYS, WEEK_HOURS_MAX, StaffMember, Timesheet, TimesheetEntry

APPROVE = "people.approve_timesheet"
DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
DAY_HOURS_MAX = Decimal(24)
ZERO = Decimal(0)
LOCKED = (
    "This timesheet is approved and locked, so it cannot be changed. "
    "An approver can reopen it, giving a reason, if it needs correcting."
)
ENTRY_FIELDS = ("function", "task", "description", *DAYS)


# -- reading a week ---------------------------------------------------------------------------
def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_dates(week_start: date) -> dict[str, date]:
    """Each day's field name -> its date in the week beginning `week_start`."""
    return {day: week_start + timedelta(days=offset) for offset, day in enumerate(DAYS)}


def entry_hours_expression() -> Any:
    """The hours of an entry's seven days, as a query expression."""
    total: Any = F(DAYS[0])
    for day in DAYS[1:]:
        total = total + F(day)
    return total


def total_hours_subquery(timesheet_path: str = "pk") -> Coalesce:
    """A timesheet's total hours as a subquery (for list pages: one query whatever the rows)."""
    totals = (
        TimesheetEntry.objects.filter(timesheet=OuterRef(timesheet_path))
        .order_by()
        .values("timesheet")
        .annotate(hours=Sum(entry_hours_expression()))
        .values("hours")
    )
    return Coalesce(Subquery(totals), Value(ZERO), output_field=models.DecimalField(max_digits=8, decimal_places=2))


def with_total_hours(queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
    return queryset.annotate(total_hours=total_hours_subquery())


def day_totals(entries: Iterable[Any]) -> dict[str, Decimal]:
    totals = dict.fromkeys(DAYS, ZERO)
    for entry in entries:
        for day in DAYS:
            totals[day] += hours_of(getattr(entry, day, None))
    return totals


def hours_of(value: Any) -> Decimal:
    """A cell's hours as a Decimal (blank is nought; what cannot be read counts as nought)."""
    if value in (None, ""):
        return ZERO
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ZERO


def week_problems(timesheet: Timesheet, entries: Iterable[Any]) -> list[str]:
    """What is wrong with a week's lines taken together: a day over 24 hours, a week over the maximum."""
    entries = list(entries)
    totals = day_totals(entries)
    dates = week_dates(timesheet.week_start) if timesheet.week_start else {}
    problems = []
    for day, total in totals.items():
        if total > DAY_HOURS_MAX:
            when = f" {dates[day]:%d/%m/%Y}" if day in dates else ""
            problems.append(
                f"{DAY_NAMES[day]}{when}: {show_hours(total)} hours in one day. A day has no more than 24 hours."
            )
    week = sum(totals.values(), ZERO)
    if week > WEEK_HOURS_MAX:
        problems.append(
            f"{show_hours(week)} hours in the week. A week has no more than {show_hours(WEEK_HOURS_MAX)} hours."
        )
    return problems


def show_hours(value: Decimal) -> str:
    """7.50 -> "7.5", 8.00 -> "8"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def lock_reasons(timesheet: Timesheet) -> list[str]:
    return [LOCKED] if timesheet.locked else []


# -- who may do what --------------------------------------------------------------------------
def can_change(timesheet: Timesheet, user: Any) -> bool:
    """The user may change this timesheet (their own, or any if they approve timesheets)."""
    return Timesheet.objects.restrict(user, "change").filter(pk=timesheet.pk).exists()


def _require_change(timesheet: Timesheet, user: Any) -> None:
    if not can_change(timesheet, user):
        raise PermissionDenied("You can change only your own timesheets.")


def _require_approver(user: Any) -> None:
    if not user.has_perm(APPROVE):
        raise PermissionDenied("You do not have permission to approve or reopen timesheets.")


def _locked_row(timesheet: Timesheet) -> Timesheet:
    """The timesheet as stored, locked against other writers until the transaction ends."""
    # Only the timesheet's row is locked, and without ordering (which would join the staff table).
    return Timesheet.objects.select_for_update(of=("self",)).select_related("staff").order_by().get(pk=timesheet.pk)


def _save(timesheet: Timesheet, user: Any, reason: str) -> None:
    timesheet.stamp(user)
    timesheet._history_user = user  # type: ignore[attr-defined]
    timesheet._change_reason = reason  # type: ignore[attr-defined]
    timesheet.save()


def _refresh(target: Timesheet, source: Timesheet) -> None:
    """Copy the saved state back onto the caller's object, so it shows what was stored."""
    for field in Timesheet._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


# -- operations -------------------------------------------------------------------------------
@transaction.atomic
def start_timesheet(staff: StaffMember, week_start: date, user: Any) -> tuple[Timesheet, bool]:
    """The staff member's timesheet for the week, created as a draft if there is none yet."""
    if week_start.weekday() != 0:
        raise ValidationError({"week_start": "A timesheet week begins on a Monday."})
    existing = Timesheet.objects.filter(staff=staff, week_start=week_start).first()
    if existing is not None:
        return existing, False
    if not user.has_perm("people.add_timesheet"):
        raise PermissionDenied("You do not have permission to add timesheets.")
    if staff.user_id != user.pk and not user.has_perm(APPROVE):
        raise PermissionDenied("You can start timesheets only for yourself.")
    timesheet = Timesheet(staff=staff, week_start=week_start)
    timesheet.full_clean()
    timesheet.stamp(user)
    timesheet._history_user = user  # type: ignore[attr-defined]
    timesheet.save()
    return timesheet, True


@transaction.atomic
def save_entries(timesheet: Timesheet, rows: Sequence[Mapping[str, Any]], user: Any) -> list[TimesheetEntry]:
    """Write a timesheet's lines: each row updates the line named by its "id", adds a line when
    it has none, or deletes its line when "delete" is set. Lines not named are left as they are.

    A row holds "function" and "task" (records or ids), "description" and the seven days' hours
    ("mon" … "sun", blank meaning nought); "row" numbers it in messages (default: its position).
    Everything is checked first; a ValidationError listing every problem by row leaves the
    timesheet as it was. The timesheet itself is saved too (its other fields as the caller set
    them), and the history notes that the hours changed.
    """
    stored = _locked_row(timesheet)
    if stored.locked:
        raise ValidationError(LOCKED)
    _require_change(timesheet, user)
    existing = {entry.pk: entry for entry in stored.entries.select_related("function", "task")}
    kept = dict(existing)
    to_save: list[TimesheetEntry] = []
    to_delete: list[TimesheetEntry] = []
    errors: list[str] = []
    for position, row in enumerate(rows, start=1):
        number = row.get("row", position)
        entry_id = row.get("id")
        if entry_id:
            entry = existing.get(int(entry_id))
            if entry is None:
                errors.append(f"Row {number}: that line is not on this timesheet (it may have been removed).")
                continue
        else:
            entry = TimesheetEntry(timesheet=timesheet)
        if row.get("delete"):
            if entry.pk:
                to_delete.append(entry)
                kept.pop(entry.pk)
            continue
        before = _values(entry)
        _apply(entry, row)
        problems = _entry_problems(entry)
        errors.extend(f"Row {number}: {problem}" for problem in problems)
        if entry.pk:
            kept[entry.pk] = entry
            if _values(entry) != before:
                to_save.append(entry)
        else:
            to_save.append(entry)
    if errors:
        raise ValidationError(errors)
    lines = [*kept.values(), *(entry for entry in to_save if entry.pk is None)]
    problems = week_problems(timesheet, lines)
    # What only the services change is taken as stored, whatever the caller's copy says.
    for name in ("status", "submitted_at", "approved_at", "approved_by_id", "reopen_reason"):
        setattr(timesheet, name, getattr(stored, name))
    try:
        timesheet.full_clean()
    except ValidationError as error:
        problems += _messages(error, Timesheet)
    if problems:
        raise ValidationError(problems)

    for entry in to_delete:
        entry._history_user = user  # type: ignore[attr-defined]
        entry.delete()
    for entry in to_save:
        entry.stamp(user)
        entry._history_user = user  # type: ignore[attr-defined]
        entry.save()
    changed = len(to_save) + len(to_delete)
    reason = f"Hours changed on {changed} line{'s' if changed != 1 else ''}" if changed else ""
    _save(timesheet, user, reason)
    return sorted(lines, key=lambda entry: entry.pk)


def _apply(entry: TimesheetEntry, row: Mapping[str, Any]) -> None:
    for name in ("function", "task"):
        if name not in row:
            continue
        value = row[name]
        if isinstance(value, models.Model) or value is None:
            setattr(entry, name, value)
        else:
            setattr(entry, f"{name}_id", int(value) if value not in ("", None) else None)
    if "description" in row:
        entry.description = (row["description"] or "").strip()
    for day in DAYS:
        if day in row:
            value = row[day]
            setattr(entry, day, ZERO if value in (None, "") else value)


def _values(entry: TimesheetEntry) -> tuple[Any, ...]:
    return (entry.function_id, entry.task_id, entry.description, *(hours_of(getattr(entry, day)) for day in DAYS))


def _entry_problems(entry: TimesheetEntry) -> list[str]:
    if entry.function_id is None:
        return ["choose the hub function the hours were spent on."]
    try:
        entry.full_clean(exclude=["timesheet"])
    except ValidationError as error:
        return _messages(error, TimesheetEntry)
    return []


def _messages(error: ValidationError, model: type[models.Model]) -> list[str]:
    """Messages naming their field: "Mon: Hours cannot be negative."."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        label = ""
        if name != NON_FIELD_ERRORS:
            label = name
            with contextlib.suppress(FieldDoesNotExist):
                label = str(getattr(model._meta.get_field(name), "verbose_name", name))
            label = label[:1].upper() + label[1:]
        messages += [f"{label}: {message}" if label else message for message in errors]
    return messages


def check_entry(entry: TimesheetEntry) -> None:
    """One line added or changed on its own (the line's page, the API): its timesheet must not
    be locked, and its week must still add up. Raises ValidationError."""
    timesheet = entry.timesheet
    if timesheet.locked:
        raise ValidationError(LOCKED)
    others = list(timesheet.entries.exclude(pk=entry.pk)) if timesheet.pk else []
    problems = week_problems(timesheet, [*others, entry])
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def submit(timesheet: Timesheet, user: Any) -> Timesheet:
    """Send a draft timesheet for approval."""
    stored = _locked_row(timesheet)
    _require_change(stored, user)
    if stored.status == TimesheetStatus.APPROVED:
        raise ValidationError("This timesheet is already approved.")
    if stored.status == TimesheetStatus.SUBMITTED:
        raise ValidationError("This timesheet has already been submitted and is waiting for approval.")
    entries = list(stored.entries.all())
    if sum(day_totals(entries).values(), ZERO) == ZERO:
        raise ValidationError(
            "There are no hours on this timesheet. Add the hours worked before submitting it for approval."
        )
    problems = week_problems(stored, entries)
    if problems:
        raise ValidationError(problems)
    stored.status = TimesheetStatus.SUBMITTED
    stored.submitted_at = timezone.now()
    _save(stored, user, "Submitted for approval")
    _refresh(timesheet, stored)
    return timesheet


@transaction.atomic
def approve(timesheet: Timesheet, user: Any) -> Timesheet:
    """Approve a submitted timesheet, which locks it."""
    _require_approver(user)
    stored = _locked_row(timesheet)
    if not Timesheet.objects.restrict(user, "view").filter(pk=stored.pk).exists():
        raise PermissionDenied("You cannot see this timesheet.")
    if stored.status == TimesheetStatus.APPROVED:
        raise ValidationError("This timesheet is already approved.")
    if stored.status != TimesheetStatus.SUBMITTED:
        raise ValidationError("This timesheet has not been submitted yet, so it cannot be approved.")
    if stored.staff.user_id is not None and stored.staff.user_id == user.pk:
        raise ValidationError("You cannot approve your own timesheet: another approver must approve it.")
    stored.status = TimesheetStatus.APPROVED
    stored.approved_at = timezone.now()
    stored.approved_by = user
    stored.reopen_reason = ""
    _save(stored, user, "Approved and locked")
    _refresh(timesheet, stored)
    return timesheet


@transaction.atomic
def reopen(timesheet: Timesheet, reason: str, user: Any) -> Timesheet:
    """Send a submitted or approved timesheet back to draft (unlocking it), with the reason why."""
    _require_approver(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for reopening the timesheet."})
    max_length = Timesheet._meta.get_field("reopen_reason").max_length or 500
    if len(reason) > max_length:
        raise ValidationError({"reason": f"Keep the reason to {max_length} characters or fewer."})
    stored = _locked_row(timesheet)
    if not Timesheet.objects.restrict(user, "view").filter(pk=stored.pk).exists():
        raise PermissionDenied("You cannot see this timesheet.")
    if stored.status == TimesheetStatus.DRAFT:
        raise ValidationError("This timesheet is already a draft, so there is nothing to reopen.")
    stored.status = TimesheetStatus.DRAFT
    stored.submitted_at = None
    stored.approved_at = None
    stored.approved_by = None
    stored.reopen_reason = reason
    _save(stored, user, f"Reopened: {reason}")
    _refresh(timesheet, stored)
    return timesheet
