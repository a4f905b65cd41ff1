"""Timesheet forms: the timesheet, the weekly grid of lines, a single line, and starting a week."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from consortia.core.forms import BaseModelForm, style_widgets
from consortia.hub.models import HubFunction, HubTask
from consortia.people.choices import TimesheetStatus
from consortia.people.models import DAYS, Timesheet, TimesheetEntry
from consortia.people.services import time as services
from consortia.people.services.time import APPROVE, DAY_NAMES, ZERO, monday_of


class TimesheetForm(BaseModelForm):
    """Starting a timesheet: whose, and which week. Staff may choose only themselves."""

    class Meta:
        model = Timesheet
        fields = ["staff", "week_start", "notes"]
        help_texts = {"week_start": "The Monday the week begins on."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff: Any = self.fields["staff"]
        if self.user is not None and not self.user.has_perm(APPROVE):
            staff.queryset = staff.queryset.filter(user=self.user)
        if not self.is_bound and not self.initial.get("week_start"):
            self.initial["week_start"] = monday_of(timezone.localdate())


class TimesheetHeaderForm(BaseModelForm):
    """The timesheet's own fields on its weekly page: whose it is cannot change there."""

    class Meta:
        model = Timesheet
        fields = ["staff", "week_start", "notes"]
        help_texts = {"week_start": "The Monday the week begins on."}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff: Any = self.fields["staff"]
        staff.disabled = True
        # Only the staff member it belongs to is needed to show (and to check the week is free).
        staff.queryset = staff.queryset.filter(pk=self.instance.staff_id)


def _hours_field(day: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=DAY_NAMES[day],
        required=False,
        max_digits=4,
        decimal_places=2,
        validators=[
            MinValueValidator(ZERO, "Hours cannot be negative."),
            MaxValueValidator(services.DAY_HOURS_MAX, "No more than 24 hours in a day."),
        ],
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0", "max": "24", "inputmode": "decimal"}),
    )


def task_choices(tasks: Sequence[HubTask], function_id: int | None) -> list[tuple[Any, Any]]:
    """The tasks of the chosen function; with none chosen, every task grouped by its function."""
    if function_id:
        return [("", "The function in general")] + [
            (task.pk, task.name) for task in tasks if task.function_id == function_id
        ]
    groups: dict[str, list[tuple[int, str]]] = {}
    for task in tasks:
        groups.setdefault(task.function.name, []).append((task.pk, task.name))
    return [("", "The function in general"), *groups.items()]


PREFIX = re.compile(r"^entries-\d+$")


class EntryRowForm(forms.Form):
    """One line of the weekly grid. Choices come from lists read once for the whole grid, so a
    grid of fifty lines costs no more queries than a grid of one."""

    day_names = DAYS

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    function = forms.TypedChoiceField(coerce=int, empty_value=None, required=False, label="Function")
    task = forms.TypedChoiceField(coerce=int, empty_value=None, required=False, label="Task")
    description = forms.CharField(max_length=300, required=False, label="What you did")

    def __init__(self, *args: Any, functions: Sequence[HubFunction], tasks: Sequence[HubTask], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day in DAYS:
            self.fields[day] = _hours_field(day)
        self.functions = {function.pk: function for function in functions}
        self.tasks = {task.pk: task for task in tasks}
        self.fields["function"].choices = [("", "Choose a function"), *((f.pk, f.name) for f in functions)]  # type: ignore[attr-defined]
        task_field: Any = self.fields["task"]
        task_field.choices = [("", ""), *((task.pk, task.name) for task in tasks)]  # any task validates…
        task_field.widget.choices = task_choices(tasks, self.chosen_function())  # …the function's are offered
        style_widgets(self)
        for name in ("function", "task", "description", *DAYS):
            self.fields[name].widget.attrs["class"] += (
                " form-control-sm" if name not in ("function", "task") else " form-select-sm"
            )
        for day in DAYS:
            self.fields[day].widget.attrs["class"] += " hours-input"
        self.fields["function"].widget.attrs.update(
            {
                "hx-get": reverse("people:timesheet_task_choices"),
                "hx-target": f"#{self.prefix}-task-cell",
                "hx-swap": "innerHTML",
                "hx-vals": json.dumps({"prefix": self.prefix or ""}),
            }
        )

    @property
    def row_number(self) -> int:
        match = re.search(r"-(\d+)$", self.prefix or "")
        return int(match.group(1)) + 1 if match else 1

    def chosen_function(self) -> int | None:
        raw: Any = self.data.get(self.add_prefix("function")) if self.is_bound else self.initial.get("function")
        try:
            return int(raw) if raw not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound:
            style_widgets(self)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (
            data.get("function") or data.get("task") or data.get("description") or any(data.get(day) for day in DAYS)
        )

    def hours(self) -> dict[str, Any]:
        """The hours shown in each day's cell (typed, or stored), for the totals."""
        if self.is_bound:
            return {day: services.hours_of(self.data.get(self.add_prefix(day))) for day in DAYS}
        return {day: services.hours_of(self.initial.get(day)) for day in DAYS}


class BaseEntryFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, functions: Sequence[HubFunction], tasks: Sequence[HubTask], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "entries")
        kwargs["form_kwargs"] = {"functions": functions, "tasks": tasks}
        super().__init__(*args, **kwargs)
        self.function_map = {function.pk: function for function in functions}
        self.task_map = {task.pk: task for task in tasks}

    def rows(self) -> list[dict[str, Any]]:
        """The grid as rows for `services.time.save_entries` (blank new lines left out)."""
        rows: list[dict[str, Any]] = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data:
                continue
            entry_id = data.get("id")
            number = form.row_number  # type: ignore[attr-defined]
            if self._should_delete_form(form) or form.is_blank():  # type: ignore[attr-defined]
                # A line ticked for removal, or emptied, goes; an empty new line is ignored.
                if entry_id:
                    rows.append({"row": number, "id": entry_id, "delete": True})
                continue
            row: dict[str, Any] = {
                "row": number,
                "id": entry_id,
                "function": self.function_map.get(data["function"]) if data.get("function") else None,
                "task": self.task_map.get(data["task"]) if data.get("task") else None,
                "description": data.get("description", ""),
            }
            row.update({day: data.get(day) or ZERO for day in DAYS})
            rows.append(row)
        return rows

    def day_totals(self) -> dict[str, Any]:
        totals = dict.fromkeys(DAYS, ZERO)
        for form in self.forms:
            if self.can_delete and form.is_bound and form.data.get(form.add_prefix("DELETE")):
                continue
            for day, value in form.hours().items():  # type: ignore[attr-defined]
                totals[day] += value
        return totals


EntryFormSet = forms.formset_factory(EntryRowForm, formset=BaseEntryFormSet, extra=0, can_delete=True)


def entry_initial(entries: Sequence[TimesheetEntry]) -> list[dict[str, Any]]:
    """The stored lines as the grid's initial data; noughts show as blank cells."""
    return [
        {
            "id": entry.pk,
            "function": entry.function_id,
            "task": entry.task_id,
            "description": entry.description,
            # "7.5" rather than "7.50"; a nought is a blank cell.
            **{day: (services.show_hours(getattr(entry, day)) if getattr(entry, day) else None) for day in DAYS},
        }
        for entry in entries
    ]


class TimesheetEntryForm(BaseModelForm):
    """A single line, on its own page: it may only go on a timesheet the user may change that is
    not locked, and the week must still add up with it."""

    class Meta:
        model = TimesheetEntry
        fields = ["timesheet", "function", "task", "description", *DAYS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        timesheet: Any = self.fields["timesheet"]
        queryset = Timesheet.objects.select_related("staff").exclude(status=TimesheetStatus.APPROVED)
        timesheet.queryset = queryset.restrict(self.user, "change") if self.user is not None else queryset
        task: Any = self.fields["task"]
        task.queryset = task.queryset.select_related("function").filter(Q(retired=False) | Q(pk=self.instance.task_id))
        task.label_from_instance = lambda item: f"{item.function}: {item}"
        task.help_text = "Optional: a task of the function chosen."

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        if self.errors or self.instance.timesheet_id is None:
            return
        try:
            services.check_entry(self.instance)
        except forms.ValidationError as error:
            self.add_error(None, error)


def recent_mondays(today: date | None = None, back: int = 8) -> list[date]:
    """Next week, this week and the weeks before it: the weeks a timesheet can be started for."""
    this_week = monday_of(today or timezone.localdate())
    return [this_week + timedelta(weeks=offset) for offset in range(1, -back - 1, -1)]


class StartTimesheetForm(forms.Form):
    week = forms.TypedChoiceField(label="Week beginning", coerce=date.fromisoformat)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mondays = recent_mondays()
        this_week = monday_of(timezone.localdate())
        week: Any = self.fields["week"]
        week.choices = [
            (monday.isoformat(), f"{monday:%d/%m/%Y}" + (" (this week)" if monday == this_week else ""))
            for monday in mondays
        ]
        self.initial.setdefault("week", this_week.isoformat())
        style_widgets(self)
