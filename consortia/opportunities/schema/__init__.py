"""The OCDS release schema the notices are compiled with: 1.1.5 patched with the UK extensions.

The merge rules (which lists are replaced whole, which fields are left out of a compiled release)
come from this schema, so it must name every field the UK feeds send. It is built once, by
`manage.py build_release_schema`, from the copies of the standard and of the extensions kept in
the shared data folder, and committed here as `release-schema.json`: nothing is fetched from the
internet when notices are imported.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).resolve().parent / "release-schema.json"

# Applied in this order: the UK extension builds on the suitability extension's `Suitability`.
EXTENSIONS = ("suitability", "uk")


def merge_patch(target: Any, patch: Any) -> Any:
    """Apply a JSON merge patch (RFC 7396): objects merge key by key, null removes, else replace."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def build_release_schema(source: Path) -> dict[str, Any]:
    """The 1.1.5 release schema with each extension's release-schema.json merge-patched onto it.

    `source` is the `ocds-schema` folder: `1.1.5/release-schema.json` and
    `extensions/<name>/release-schema.json`.
    """
    schema = json.loads((source / "1.1.5" / "release-schema.json").read_text(encoding="utf-8"))
    for name in EXTENSIONS:
        patch = json.loads((source / "extensions" / name / "release-schema.json").read_text(encoding="utf-8"))
        schema = merge_patch(schema, patch)
    return schema


def render(schema: dict[str, Any]) -> str:
    """The schema as the committed file holds it (stable, so rebuilding changes nothing)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


@functools.cache
def release_schema() -> dict[str, Any]:
    """The committed, patched release schema."""
    result: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return result
