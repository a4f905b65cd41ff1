"""Loading a 360Giving file (JSON, or the spreadsheet in 360Giving's column titles) into `GrantRecord`s.

The whole file is checked against the 360Giving JSON Schema (and our own reading of its dates)
before a single row is written: a file that fails writes nothing and lists every problem by its
JSON path (`grants/3/amountAwarded: 'abc' is not of type 'number'`; a spreadsheet's problems name
its row too). A JSON file is read grant by grant (ijson), so a large one is never in memory
whole; what is kept between the check and the write is only the extracted fields of each grant.
Loading the same file again changes nothing: grants are matched on their identifier, and a grant
whose fields are as stored is not written.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import ijson
from django.db import transaction
from django.utils import timezone
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match

from consortia.core.imports import FILE, ImportResult, RowError
from consortia.funding.choices import RecipientType
from consortia.funding.models import GrantDataset, GrantRecord
from consortia.funding.schema import grant_schema, grant_validator, registry_metadata

MAX_ERRORS = 500
BATCH = 1000
PENNY = Decimal("0.01")
# The fields compared to decide whether a stored grant is unchanged (everything we keep).
CONTENT_FIELDS = (
    "title",
    "description",
    "amount_awarded",
    "currency",
    "award_date",
    "duration_months",
    "recipient_name",
    "recipient_org_id",
    "recipient_type",
    "recipient_org_type",
    "recipient_location",
    "recipient_postcode",
    "beneficiary_locations",
    "beneficiary_geo_codes",
    "programme",
    "funder_name",
    "funder_org_id",
)

# org-id prefixes (org-id.guide) -> the kind of recipient.
PREFIX_TYPES = {
    "GB-CHC": RecipientType.CHARITY,
    "GB-SC": RecipientType.CHARITY,
    "GB-NIC": RecipientType.CHARITY,
    "GB-COH": RecipientType.COMPANY,
    "GB-EDU": RecipientType.EDUCATION,
    "GB-UKPRN": RecipientType.EDUCATION,
    "GB-GOR": RecipientType.PUBLIC,
    "GB-LAE": RecipientType.PUBLIC,
    "GB-LAS": RecipientType.PUBLIC,
    "GB-LAW": RecipientType.PUBLIC,
    "GB-LANI": RecipientType.PUBLIC,
    "GB-PLA": RecipientType.PUBLIC,
    "GB-NHS": RecipientType.PUBLIC,
    "GB-MPR": RecipientType.MUTUAL,
}
# Words in a published "organisation type" -> the kind of recipient, first match wins.
TYPE_WORDS = (
    ("charit", RecipientType.CHARITY),
    ("school", RecipientType.EDUCATION),
    ("educat", RecipientType.EDUCATION),
    ("universit", RecipientType.EDUCATION),
    ("college", RecipientType.EDUCATION),
    ("council", RecipientType.PUBLIC),
    ("authority", RecipientType.PUBLIC),
    ("nhs", RecipientType.PUBLIC),
    ("public", RecipientType.PUBLIC),
    ("society", RecipientType.MUTUAL),
    ("co-op", RecipientType.MUTUAL),
    ("compan", RecipientType.COMPANY),
    ("cic", RecipientType.COMPANY),
)


class GivingFileError(Exception):
    """A problem with the whole file (not JSON, not a workbook, no grants)."""


@dataclass
class Problems:
    """The problems found so far, up to MAX_ERRORS."""

    errors: list[RowError] = field(default_factory=list)
    truncated: bool = False

    def add(self, path: str, message: str, row: int = 0) -> None:
        if len(self.errors) >= MAX_ERRORS:
            self.truncated = True
            return
        self.errors.append(RowError(row, path, message))

    @property
    def full(self) -> bool:
        return len(self.errors) >= MAX_ERRORS


# -- reading -----------------------------------------------------------------------------------
def is_workbook(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def json_grants(data: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    """(0, grant) for each grant of a 360Giving JSON package, read one at a time."""
    try:
        for grant in ijson.items(io.BytesIO(data), "grants.item"):
            yield 0, grant
    except ijson.JSONError as error:
        raise GivingFileError(f"The file is not valid JSON ({error}).") from None


def _normalise_title(title: str) -> str:
    text = " ".join(str(title).replace("\ufeff", "").split()).lower()
    return re.sub(r"\s*:\s*", ":", text)


def _property_type(spec: dict[str, Any], definitions: dict[str, Any]) -> tuple[dict[str, Any], str]:
    if "$ref" in spec:
        target = definitions[spec["$ref"].rsplit("/", 1)[-1]]
        return target, spec.get("title") or target.get("title", "")
    return spec, spec.get("title", "")


def _kind(spec: dict[str, Any]) -> str:
    kinds = spec.get("type", "string")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "number" if "number" in kinds or "integer" in kinds else "string"


def spreadsheet_columns() -> dict[str, tuple[tuple[str | int, ...], str]]:
    """360Giving column title (normalised) -> (JSON path, "number" or "string"), from the schema's
    titles as flattentool reads them: "Amount Awarded" is `amountAwarded`, "Recipient Org:Name"
    is `recipientOrganization/0/name`."""
    schema = grant_schema()
    definitions = schema.get("$defs", {})
    columns: dict[str, tuple[tuple[str | int, ...], str]] = {}
    for key, spec in schema["properties"].items():
        target, title = _property_type(spec, definitions)
        if not title:
            continue
        items = target.get("items")
        if target.get("type") == "array" and isinstance(items, dict) and "$ref" in items:
            element = definitions[items["$ref"].rsplit("/", 1)[-1]]
            for sub_key, sub_spec in element.get("properties", {}).items():
                sub_target, sub_title = _property_type(sub_spec, definitions)
                if sub_title and sub_target.get("type") not in ("array", "object"):
                    columns[_normalise_title(f"{title}:{sub_title}")] = ((key, 0, sub_key), _kind(sub_target))
        elif target.get("type") == "object" and "properties" in target:
            for sub_key, sub_spec in target["properties"].items():
                sub_target, sub_title = _property_type(sub_spec, definitions)
                if sub_title and sub_target.get("type") not in ("array", "object"):
                    columns[_normalise_title(f"{title}:{sub_title}")] = ((key, sub_key), _kind(sub_target))
        elif target.get("type") != "array":
            columns[_normalise_title(title)] = ((key,), _kind(target))
    return columns


def _cell_value(cell: Any, kind: str) -> Any:
    """A spreadsheet cell as the JSON would hold it (as flattentool converts it); None when empty."""
    if cell is None:
        return None
    if isinstance(cell, str):
        cell = cell.strip()
        if cell == "":
            return None
    if kind == "number":
        if isinstance(cell, bool):
            return cell
        if isinstance(cell, (int, float, Decimal)):
            return Decimal(str(cell))
        try:
            return Decimal(str(cell).replace(",", ""))
        except InvalidOperation:
            return str(cell)  # left for the schema to refuse, by its path
    if isinstance(cell, datetime):
        return (cell if cell.tzinfo else cell.replace(tzinfo=UTC)).isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _put(grant: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Set `value` at `path` (`("recipientOrganization", 0, "name")`) in `grant`, making the way."""
    target: Any = grant
    position = 0
    while position < len(path) - 1:
        step, following = path[position], path[position + 1]
        if isinstance(following, int):
            items = target.setdefault(step, [])
            while len(items) <= following:
                items.append({})
            target = items[following]
            position += 2
        else:
            target = target.setdefault(step, {})
            position += 1
    target[path[-1]] = value


def workbook_grants(data: bytes, problems: Problems, warnings: list[RowError]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(spreadsheet row, grant) for each row of the first sheet, built from its column titles."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of error for a damaged file
        raise GivingFileError("This file could not be opened as an Excel workbook (.xlsx).") from None
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    try:
        headers = ["" if cell is None else str(cell) for cell in next(rows)]
    except StopIteration:
        raise GivingFileError("The first sheet of the workbook is empty.") from None
    known = spreadsheet_columns()
    mapping: list[tuple[tuple[str | int, ...], str] | None] = []
    for header in headers:
        found = known.get(_normalise_title(header)) if header.strip() else None
        if found is None and header.strip():
            warnings.append(RowError(1, header, "not a 360Giving column title: left out."))
        mapping.append(found)
    if not any(found and found[0] == ("id",) for found in mapping):
        raise GivingFileError("The first row has no “Identifier” column: is this a 360Giving spreadsheet?")
    for number, cells in enumerate(rows, start=2):
        if not any(cell not in (None, "") for cell in cells):
            continue
        grant: dict[str, Any] = {}
        for found, cell in zip(mapping, cells, strict=False):
            if found is None:
                continue
            value = _cell_value(cell, found[1])
            if value is not None:
                _put(grant, found[0], value)
        yield number, grant


# -- checking ------------------------------------------------------------------------------------
def _path(error: SchemaError, prefix: str) -> str:
    parts = [str(part) for part in error.absolute_path]
    return "/".join([prefix, *parts]) if parts else prefix


def _message(error: SchemaError) -> str:
    message = error.message
    return message if len(message) <= 300 else message[:297] + "…"


def schema_problems(grant: dict[str, Any], prefix: str) -> list[tuple[str, str]]:
    """(JSON path, message) for each way `grant` fails the 360Giving schema."""
    found: list[tuple[str, str]] = []
    for error in sorted(grant_validator().iter_errors(grant), key=lambda e: [str(p) for p in e.absolute_path]):
        if error.validator in ("oneOf", "anyOf") and error.context:
            # "is not valid under any of the given schemas" names nothing; the closest branch does.
            error = best_match(error.context)
        found.append((_path(error, prefix), _message(error)))
    return found


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _join(values: list[str], limit: int) -> str:
    text = "; ".join(dict.fromkeys(value for value in values if value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cut(value: Any, limit: int) -> str:
    text = "" if value is None else str(value).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def recipient_type(organisation: dict[str, Any] | None) -> str:
    """The kind of recipient from its org-id prefix, else its published type, else its numbers."""
    if organisation is None:
        return RecipientType.INDIVIDUAL
    org_id = str(organisation.get("id") or "").upper()
    for prefix, kind in PREFIX_TYPES.items():
        if org_id.startswith(prefix + "-"):
            return kind
    published = str(organisation.get("organisationType") or "").lower()
    for word, kind in TYPE_WORDS:
        if word in published:
            return kind
    if organisation.get("charityNumber"):
        return RecipientType.CHARITY
    if organisation.get("companyNumber"):
        return RecipientType.COMPANY
    return RecipientType.OTHER


def extract(grant: dict[str, Any]) -> dict[str, Any]:
    """The fields of a `GrantRecord` from a grant that has passed the schema."""
    organisations = grant.get("recipientOrganization") or []
    recipient = organisations[0] if organisations else None
    individual = grant.get("recipientIndividual") or {}
    funders = grant.get("fundingOrganization") or [{}]
    locations = grant.get("beneficiaryLocation") or []
    planned = grant.get("plannedDates") or [{}]
    duration = planned[0].get("duration")
    return {
        "identifier": str(grant["id"]).strip(),
        "title": _cut(grant.get("title"), 500),
        "description": str(grant.get("description") or "").strip(),
        "amount_awarded": Decimal(str(grant["amountAwarded"])).quantize(PENNY),
        "currency": _cut(grant.get("currency") or "GBP", 3),
        "award_date": _date(grant.get("awardDate")),
        "duration_months": Decimal(str(duration)).quantize(Decimal("0.1")) if duration is not None else None,
        "recipient_name": _cut((recipient or {}).get("name") or individual.get("name") or "An individual", 300),
        "recipient_org_id": _cut((recipient or {}).get("id") or "", 120),
        "recipient_type": recipient_type(recipient),
        "recipient_org_type": _cut((recipient or {}).get("organisationType"), 200),
        "recipient_location": _cut((recipient or {}).get("addressLocality"), 200),
        "recipient_postcode": _cut((recipient or {}).get("postalCode"), 20),
        "beneficiary_locations": _join([str(place.get("name") or "") for place in locations], 500),
        "beneficiary_geo_codes": _join([str(place.get("geoCode") or "") for place in locations], 300),
        "programme": _join([str(item.get("title") or "") for item in grant.get("grantProgramme") or []], 300),
        "funder_name": _cut(funders[0].get("name"), 300),
        "funder_org_id": _cut(funders[0].get("id"), 120),
    }


@dataclass
class Checked:
    """A file that has been read and checked: the grants' fields, or the problems."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    warnings: list[RowError] = field(default_factory=list)


def check_file(data: bytes, progress: Callable[[int], None] | None = None) -> Checked:
    """Read every grant of the file and check it against the schema; keep the fields of each."""
    checked = Checked()
    problems = checked.problems
    if not data.strip():
        problems.add(FILE, "The file is empty.")
        return checked
    seen: dict[str, str] = {}
    source = workbook_grants(data, problems, checked.warnings) if is_workbook(data) else json_grants(data)
    index = -1
    try:
        for index, (row, grant) in enumerate(source):
            prefix = f"grants/{index}"
            if progress and index and index % 1000 == 0:
                progress(index)
            if not isinstance(grant, dict):
                problems.add(prefix, "A grant must be an object (between { and }).", row)
                continue
            found = schema_problems(grant, prefix)
            for path, message in found:
                problems.add(path, message, row)
            if found:
                if problems.full:
                    problems.truncated = True
                    break
                continue
            identifier = str(grant["id"]).strip()
            if identifier in seen:
                problems.add(f"{prefix}/id", f"'{identifier}' is also the identifier of {seen[identifier]}.", row)
                continue
            seen[identifier] = prefix
            fields = extract(grant)
            if fields["award_date"] is None:
                problems.add(f"{prefix}/awardDate", f"'{grant.get('awardDate')}' is not a date (YYYY-MM-DD).", row)
                continue
            checked.rows.append(fields)
    except GivingFileError as error:
        problems.add(FILE, str(error))
        return checked
    if index < 0 and not problems.errors:
        problems.add("grants", 'The file has no grants: a 360Giving file is {"grants": [ … ]}.')
    return checked


# -- the publisher and the write ---------------------------------------------------------------
def publisher_for(rows: list[dict[str, Any]], metadata: list[dict[str, Any]] | None = None) -> dict[str, str]:
    """The publisher, licence and source of a file, from the 360Giving registry's metadata: the
    entry whose publisher prefix begins the grants' identifiers."""
    first = rows[0]["identifier"] if rows else ""
    for entry in metadata if metadata is not None else registry_metadata():
        publisher = entry.get("publisher") or {}
        prefix = str(publisher.get("prefix") or "")
        if prefix and (first == prefix or first.startswith(prefix + "-")):
            distribution = (entry.get("distribution") or [{}])[0]
            return {
                "title": _cut(entry.get("title"), 300),
                "publisher": _cut(publisher.get("name"), 300),
                "publisher_prefix": prefix,
                "publisher_website": publisher.get("website") or "",
                "licence": _cut(entry.get("license_name"), 200),
                "licence_url": entry.get("license") or "",
                "source_url": distribution.get("accessURL") or distribution.get("downloadURL") or "",
            }
    # Not in the registry: the funder of the first grant is the likeliest publisher.
    return {"publisher": _cut(rows[0]["funder_name"], 300) if rows else "Not known"}


def _differs(stored: GrantRecord, fields: dict[str, Any], dataset_id: int) -> bool:
    if stored.dataset_id != dataset_id:
        return True
    return any(getattr(stored, name) != fields[name] for name in CONTENT_FIELDS)


def import_file(
    data: bytes,
    file_name: str,
    *,
    commit: bool = True,
    metadata: list[dict[str, Any]] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[ImportResult, GrantDataset | None]:
    """Check the whole 360Giving file, then (if it passed and `commit`) upsert its grants by identifier.

    Returns the result (counts, or the problems by JSON path) and the dataset it was loaded as.
    """
    checked = check_file(data, progress)
    result = ImportResult(rows=len(checked.rows), warnings=checked.warnings)
    if checked.problems.errors:
        result.errors = checked.problems.errors
        result.truncated = checked.problems.truncated
        return result, None
    rows = checked.rows
    sha256 = hashlib.sha256(data).hexdigest()
    dataset = GrantDataset.objects.filter(sha256=sha256).first()
    stored: dict[str, GrantRecord] = {}
    identifiers = [row["identifier"] for row in rows]
    for start in range(0, len(identifiers), BATCH):
        for grant in GrantRecord.objects.filter(identifier__in=identifiers[start : start + BATCH]):
            stored[grant.identifier] = grant
    dataset_id = dataset.pk if dataset is not None else -1
    new = [row for row in rows if row["identifier"] not in stored]
    changed = [
        row for row in rows if row["identifier"] in stored and _differs(stored[row["identifier"]], row, dataset_id)
    ]
    result.created, result.updated = len(new), len(changed)
    result.unchanged = len(rows) - len(new) - len(changed)
    if not commit:
        return result, dataset
    if not new and not changed and dataset is not None:
        result.committed = True
        return result, dataset  # the same file again: nothing to write
    with transaction.atomic():
        if dataset is None:
            dataset = GrantDataset(sha256=sha256, **publisher_for(rows, metadata))
        dataset.file_name = _cut(file_name or "360Giving file", 255)
        dataset.imported_at = timezone.now()
        dataset.grant_count = len(rows)
        dataset.created_count, dataset.updated_count = result.created, result.updated
        dataset.unchanged_count = result.unchanged
        dataset.total_awarded = sum((row["amount_awarded"] for row in rows), Decimal(0))
        dataset.save()
        GrantRecord.objects.bulk_create([GrantRecord(dataset=dataset, **row) for row in new], batch_size=BATCH)
        updates = []
        for row in changed:
            grant = stored[row["identifier"]]
            for name in CONTENT_FIELDS:
                setattr(grant, name, row[name])
            grant.dataset = dataset
            grant.updated = timezone.now()
            updates.append(grant)
        GrantRecord.objects.bulk_update(updates, [*CONTENT_FIELDS, "dataset", "updated"], batch_size=BATCH)
    result.committed = True
    return result, dataset
