"""Data protection operations: the subject-access export, erasure, the retention rules and the
log of sensitive records opened. All of them read the record types from `privacy.registry`."""

from __future__ import annotations

import functools
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import ProtectedError, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from openpyxl import Workbook

from consortia.privacy.models import ErasureRecord, SensitiveView, SubjectAccessRequest
from consortia.privacy.registry import (
    ANONYMISE,
    DELETE,
    KEEP,
    SECRET_FIELDS,
    UNLINK,
    Person,
    RecordType,
    find,
    placeholder,
    record_types,
    sensitive_kind,
)

# -- what is held ---------------------------------------------------------------------------------


@dataclass
class Held:
    """One record type's rows held about a person."""

    entry: RecordType
    pks: list[int]
    rows: list[str] = field(default_factory=list)  # the first rows, named as the page shows them

    @property
    def count(self) -> int:
        return len(self.pks)


def held_about(person: Person, *, with_rows: bool = True) -> list[Held]:
    """Every record type holding rows about `person`, with those rows (for the page)."""
    found = find(person)
    held = []
    for entry in record_types():
        pks = found.get(entry.key, [])
        if not pks:
            continue
        shown = entry.model._base_manager.filter(pk__in=pks).order_by("pk")[:50] if with_rows else []
        rows = [entry.describe(obj) for obj in shown]
        held.append(Held(entry, pks, rows))
    return held


def _plain(value: Any) -> Any:
    """A value as JSON holds it."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)


def _exported_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if f.name not in SECRET_FIELDS]


def _row(obj: models.Model) -> dict[str, Any]:
    """A record's fields, related records by name and choices by label."""
    data: dict[str, Any] = {}
    for model_field in _exported_fields(type(obj)):
        if model_field.is_relation:
            related = getattr(obj, model_field.name)
            data[model_field.name] = str(related) if related is not None else None
        elif model_field.choices:
            data[model_field.name] = getattr(obj, f"get_{model_field.name}_display")()
        else:
            data[model_field.name] = _plain(getattr(obj, model_field.name))
    for many in type(obj)._meta.many_to_many:
        data[many.name] = [str(item) for item in getattr(obj, many.name).all()]
    return data


HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def _history(model: type[models.Model], pks: list[int]) -> list[dict[str, Any]]:
    manager = getattr(model, "history", None)
    if manager is None:
        return []
    rows = []
    for row in manager.filter(id__in=pks).select_related("history_user").order_by("id", "history_date"):
        data = {
            "when": _plain(row.history_date),
            "what": HISTORY_TYPES.get(row.history_type, row.history_type),
            "by": str(row.history_user) if row.history_user_id else None,
            "reason": row.history_change_reason or "",
        }
        for model_field in _exported_fields(model):
            data[model_field.name] = _plain(getattr(row, model_field.attname, None))
        rows.append(data)
    return rows


def subject_access_data(person: Person) -> dict[str, Any]:
    """Everything held about `person`, per record type, with each record's change history."""
    records = []
    for held in held_about(person, with_rows=False):
        model = held.entry.model
        rows = model._base_manager.filter(pk__in=held.pks).order_by("pk")
        records.append(
            {
                "record_type": held.entry.title,
                "retention": held.entry.retention,
                "legal_basis": held.entry.legal_basis,
                "records": [_row(obj) for obj in rows],
                "history": _history(model, held.pks),
            }
        )
    return {
        "about": {"name": person.name, "email": person.email},
        "produced": timezone.localtime().isoformat(),
        "record_types": records,
    }


def _sheet_title(title: str, taken: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28]
    name, number = base, 2
    while name in taken:
        name, number = f"{base[:25]} {number}", number + 1
    taken.add(name)
    return name


def _write_sheet(book: Workbook, title: str, rows: list[dict[str, Any]], taken: set[str]) -> None:
    sheet = book.create_sheet(_sheet_title(title, taken))
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    sheet.append(columns)
    for row in rows:
        sheet.append([_cell(row.get(column)) for column in columns])


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value


def subject_access_zip(person: Person) -> tuple[bytes, dict[str, int]]:
    """The export for `person`: a ZIP of one JSON file (everything) and one Excel workbook (a
    sheet per record type and one per record type's history); and the counts per record type."""
    data = subject_access_data(person)
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "About"
    summary.append(["Subject-access export for", str(person)])
    summary.append(["Produced", timezone.localtime().strftime("%d/%m/%Y %H:%M")])
    summary.append([])
    summary.append(["Record type", "Records", "How long it is kept", "Why we hold it"])
    taken = {"About"}
    counts = {}
    for kind in data["record_types"]:
        counts[kind["record_type"]] = len(kind["records"])
        summary.append([kind["record_type"], len(kind["records"]), kind["retention"], kind["legal_basis"]])
        _write_sheet(book, kind["record_type"], kind["records"], taken)
        if kind["history"]:
            _write_sheet(book, f"{kind['record_type'][:20]} history", kind["history"], taken)
    workbook = io.BytesIO()
    book.save(workbook)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("subject-access.json", json.dumps(data, ensure_ascii=False, indent=2))
        bundle.writestr("subject-access.xlsx", workbook.getvalue())
    return archive.getvalue(), counts


@transaction.atomic
def fulfil_request(
    person: Person, user: Any, request: SubjectAccessRequest | None = None, **details: Any
) -> tuple[SubjectAccessRequest, bytes]:
    """Produce the export for `person` and record it on the request (a new one unless given)."""
    content, counts = subject_access_zip(person)
    if request is None:
        request = SubjectAccessRequest(subject_name=person.name, subject_email=person.email, **details)
    request.fulfilled_on = timezone.localdate()
    request.fulfilled_by = user
    request.record_counts = counts
    request.stamp(user)
    request.full_clean()
    request.save()
    return request, content


# -- erasure ---------------------------------------------------------------------------------------


@dataclass
class Step:
    """What erasure does to one record type's rows about the person."""

    entry: RecordType
    erase: list[int]  # rows deleted, anonymised or unlinked, as `entry.on_erasure` says
    kept: list[int]

    @property
    def action(self) -> str:
        return self.entry.on_erasure if self.erase else KEEP

    @property
    def reason(self) -> str:
        """Why the kept rows are kept."""
        if not self.kept:
            return ""
        return self.entry.keep_reason if self.entry.on_erasure != KEEP else self.entry.legal_basis


def erasure_plan(person: Person) -> list[Step]:
    """Per record type holding rows about `person`: which rows erasure would delete, anonymise
    or unlink, and which it keeps and why."""
    steps = []
    for held in held_about(person, with_rows=False):
        entry = held.entry
        if entry.on_erasure == KEEP:
            steps.append(Step(entry, [], held.pks))
            continue
        kept: list[int] = []
        if entry.keep_when is not None:
            kept = sorted(
                entry.model._base_manager.filter(entry.keep_when, pk__in=held.pks).values_list("pk", flat=True)
            )
        steps.append(Step(entry, [pk for pk in held.pks if pk not in set(kept)], kept))
    return steps


def anonymise_history(model: type[models.Model], pks: Iterable[int], names: Iterable[str]) -> None:
    """The personal fields of the records' history rows become placeholders too."""
    manager = getattr(model, "history", None)
    if manager is None:
        return
    history_model = manager.model
    fields = {name: history_model._meta.get_field(name) for name in names if _has_field(history_model, name)}
    if not fields:
        return
    for pk in pks:
        history_model._base_manager.filter(id=pk).update(
            **{name: placeholder(model_field, pk) for name, model_field in fields.items()}
        )


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:  # a field the history leaves out
        return False
    return True


def anonymise(entry: RecordType, pks: list[int]) -> int:
    """Replace the personal fields of the rows, and of their history, by placeholders; files go."""
    model = entry.model
    files = []
    for obj in model._base_manager.filter(pk__in=pks):
        values = {}
        for name in entry.personal:
            model_field: Any = model._meta.get_field(name)
            if isinstance(model_field, models.FileField):
                stored = getattr(obj, name)
                if stored:
                    files.append(stored)
            values[name] = placeholder(model_field, obj.pk)
        # A plain update: saving would write one more history row holding what is being erased.
        model._base_manager.filter(pk=obj.pk).update(**values)
    anonymise_history(model, pks, entry.personal)
    for stored in files:
        transaction.on_commit(functools.partial(stored.storage.delete, stored.name))
    return len(pks)


def delete_rows(entry: RecordType, pks: list[int]) -> tuple[int, int]:
    """Delete the rows (their history keeps that they existed, without the personal fields).
    Rows other records depend on are anonymised instead. Returns (deleted, anonymised)."""
    model = entry.model
    deleted = anonymised = 0
    for pk in pks:
        try:
            with transaction.atomic():
                model._base_manager.filter(pk=pk).delete()
            deleted += 1
        except ProtectedError:
            anonymised += anonymise(entry, [pk])
    anonymise_history(model, pks, entry.personal)
    return deleted, anonymised


def unlink(entry: RecordType, person_found: dict[str, list[int]], pks: list[int]) -> int:
    """Take the person off the records (their attendance at a meeting with a commissioner)."""
    model = entry.model
    for name in entry.unlink:
        many: Any = model._meta.get_field(name)
        through = many.remote_field.through
        people = person_found.get(many.related_model._meta.label_lower, [])
        if people:
            source, other = many.m2m_field_name(), many.m2m_reverse_field_name()
            through.objects.filter(**{f"{source}__in": pks, f"{other}__in": people}).delete()
    return len(pks)


@transaction.atomic
def erase_person(person: Person, user: Any, reference: str = "", *, today: date | None = None) -> ErasureRecord:
    """Erase what is held about `person` where no legal reason keeps it, in one transaction:
    per record type delete, anonymise or unlink the rows, keep the rest (see `erasure_plan`).
    The user account goes last, as other record types are found through it."""
    today = today or timezone.localdate()
    found = find(person)
    counts: dict[str, dict[str, int]] = {}
    steps = erasure_plan(person)
    # Accounts, contacts and staff records last: unlinking finds the person through them.
    steps.sort(key=lambda step: step.entry.key in ("users.user", "directory.contact"))
    for step in steps:
        entry = step.entry
        done = {"deleted": 0, "anonymised": 0, "unlinked": 0, "kept": len(step.kept)}
        if step.erase:
            if entry.eraser is not None:
                done["anonymised"] = entry.eraser(entry.model._base_manager.filter(pk__in=step.erase), today)
                anonymise_history(entry.model, step.erase, entry.personal)
            elif entry.on_erasure == DELETE:
                done["deleted"], done["anonymised"] = delete_rows(entry, step.erase)
            elif entry.on_erasure == ANONYMISE:
                done["anonymised"] = anonymise(entry, step.erase)
            elif entry.on_erasure == UNLINK:
                done["unlinked"] = unlink(entry, found, step.erase)
        counts[entry.title] = done
    return ErasureRecord.objects.create(erased_by=user, reference=reference, counts=counts)


# -- retention -------------------------------------------------------------------------------------


def apply_retention(today: date | None = None, *, dry_run: bool = False) -> dict[str, int]:
    """Apply every retention rule whose period has passed: {record type: rows dealt with}.
    Safe to run again: rows already dealt with are not found again."""
    today = today or timezone.localdate()
    results: dict[str, int] = {}
    for entry in record_types():
        if entry.expired is None:
            continue
        rows: QuerySet[Any] = entry.expired(today)
        pks = sorted(rows.values_list("pk", flat=True))
        if not dry_run and pks:
            with transaction.atomic():
                if entry.eraser is not None:
                    entry.eraser(entry.model._base_manager.filter(pk__in=pks), today)
                    anonymise_history(entry.model, pks, entry.personal)
                elif entry.retention_action == ANONYMISE:
                    anonymise(entry, pks)
                else:
                    delete_rows(entry, pks)
        results[entry.title] = len(pks)
    return results


# -- sensitive records opened ------------------------------------------------------------------


def note_opened(sender: Any, request: HttpRequest, obj: models.Model, **kwargs: Any) -> None:
    """Log that the request's user opened `obj` when it is a sensitive record (once a request)."""
    plain = getattr(request, "_request", request)  # the Django request under a DRF one
    match = getattr(plain, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    kind = sensitive_kind(obj, view_name)
    if kind is None or not getattr(plain.user, "is_authenticated", False):
        return
    seen: set[tuple[str, Any, str]] = plain.__dict__.setdefault("_sensitive_views", set())
    key = (obj._meta.label_lower, obj.pk, view_name)
    if key in seen:
        return
    seen.add(key)
    user: Any = plain.user
    SensitiveView.objects.create(
        user=user,
        kind=kind,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        record_name=str(obj)[:300],
        view_name=view_name,
        path=plain.get_full_path()[:500],
    )
