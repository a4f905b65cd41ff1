"""Importing 360Giving files: the real file in JSON and Excel, checked whole against the schema,
nothing written when it fails, and nothing changed when it is imported again."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from consortia.funding.choices import RecipientType
from consortia.funding.models import GrantDataset, GrantRecord
from consortia.funding.services.giving import CONTENT_FIELDS, import_file
from consortia.funding.tests.factories import GRANT_COUNT, GRANTS_JSON, GRANTS_XLSX
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db


def stored() -> dict[str, tuple[Any, ...]]:
    return {
        grant["identifier"]: tuple(grant[name] for name in CONTENT_FIELDS)
        for grant in GrantRecord.objects.values("identifier", *CONTENT_FIELDS)
    }


def with_bad_amount() -> bytes:
    package = json.loads(GRANTS_JSON.read_text(encoding="utf-8"))
    package["grants"][3]["amountAwarded"] = "abc"
    del package["grants"][7]["title"]
    return json.dumps(package).encode()


def test_the_real_file_loads_with_its_publisher_and_licence() -> None:
    result, dataset = import_file(GRANTS_JSON.read_bytes(), GRANTS_JSON.name)
    assert result.ok, result.errors[:5]
    assert (result.created, result.updated, result.unchanged) == (GRANT_COUNT, 0, 0)
    assert GrantRecord.objects.count() == GRANT_COUNT
    assert dataset is not None
    assert dataset.publisher == "Andrew Lloyd Webber Foundation"
    assert dataset.licence == "Creative Commons Attribution 4.0 International (CC BY 4.0)"
    assert dataset.licence_url == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset.grant_count == GRANT_COUNT
    first = GrantRecord.objects.get(identifier="360G-ALWF-1978")
    assert first.title == "Grant to Royal Northern College of Music"
    assert first.amount_awarded == Decimal("15000.00")
    assert first.award_date == date(2020, 11, 3)
    assert first.recipient_type == RecipientType.EDUCATION
    assert first.recipient_location == "Manchester"
    assert first.beneficiary_locations == "UK Wide"
    assert first.beneficiary_geo_codes == "K02000001"
    assert first.programme == "Music"
    assert (first.funder_name, first.funder_org_id) == ("Andrew Lloyd Webber Foundation", "GB-CHC-1015648")
    assert first.duration_months == Decimal("36.0")
    total = sum(
        Decimal(grant["amountAwarded"]).quantize(Decimal("0.01"))
        for grant in json.loads(GRANTS_JSON.read_text(), parse_float=Decimal)["grants"]
    )
    assert dataset.total_awarded == total


def test_importing_again_changes_nothing() -> None:
    data = GRANTS_JSON.read_bytes()
    import_file(data, GRANTS_JSON.name)
    before = dict(GrantRecord.objects.values_list("identifier", "updated"))
    dataset_before = GrantDataset.objects.values().get()
    result, _ = import_file(data, GRANTS_JSON.name)
    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (0, 0, GRANT_COUNT)
    assert dict(GrantRecord.objects.values_list("identifier", "updated")) == before
    assert GrantDataset.objects.values().get() == dataset_before


def test_a_changed_grant_is_updated_and_only_it() -> None:
    import_file(GRANTS_JSON.read_bytes(), GRANTS_JSON.name)
    package = json.loads(GRANTS_JSON.read_text(encoding="utf-8"))
    package["grants"][0]["amountAwarded"] = 14000
    result, _ = import_file(json.dumps(package).encode(), "corrected.json")
    assert result.ok
    # A new file is a new dataset: its grants now point at it, and the one amount changed.
    assert (result.created, result.updated) == (0, GRANT_COUNT)
    assert GrantRecord.objects.get(identifier="360G-ALWF-1978").amount_awarded == Decimal("14000.00")
    assert GrantRecord.objects.count() == GRANT_COUNT


def test_the_excel_file_gives_the_same_grants_as_the_json() -> None:
    result, _ = import_file(GRANTS_JSON.read_bytes(), GRANTS_JSON.name)
    assert result.ok
    from_json = stored()
    GrantRecord.objects.all().delete()
    result, dataset = import_file(GRANTS_XLSX.read_bytes(), GRANTS_XLSX.name)
    assert result.ok, result.errors[:5]
    assert result.created == GRANT_COUNT
    assert dataset is not None
    assert dataset.publisher == "Andrew Lloyd Webber Foundation"
    assert stored() == from_json


def test_a_file_failing_the_schema_writes_nothing_and_lists_each_problem_by_path() -> None:
    result, dataset = import_file(with_bad_amount(), "bad.json")
    assert dataset is None
    assert not result.committed
    problems = {f"{error.column}: {error.message}" for error in result.errors}
    assert "grants/3/amountAwarded: 'abc' is not of type 'number'" in problems
    assert "grants/7: 'title' is a required property" in problems
    assert len(result.errors) == 2
    assert not GrantRecord.objects.exists()
    assert not GrantDataset.objects.exists()


def test_a_bad_spreadsheet_names_the_path_and_the_row() -> None:
    workbook = load_workbook(io.BytesIO(GRANTS_XLSX.read_bytes()))
    sheet = workbook.active
    sheet.cell(5, 6).value = "lots"  # "Amount Awarded" of the fourth grant
    buffer = io.BytesIO()
    workbook.save(buffer)
    result, _ = import_file(buffer.getvalue(), "bad.xlsx")
    assert [(error.row, error.column, error.message) for error in result.errors] == [
        (5, "grants/3/amountAwarded", "'lots' is not of type 'number'")
    ]
    assert not GrantRecord.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b'{"grants": [', "The file is not valid JSON"),
        (b'{"grants": []}', "The file has no grants"),
        (b"PK\x03\x04not really a workbook", "could not be opened as an Excel workbook"),
    ],
)
def test_files_that_are_not_360giving(content: bytes, message: str) -> None:
    result, _ = import_file(content, "odd")
    assert not result.ok
    assert message in " ".join(error.message for error in result.errors)
    assert not GrantRecord.objects.exists()


def test_the_same_identifier_twice_is_refused() -> None:
    package = json.loads(GRANTS_JSON.read_text(encoding="utf-8"))
    package["grants"][5]["id"] = package["grants"][2]["id"]
    result, _ = import_file(json.dumps(package).encode(), "twice.json")
    assert [error.column for error in result.errors] == ["grants/5/id"]
    assert "grants/2" in result.errors[0].message


def test_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_360giving", str(GRANTS_JSON))
    out = capsys.readouterr().out
    assert f"Imported: {GRANT_COUNT} rows — {GRANT_COUNT} new, 0 updated, 0 unchanged." in out
    assert "published by Andrew Lloyd Webber Foundation" in out
    call_command("import_360giving", str(GRANTS_JSON))
    assert f"0 new, 0 updated, {GRANT_COUNT} unchanged" in capsys.readouterr().out


def test_the_command_lists_the_problems(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(with_bad_amount())
    with pytest.raises(CommandError, match="Nothing was imported: 2 problems found"):
        call_command("import_360giving", str(bad))
    err = capsys.readouterr().err
    assert "grants/3/amountAwarded: 'abc' is not of type 'number'" in err
    assert not GrantRecord.objects.exists()
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_360giving", str(tmp_path / "missing.json"))


def upload(client: Client, content: bytes, name: str, **extra: str) -> Any:
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(reverse("funding:grantrecord_import"), {"file": handle, "format": "360giving", **extra})


def test_the_upload_page(personas: Personas, client_for: Callable[..., Client], settings: Any) -> None:
    settings.IMPORT_INLINE_MAX_BYTES = 10 * 1024 * 1024  # imported while the user waits
    client = client_for(personas.finance_officer)
    assert client.get(reverse("funding:grantrecord_import")).status_code == 200
    response = upload(client, with_bad_amount(), "bad.json")
    assert response.status_code == 422
    page = response.content.decode()
    assert re.search(r"<td>grants/3/amountAwarded</td><td>&#x27;abc&#x27; is not of type &#x27;number&#x27;</td>", page)
    assert not GrantRecord.objects.exists()
    response = upload(client, GRANTS_XLSX.read_bytes(), GRANTS_XLSX.name, check_only="1")
    assert response.status_code == 200
    assert f"Checked, nothing written: {GRANT_COUNT} rows" in response.content.decode()
    assert not GrantRecord.objects.exists()
    response = upload(client, GRANTS_XLSX.read_bytes(), GRANTS_XLSX.name)
    assert f"{GRANT_COUNT} new" in response.content.decode()
    assert GrantRecord.objects.count() == GRANT_COUNT
    assert GrantDataset.objects.get().file_name == GRANTS_XLSX.name
    response = upload(client, GRANTS_XLSX.read_bytes(), GRANTS_XLSX.name)
    assert f"0 new, 0 updated, {GRANT_COUNT} unchanged" in response.content.decode()
    # Members' and read-only users may not import.
    for persona in (personas.member_a, personas.board):
        assert upload(client_for(persona), GRANTS_JSON.read_bytes(), "x.json").status_code == 403


def test_a_big_upload_goes_to_the_background_job(
    personas: Personas, client_for: Callable[..., Client], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from consortia.core.models import ImportJob
    from consortia.core.tasks import run_import

    settings.IMPORT_INLINE_MAX_BYTES = 1024
    client = client_for(personas.manager)
    with django_capture_on_commit_callbacks(execute=False):
        response = upload(client, GRANTS_JSON.read_bytes(), GRANTS_JSON.name)
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    run_import.func(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.result["created"] == GRANT_COUNT
    assert GrantDataset.objects.get().file_name == GRANTS_JSON.name
