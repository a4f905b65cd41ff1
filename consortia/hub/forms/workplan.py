"""The workplan item form, with months typed as people write them: 04/2026, Apr 2026, April 2026."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from consortia.core.forms import BaseModelForm
from consortia.hub.models import WorkplanItem

MONTH_FORMATS = ("%m/%Y", "%b %Y", "%B %Y", "%Y-%m", "%b-%Y", "%b-%y", "%B-%Y", "%m-%Y", "%m/%y", "%b %y")
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S")
MONTH_HELP = "A month, as 04/2026, Apr 2026 or April 2026 (or any date in it)."


def parse_month(value: Any) -> date | None:
    """The first day of the month `value` names, or None when it names no month."""
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    text = " ".join(str(value or "").replace(",", " ").split())
    if not text:
        return None
    text = text.replace("Sept ", "Sep ").replace("sept ", "sep ")
    for pattern in (*MONTH_FORMATS, *DATE_FORMATS):
        try:
            return datetime.strptime(text, pattern).date().replace(day=1)
        except ValueError:
            continue
    return None


class MonthInput(forms.DateInput):
    """The browser's month picker where it has one; a text box taking 04/2026 where it has not."""

    input_type = "month"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"placeholder": "MM/YYYY", **(attrs or {})}, format="%Y-%m")


class MonthField(forms.Field):
    widget = MonthInput
    default_error_messages = {"invalid": "Give a month as 04/2026, Apr 2026 or April 2026, or a date in that month."}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        month = parse_month(value)
        if month is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return month


class WorkplanItemForm(BaseModelForm):
    start_month = MonthField(label="Start month", help_text=MONTH_HELP)
    end_month = MonthField(label="End month", help_text=MONTH_HELP)

    fieldsets = [
        ("The activity", ["function", "activity", "lead"]),
        ("When", ["start_month", "end_month", "milestone"]),
        ("Progress", ["success_measure", "status", "rag"]),
    ]

    class Meta:
        model = WorkplanItem
        fields = [
            "function",
            "activity",
            "lead",
            "start_month",
            "end_month",
            "milestone",
            "success_measure",
            "status",
            "rag",
        ]
        labels = {"function": "Strand (hub function)", "lead": "Lead"}
        error_messages = {
            "function": {"invalid_choice": "Choose a hub function: give its name or its code."},
            "lead": {"invalid_choice": "Choose a deliverer: give their name as the hub's list of deliverers has it."},
        }


class ApplyTemplateForm(forms.Form):
    """The month the year-1 workplan starts, offered when the workplan is empty."""

    start_month = MonthField(label="First month of the plan", help_text=MONTH_HELP)
