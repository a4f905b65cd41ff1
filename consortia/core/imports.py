"""The import framework: read CSV, TSV or Excel; check every row; write all or nothing.

An `Importer` subclass names its model, the form that validates one row, and how the file's
columns map onto that form's fields. `run()` reads the whole file and validates every row
before it writes any, so a file with one bad row changes nothing, and the report names each
bad row (numbered as a spreadsheet shows it: the header is row 1) and column. A row whose
values equal what is stored is counted as unchanged and not saved, so re-importing the same
file changes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.forms import ModelForm, modelform_factory
from django.utils.datastructures import MultiValueDict

from consortia.core.forms import BaseModelForm

ROW = "(whole row)"
FILE = "(file)"
MAX_ERRORS = 500


@dataclass(frozen=True)
class RowError:
    row: int  # 0 for a problem with the whole file
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}, {self.column}" if self.row else "The file"
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    committed: bool = False
    errors: list[RowError] = field(default_factory=list)
    # Values the importer left out of a row without refusing it (third-party data's typos).
    warnings: list[RowError] = field(default_factory=list)
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        """For keeping in an ImportJob (JSON)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportResult:
        found = {key: value for key, value in data.items() if key not in ("errors", "warnings")}
        return cls(
            **found,
            errors=[RowError(**error) for error in data.get("errors", [])],
            warnings=[RowError(**warning) for warning in data.get("warnings", [])],
        )

    def summary(self) -> str:
        if not self.ok:
            count = len(self.errors)
            more = " (showing the first 500)" if self.truncated else ""
            return f"Nothing was imported: {count} problem{'s' if count != 1 else ''} found{more}."
        verb = "Imported" if self.committed else "Checked, nothing written"
        parts = [f"{self.created} new", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return f"{verb}: {self.rows} rows — " + ", ".join(parts) + "."


class ImportFileError(Exception):
    """A problem with the whole file (empty, not a spreadsheet, wrong columns)."""


def read_table(data: bytes, delimiter: str | None = None) -> tuple[list[str], Iterator[list[str]]]:
    """Headers and rows of a CSV/TSV (UTF-8 with or without BOM, or Windows-1252) or .xlsx file."""
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if b"\x00" in data[:8192]:
        raise ImportFileError(
            "This file is not a CSV or Excel (.xlsx) file: it looks like a binary file. "
            "Save it from your spreadsheet program as CSV or Excel workbook and try again."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # The Charity Commission for Northern Ireland and older Excel versions write Windows-1252.
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    if delimiter is None:
        delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise ImportFileError("The file is empty.") from None
    except csv.Error as error:
        raise ImportFileError(f"The file could not be read as CSV: {error}.") from None
    return headers, reader


def _read_xlsx(data: bytes) -> tuple[list[str], Iterator[list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of error for a damaged file
        raise ImportFileError("This file could not be opened as an Excel workbook (.xlsx).") from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        headers = ["" if cell is None else str(cell) for cell in next(rows)]
    except StopIteration:
        raise ImportFileError("The first sheet of the workbook is empty.") from None

    def cells() -> Iterator[list[str]]:
        for row in rows:
            yield [_cell_text(cell) for cell in row]

    return headers, cells()


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if hasattr(cell, "strftime"):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def normalise_header(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").replace("_", " ").strip().lower().split())


class Importer:
    """Base importer. Subclasses set `model`, `form` (a `BaseModelForm`) and `columns`, and may
    override `transform`, `keys` and `index_existing`. Look records up through `visible()`, so a
    user's import can neither match nor reveal rows they may not see."""

    name: ClassVar[str] = "consortia"
    label: ClassVar[str] = "Spreadsheet in Consortia's columns (CSV or Excel)"
    model: ClassVar[type[models.Model]]
    form: ClassVar[type[BaseModelForm]]
    # header (as normalise_header gives it) -> form field name
    columns: ClassVar[dict[str, str]] = {}
    required_columns: ClassVar[set[str]] = set()
    # Headers whose presence identifies this format when the user does not choose one.
    signature: ClassVar[set[str]] = set()
    ignore_unknown_columns: ClassVar[bool] = False
    multi_value_fields: ClassVar[set[str]] = set()
    help_text: ClassVar[str] = ""
    delimiter: ClassVar[str | None] = None

    def __init__(self, user: Any = None, progress: Callable[[int], None] | None = None, file_name: str = "") -> None:
        self.user = user
        self.progress = progress
        # The uploaded file's own name (a background job hands over its bytes only).
        self.file_name = file_name
        self._index: dict[str, models.Model] | None = None
        self.warnings: list[RowError] = []
        self._headers: dict[str, str] = {}
        # Called once every row has passed, just before the writing starts (a background job
        # uses it to say "Saving").
        self.before_writing: Callable[[], Any] = lambda: None

    def visible(self, queryset: Any, action: str = "view") -> Any:
        """`queryset` as the importing user may see it (all of it for a command-line import)."""
        return queryset if self.user is None else queryset.restrict(self.user, action)

    # -- hooks for subclasses ---------------------------------------------------------------
    def prepare(self, data: bytes) -> bytes:
        """The file's bytes before reading: repair a format its publisher is known to get wrong."""
        return data

    def warn(self, number: int, column: str, message: str) -> None:
        """Note a value left out of row `number` without refusing the row."""
        self.warnings.append(RowError(number, self._headers.get(column, column), message))

    def transform(self, row: dict[str, str], number: int) -> dict[str, Any] | None:
        """Form data for one row (keyed by form field), or None to skip the row."""
        return {self.columns[header]: value.strip() for header, value in row.items() if header in self.columns}

    def keys(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        """(column, identifier) pairs that identify the row's record; used to match and de-duplicate."""
        return []

    def index_existing(self) -> dict[str, models.Model]:
        """identifier -> existing record, for every record that could match (one query)."""
        return {}

    def taken_keys(self) -> dict[str, Any] | None:
        """identifier -> primary key for every record, visible or not, whose identifiers must stay
        unique; None to leave uniqueness to each row's form (a query or more a row)."""
        return None

    # -- the run -------------------------------------------------------------------------------
    @classmethod
    def detect(cls, importers: Iterable[type[Importer]], upload: UploadedFile | bytes) -> type[Importer]:
        """The importer whose signature columns the file has (the first one when none match)."""
        candidates = list(importers)
        return cls.recognise(candidates, upload if isinstance(upload, bytes) else _read_upload(upload)) or candidates[0]

    @staticmethod
    def recognise(importers: Iterable[type[Importer]], data: bytes) -> type[Importer] | None:
        """The importer whose signature columns appear in the file's first line, or None."""
        try:
            headers, _ = read_table(data[:65536])
        except ImportFileError:
            return None
        normalised = {normalise_header(header) for header in headers}
        for importer in importers:
            if importer.signature and importer.signature <= normalised:
                return importer
        return None

    def run(self, upload: UploadedFile | bytes, commit: bool = True) -> ImportResult:
        result = ImportResult()
        # Everything is looked up afresh each run: a check run's forms changed the indexed records.
        self._index = None
        self.warnings = []
        data = self.prepare(upload if isinstance(upload, bytes) else _read_upload(upload))
        try:
            headers, rows = read_table(data, self.delimiter)
            column_names = self._check_headers(headers)
            self._headers = {
                name: header.strip().lstrip("\ufeff") for name, header in zip(column_names, headers, strict=True)
            }
        except ImportFileError as error:
            result.errors.append(RowError(0, FILE, str(error)))
            return result
        pending = self._validate(column_names, rows, result)
        result.warnings = list(self.warnings)
        if result.errors or not commit:
            return result
        reason = _history_reason(f"Imported: {self.label}")
        self.before_writing()
        with transaction.atomic():
            for written, (instance, form) in enumerate(pending, start=1):
                if self.progress and written % 1000 == 0:
                    self.progress(written)
                if hasattr(instance, "stamp"):
                    instance.stamp(self.user)
                instance._history_user = self.user  # type: ignore[attr-defined]
                instance._change_reason = reason  # type: ignore[attr-defined]
                instance.save()
                form.save_m2m()
        result.committed = True
        return result

    def _check_headers(self, headers: list[str]) -> list[str]:
        names = [normalise_header(header) for header in headers]
        if not any(names):
            raise ImportFileError("The first row must hold the column names; it is blank.")
        missing = sorted(self.required_columns - set(names))
        problems = []
        if missing:
            problems.append("missing column" + ("s" if len(missing) > 1 else "") + ": " + ", ".join(missing))
        if not self.ignore_unknown_columns:
            unknown = [header for header, name in zip(headers, names, strict=True) if name and name not in self.columns]
            if unknown:
                problems.append("unknown column" + ("s" if len(unknown) > 1 else "") + ": " + ", ".join(unknown))
        seen: set[str] = set()
        for name in names:
            if name and name in seen:
                problems.append(f"the column “{name}” appears twice")
            seen.add(name)
        if problems:
            expected = ", ".join(sorted(self.columns))
            raise ImportFileError(
                "The columns are not right — " + "; ".join(problems) + f". The columns are: {expected}."
            )
        return names

    def _validate(
        self, names: list[str], rows: Iterator[list[str]], result: ImportResult
    ) -> list[tuple[models.Model, ModelForm]]:
        if self._index is None:
            self._index = self.index_existing()
        index = self._index
        # When the importer can list every identifier in use, uniqueness is checked here for the
        # whole file at once instead of by queries for every row (thousands of rows a minute).
        taken = self.taken_keys()
        field_to_column = {field_name: column for column, field_name in self.columns.items()}
        seen: dict[str, int] = {}
        matched: dict[Any, int] = {}
        pending: list[tuple[models.Model, ModelForm]] = []
        form_classes: dict[tuple[str, ...], type[BaseModelForm]] = {}
        for number, cells in enumerate(rows, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(result.errors) >= MAX_ERRORS:
                result.truncated = True
                break
            result.rows += 1
            if self.progress and result.rows % 1000 == 0:
                self.progress(result.rows)
            row = dict(zip(names, cells, strict=False))
            errors: list[RowError] = []
            data = self.transform(row, number)
            if data is None:
                result.skipped += 1
                continue
            keys = self.keys(data)
            instance = None
            for column, key in keys:
                if key in seen:
                    errors.append(RowError(number, column, f"the same value is already on row {seen[key]}."))
                seen.setdefault(key, number)
                found = index.get(key)
                if found is not None:
                    if instance is not None and instance.pk != found.pk:
                        errors.append(
                            RowError(number, column, f"matches “{found}”, but another column matches “{instance}”.")
                        )
                    instance = found
            if instance is not None:
                if instance.pk in matched and matched[instance.pk] != number:
                    errors.append(RowError(number, ROW, f"updates the same record as row {matched[instance.pk]}."))
                matched[instance.pk] = number
            if taken is not None:
                for column, key in keys:
                    owner = taken.get(key)
                    if owner is not None and (instance is None or owner != instance.pk):
                        errors.append(RowError(number, column, "another record in Consortia already has this value."))
            fields = tuple(sorted(data))
            if fields not in form_classes:
                form_class = modelform_factory(self.model, form=self.form, fields=list(fields))
                form_classes[fields] = cast(type[BaseModelForm], form_class)
            before = _values(instance) if instance is not None else None
            form = form_classes[fields](self._form_data(data), instance=instance, user=self.user)
            form.skip_unique_checks = taken is not None
            form.instance.constraints_checked_in_bulk = taken is not None
            if form.is_valid():
                # Compare what would be stored (after the model's own tidying: "pr12aa" is stored
                # as "PR1 2AA"), not what the file says, so a re-import is truly unchanged.
                if instance is not None and _values(form.instance) == before and not _m2m_changed(form):
                    result.unchanged += 1
                else:
                    pending.append((form.save(commit=False), form))
                    if instance is None:
                        result.created += 1
                    else:
                        result.updated += 1
            else:
                for field_name, messages in form.errors.items():
                    column = ROW if field_name == NON_FIELD_ERRORS else field_to_column.get(field_name, field_name)
                    errors.extend(RowError(number, column, str(message)) for message in messages)
            # Name each column as the file spells it, so the user can find it.
            result.errors.extend(RowError(e.row, self._headers.get(e.column, e.column), e.message) for e in errors)
        if result.rows == 0 and not result.errors:
            result.errors.append(RowError(0, FILE, "The file has column names but no rows to import."))
        return pending

    def _form_data(self, data: dict[str, Any]) -> MultiValueDict:
        values: MultiValueDict = MultiValueDict()
        for key, value in data.items():
            if isinstance(value, (list, tuple)):
                values.setlist(key, [str(item) for item in value])
            else:
                values[key] = "" if value is None else str(value)
        return values


def _history_reason(text: str) -> str:
    # The history table keeps a reason of at most 100 characters (PostgreSQL refuses more).
    return text if len(text) <= 100 else text[:99] + "…"


def _values(instance: models.Model) -> dict[str, Any]:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def _m2m_changed(form: ModelForm) -> bool:
    # A form that writes related records in save_m2m() (a membership's capabilities) says whether
    # the row would change them.
    related_changes = getattr(form, "has_related_changes", None)
    if related_changes is not None and related_changes():
        return True
    instance = form.instance
    for relation in instance._meta.many_to_many:
        if relation.name in form.cleaned_data:
            stored = {item.pk for item in getattr(instance, relation.name).all()}
            if stored != {item.pk for item in form.cleaned_data[relation.name]}:
                return True
    return False


def _read_upload(upload: UploadedFile) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data if isinstance(data, bytes) else data.encode()
