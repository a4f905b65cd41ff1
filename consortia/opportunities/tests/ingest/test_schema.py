"""The committed release schema is what build_release_schema makes from the shared copies."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from consortia.opportunities.schema import SCHEMA_FILE, build_release_schema, merge_patch, render

from .conftest import DATA


def test_committed_schema_is_the_built_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(build_release_schema(DATA / "ocds-schema"))
    out = StringIO()
    call_command("build_release_schema", "--check", stdout=out)
    assert "up to date" in out.getvalue()


def test_patched_schema_has_the_uk_fields() -> None:
    schema = build_release_schema(DATA / "ocds-schema")
    definitions = schema["definitions"]
    assert definitions["Suitability"]["properties"].keys() == {"sme", "vcse"}
    assert "suitability" in definitions["Tender"]["properties"]
    assert "noticeType" in definitions["Document"]["properties"]
    # The core schema survives the patches.
    assert definitions["Tender"]["properties"]["items"]["items"]["$ref"] == "#/definitions/Item"


def test_merge_patch_follows_rfc_7396() -> None:
    assert merge_patch({"a": {"b": 1, "c": 2}, "d": [1]}, {"a": {"b": None, "e": 3}, "d": [2]}) == {
        "a": {"c": 2, "e": 3},
        "d": [2],
    }


def test_check_fails_when_the_source_is_missing(tmp_path: object) -> None:
    with pytest.raises(CommandError, match=r"no 1\.1\.5"):
        call_command("build_release_schema", "--source", str(tmp_path), "--check")
