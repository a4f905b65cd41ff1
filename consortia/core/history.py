"""A record's change history, read from django-simple-history, as who/when/what changed.

Values are shown as people read them: a choice by its label ("Associate", not "associate"), a
related record by its name, and every field the history keeps, including those no form offers
(a status or a date a service sets), which django-simple-history's own diff leaves out.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models

_KIND = {"+": "Created", "~": "Changed", "-": "Deleted"}

# Set when the record is made and never changed after; not worth a line in every entry.
_UNCHANGING = {"created", "created_by"}


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


@functools.cache
def history_model_of(model: type[models.Model]) -> Any:
    """The model's history table (django-simple-history's), or None where it keeps none.

    Looked up once per model: reading `Model.history` builds a new manager class every time
    (about a millisecond), which the dashboard did for every record type on every request.
    """
    manager = getattr(model, "history", None)
    return None if manager is None else manager.model


def tracked_fields(obj: models.Model) -> list[models.Field]:  # type: ignore[type-arg]
    """The record's fields its history keeps, in the model's order (editable or not)."""
    history_model = obj.history.model  # type: ignore[attr-defined]
    kept = {field.name for field in history_model.tracked_fields}
    return [
        field
        for field in obj._meta.concrete_fields
        if field.name in kept and not field.primary_key and field.name not in _UNCHANGING
    ]


def history_entries(obj: models.Model, limit: int = 200, user: Any = None) -> list[HistoryEntry]:
    """Newest first. Each entry lists the fields that changed against the version before it.

    Related records are named with one query per kind of record named; a related record `user`
    may not see (or one deleted since) is shown by its kind and number only.
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])  # type: ignore[attr-defined]
    fields = tracked_fields(obj)
    raw: list[tuple[Any, list[tuple[models.Field, Any, Any]]]] = []  # type: ignore[type-arg]
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changed = []
        if previous is not None and record.history_type == "~":
            for field in fields:
                old, new = getattr(previous, field.attname), getattr(record, field.attname)
                if old != new:
                    changed.append((field, old, new))
        raw.append((record, changed))

    names = related_names([change for _, changed in raw for change in changed], user)
    entries = []
    for record, changed in raw:
        changes = [
            Change(
                str(getattr(field, "verbose_name", field.name)).capitalize(),
                readable(field, old, names),
                readable(field, new, names),
            )
            for field, old, new in changed
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


def related_names(
    changes: list[tuple[models.Field, Any, Any]],  # type: ignore[type-arg]
    user: Any,
) -> dict[tuple[type[models.Model], Any], str]:
    """The names of the related records the changes mention: one query per related model."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for field, old, new in changes:
        if field.is_relation and field.related_model is not None:
            wanted[field.related_model] |= {value for value in (old, new) if value is not None}  # type: ignore[index]
    names: dict[tuple[type[models.Model], Any], str] = {}
    for model, ids in wanted.items():
        rows = model._default_manager.filter(pk__in=ids)
        # People's names are shown anyway, as who made each change; other records only if the
        # reader may see them.
        if user is not None and model._meta.label != settings.AUTH_USER_MODEL and hasattr(rows, "restrict"):
            rows = rows.restrict(user, "view")
        for row in rows:
            names[(model, row.pk)] = str(row)
    return names


def readable(field: models.Field, value: Any, names: dict[tuple[type[models.Model], Any], str]) -> Any:  # type: ignore[type-arg]
    """A stored value as people read it (the template then formats dates and yes/no)."""
    if value is None or value == "":
        return value
    if field.is_relation and field.related_model is not None:
        model: type[models.Model] = field.related_model  # type: ignore[assignment]
        return names.get((model, value)) or f"{str(model._meta.verbose_name).capitalize()} #{value}"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value
