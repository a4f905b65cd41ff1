"""`manage.py import_notices`: the summary, the progress line and the exit code."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from consortia.opportunities.models import IngestRun, Notice

from .conftest import CF_MINVALUE, CF_VCO, SAMPLE_PACKAGE, load


def test_import_prints_a_summary_and_progress() -> None:
    out, err = StringIO(), StringIO()
    call_command("import_notices", str(SAMPLE_PACKAGE), str(CF_VCO), "--source", "fts", stdout=out, stderr=err)
    summary = out.getvalue()
    assert "Read 7 releases in 2 packages from 2 files" in summary
    assert "Stored 7 new releases; 0 were already stored." in summary
    assert "Notices: 2 new, 0 updated." in summary
    assert "Packages: 2 committed, 0 refused." in summary
    assert "7 releases read" in err.getvalue()
    run = IngestRun.objects.get()
    assert (run.source, run.status, run.files) == ("fts", "done", f"{SAMPLE_PACKAGE}\n{CF_VCO}")
    assert Notice.objects.count() == 2


def test_a_refused_package_exits_with_code_1(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    broken = load(CF_MINVALUE)
    del broken["releases"][0]["id"]
    path.write_text(json.dumps(load(CF_VCO)) + "\n" + json.dumps(broken) + "\n")
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_notices", str(path), "--quiet-progress", stdout=out, stderr=StringIO())
    assert raised.value.returncode == 1
    assert "Packages: 1 committed, 1 refused." in out.getvalue()
    assert "mixed.jsonl, package 2 (line 2): refused, release 1 (ocds-b5fd17raw-0245cc95" in out.getvalue()
    assert "has no id. Nothing from it was written" in out.getvalue()
    assert IngestRun.objects.get().status == "partly"


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"No such file: .*nowhere\.json"):
        call_command("import_notices", str(tmp_path / "nowhere.json"))
