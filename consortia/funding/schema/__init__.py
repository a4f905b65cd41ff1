"""The 360Giving Standard's JSON Schema (1.4.3, CC BY 4.0), kept here so nothing is fetched to check a file.

`360-giving-package-schema.json` (a file: `{"grants": [...]}`, kept for reference) and
`360-giving-schema.json` (one grant) are copied unchanged from `ThreeSixtyGiving/standard`. A file
is checked grant by grant against the grant schema (the package schema's `grants.items`), so a
large file need not be in memory whole; the package's own rules (a list of at least one grant,
no grant twice) are checked by `services.giving`.
`registry-metadata.json` is the 360Giving registry's metadata for the publishers whose files the
hub has used (publisher, licence, where published), matched to a file by the publisher's prefix.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

FOLDER = Path(__file__).resolve().parent
GRANT_SCHEMA = FOLDER / "360-giving-schema.json"
PACKAGE_SCHEMA = FOLDER / "360-giving-package-schema.json"
REGISTRY_METADATA = FOLDER / "registry-metadata.json"


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def grant_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _load(GRANT_SCHEMA)
    return schema


@functools.cache
def package_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _load(PACKAGE_SCHEMA)
    return schema


@functools.cache
def format_checker() -> FormatChecker:
    """jsonschema's format checks, with `date-time` always checked (RFC 3339).

    jsonschema checks `date-time` only when the optional `rfc3339-validator` is installed; without
    it every string passes, and the schema's `awardDate` (a date *or* a date-time, `oneOf`) then
    refuses every plain date as matching both. So the check is ours.
    """
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not RFC3339.match(value):
            return False
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        return True

    return checker


@functools.cache
def grant_validator() -> Draft202012Validator:
    """A validator of one grant (the package schema's `grants.items`)."""
    return Draft202012Validator(grant_schema(), format_checker=format_checker())


@functools.cache
def registry_metadata() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = _load(REGISTRY_METADATA)
    return data
