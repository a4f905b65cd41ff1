"""A record's change history, read from django-simple-history, as who/when/what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models

_KIND = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    when: datetime
    who: Any
    kind: str
    reason: str
    changes: list[Change]


def history_entries(obj: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """Newest first. Each entry lists the fields that changed against the version before it."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])  # type: ignore[attr-defined]
    labels = {field.name: str(getattr(field, "verbose_name", field.name)) for field in obj._meta.get_fields()}
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[Change] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            changes = [
                Change(labels.get(change.field, change.field).capitalize(), change.old, change.new)
                for change in delta.changes
            ]
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                kind=_KIND.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
