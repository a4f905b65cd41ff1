"""Importing the hub's tasks from a spreadsheet (a workplan or a job description's task list)."""

from __future__ import annotations

from typing import Any

from django.db import models

from consortia.core.imports import Importer
from consortia.hub.forms.delivery import HubTaskForm
from consortia.hub.models import HubFunction, HubTask

YES = ("yes", "y", "true", "1", "x")


class HubTaskImporter(Importer):
    """Tasks in Consortia's columns; a task is matched by its function and its exact name."""

    name = "consortia"
    label = "Hub tasks in Consortia's columns (CSV or Excel)"
    model = HubTask
    form = HubTaskForm
    columns = {
        "function": "function",
        "task": "name",
        "description": "description",
        "oversees members": "oversees_members",
        "retired": "retired",
        "order": "order",
    }
    required_columns = {"function", "task"}
    signature = {"function", "task"}
    help_text = (
        "Function is its name or code (e.g. bidding). “Oversees members” and “Retired” are yes or no. "
        "A row whose function and task name match an existing task updates it."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.functions: dict[str, int] = {}
        for pk, code, name in self.visible(HubFunction.objects.all()).values_list("pk", "code", "name"):
            self.functions[code.lower()] = pk
            self.functions[name.lower()] = pk

    def transform(self, row: dict[str, str], number: int) -> dict[str, Any] | None:
        data: dict[str, Any] = super().transform(row, number) or {}
        if data.get("function"):
            data["function"] = self.functions.get(data["function"].lower(), data["function"])
        for flag in ("oversees_members", "retired"):
            if flag in data:
                data[flag] = "on" if data[flag].lower() in YES else ""
        if "order" in data and not data["order"]:
            data["order"] = "0"
        return data

    def keys(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        if data.get("function") and data.get("name"):
            return [("task", f"{data['function']}:{data['name'].strip().lower()}")]
        return []

    def index_existing(self) -> dict[str, models.Model]:
        return {
            f"{task.function_id}:{task.name.lower()}": task for task in self.visible(HubTask.objects.all(), "change")
        }
