"""Import the hub's workplan from a spreadsheet (the columns the workplan's Excel export has)."""

from __future__ import annotations

from typing import Any

from django.db import models

from consortia.core.imports import Importer
from consortia.hub.choices import Rag, WorkplanStatus
from consortia.hub.forms.workplan import WorkplanItemForm, parse_month
from consortia.hub.models import Deliverer, HubFunction, WorkplanItem


def _choice(choices: type[models.TextChoices], value: str) -> str:
    """The code for a choice given by its code or its label ("in_progress", "In progress")."""
    wanted = " ".join(value.replace("_", " ").split()).lower()
    for code, label in choices.choices:
        if wanted in (code.replace("_", " "), str(label).lower()):
            return code
    return value


class WorkplanImporter(Importer):
    """Workplan items, matched to those already in the plan by activity and start month."""

    name = "consortia"
    label = "Workplan in Consortia's columns (CSV or Excel)"
    model = WorkplanItem
    form = WorkplanItemForm
    columns = {
        "strand": "function",
        "activity": "activity",
        "lead": "lead",
        "start month": "start_month",
        "end month": "end_month",
        "milestone": "milestone",
        "success measure": "success_measure",
        "status": "status",
        "rag": "rag",
    }
    required_columns = {"activity", "start month", "end month"}
    signature = {"activity", "start month", "end month"}
    help_text = (
        "Strand is a hub function's name or code; Lead is a deliverer's name. Months can be written 04/2026, "
        "Apr 2026, April 2026 or as a date. Status is Not started, In progress, Done or Deferred; RAG is Green, "
        "Amber or Red. A row with the same activity and start month as one in the plan updates it."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.functions: dict[str, int] = {}
        for pk, code, name in self.visible(HubFunction.objects.all()).values_list("pk", "code", "name"):
            self.functions[code.lower()] = pk
            self.functions[name.lower()] = pk
        self.deliverers = {
            name.lower(): pk for pk, name in self.visible(Deliverer.objects.all()).values_list("pk", "name")
        }

    def transform(self, row: dict[str, str], number: int) -> dict[str, Any] | None:
        data: dict[str, Any] = super().transform(row, number) or {}
        if data.get("function"):
            data["function"] = self.functions.get(" ".join(data["function"].split()).lower(), data["function"])
        if data.get("lead"):
            data["lead"] = self.deliverers.get(" ".join(data["lead"].split()).lower(), data["lead"])
        for field, choices in (("status", WorkplanStatus), ("rag", Rag)):
            if field in data:
                if data[field]:
                    data[field] = _choice(choices, data[field])
                else:
                    del data[field]  # blank: a new item starts "not started" and green; a stored one keeps its own
        return data

    def keys(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        month = parse_month(data.get("start_month"))
        activity = " ".join(str(data.get("activity") or "").split()).lower()
        if month is None or not activity:
            return []  # the form reports the missing or bad value
        return [("activity", _key(activity, month))]

    def index_existing(self) -> dict[str, models.Model]:
        return {
            _key(item.activity.lower(), item.start_month): item
            for item in self.visible(WorkplanItem.objects.all(), "change")
        }

    def taken_keys(self) -> dict[str, Any] | None:
        # Activity and start month are unique across the plan, visible or not.
        return {
            _key(activity.lower(), start): pk
            for pk, activity, start in WorkplanItem.objects.values_list("pk", "activity", "start_month")
        }


def _key(activity: str, month: Any) -> str:
    return f"{activity}|{month:%Y-%m}"
