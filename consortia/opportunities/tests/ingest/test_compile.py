"""Compiling notices: the OCDS sample's record is reproduced exactly, however its releases arrive."""

from __future__ import annotations

import json
from pathlib import Path

import ocdsmerge

from consortia.opportunities.ingest import compile_notices
from consortia.opportunities.ingest.store import _notice, merger
from consortia.opportunities.models import Notice, Release
from consortia.opportunities.schema import release_schema

from .conftest import SAMPLE_PACKAGE, SAMPLE_RECORD, SAMPLE_STAGES, UK4, UK6, compiled, import_files, load

OCID = "ocds-213czf-000-00001"


def expected() -> dict:
    return load(SAMPLE_RECORD)["records"][0]["compiledRelease"]


def test_rust_merger_equals_the_reference_implementation() -> None:
    releases = sorted(load(SAMPLE_PACKAGE)["releases"], key=lambda release: release["date"])
    reference = ocdsmerge.Merger(release_schema()).create_compiled_release(releases)
    assert merger().create_compiled_release(releases) == reference == expected()
    for fixture in (UK4, UK6):
        release = load(fixture)["releases"][0]
        assert merger().create_compiled_release([release]) == ocdsmerge.Merger(
            release_schema()
        ).create_compiled_release([release])


def test_one_package_compiles_to_the_records_compiled_release() -> None:
    run = import_files(SAMPLE_PACKAGE)
    assert (run.releases_new, run.notices_created) == (6, 1)
    assert compiled(OCID) == expected()
    assert Notice.objects.get(ocid=OCID).release_count == 6


def test_one_file_per_stage_merges_onto_the_compiled_release() -> None:
    for path in SAMPLE_STAGES:
        run = import_files(path)
        assert run.releases_new == 1
    assert compiled(OCID) == expected()
    assert Notice.objects.get(ocid=OCID).stage == "implementation"


def test_releases_out_of_date_order_are_recompiled_from_the_start() -> None:
    stages = list(SAMPLE_STAGES)
    import_files(stages[0], stages[3])
    # The tender and its amendment are older than the award already merged.
    run = import_files(stages[2], stages[1], stages[5], stages[4])
    assert run.notices_updated == 4
    assert compiled(OCID) == expected()


def test_record_package_with_embedded_releases_is_compiled_here(tmp_path: Path) -> None:
    record = load(SAMPLE_RECORD)
    record["records"][0]["releases"] = load(SAMPLE_PACKAGE)["releases"]
    # A wrong compiled release in the file must not be trusted.
    record["records"][0]["compiledRelease"] = {"ocid": OCID, "tender": {"title": "wrong"}}
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, indent=2))
    import_files(path)
    assert compiled(OCID) == expected()


def test_record_package_of_linked_releases_is_skipped_with_a_note() -> None:
    run = import_files(SAMPLE_RECORD)
    assert run.releases_read == 0
    assert not Notice.objects.exists()
    assert "6 linked releases (an address only, no data) skipped" in run.messages


def test_award_before_tender_gives_the_merge_in_date_order() -> None:
    import_files(UK6)
    import_files(UK4)
    releases = [load(UK4)["releases"][0], load(UK6)["releases"][0]]
    assert compiled("ocds-h6vhtk-04a1b2") == ocdsmerge.Merger(release_schema()).create_compiled_release(releases)
    notice = Notice.objects.get(ocid="ocds-h6vhtk-04a1b2")
    assert (notice.stage, notice.notice_type, notice.release_count) == ("award", "UK6", 2)


def test_compile_notices_recompiles_from_stored_releases() -> None:
    import_files(SAMPLE_PACKAGE)
    Notice.objects.filter(ocid=OCID).update(compiled="{}", title="stale")
    assert compile_notices([OCID, "ocds-none"]) == 1
    notice = Notice.objects.get(ocid=OCID)
    assert json.loads(notice.compiled) == expected()
    assert notice.title == expected()["tender"]["title"]
    assert Release.objects.filter(notice=notice).count() == 6


def test_the_imports_quick_notice_is_the_notice_django_would_build() -> None:
    values = {"id": 7, "ocid": "ocds-x", "compiled": "{}", "release_count": 2, "suitable_vcse": True}
    quick, model = _notice(values, stored=True), Notice(**values)
    for column in Notice._meta.concrete_fields:
        assert getattr(quick, column.attname) == getattr(model, column.attname), column.attname
    assert quick._state.adding is False
    assert _notice({}, stored=False)._state.adding is True
    assert quick.pk == 7
    assert quick.get_absolute_url() == model.get_absolute_url()
