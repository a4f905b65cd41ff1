"""The import framework: whole-file problems, row errors, all-or-nothing, formats."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from consortia.core.imports import FILE, ImportFileError, read_table
from consortia.directory.importers import OrganisationImporter
from consortia.directory.models import Organisation
from consortia.directory.tests.factories import OrganisationFactory


def run(data: bytes, commit: bool = True):  # type: ignore[no-untyped-def]
    return OrganisationImporter().run(data, commit=commit)


def messages(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(error) for error in result.errors]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty."),
        (b"   \r\n", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file"),
        (b"PK\x03\x04not really a workbook", "could not be opened as an Excel workbook"),
    ],
)
def test_unreadable_files_are_explained(db: None, data: bytes, expected: str) -> None:
    result = run(data)
    assert not result.ok
    assert result.errors[0].row == 0
    assert result.errors[0].column == FILE
    assert expected in result.errors[0].message


def test_wrong_columns_name_what_is_missing_and_unknown(db: None) -> None:
    result = run(b"Organisation name,Favourite colour\nA,blue\n")
    (error,) = result.errors
    assert "missing column: name" in error.message
    assert "unknown columns: Organisation name, Favourite colour" in error.message


def test_header_only_file_is_an_error(db: None) -> None:
    assert "no rows to import" in messages(run(b"name,postcode\n"))[0]


def test_one_bad_row_writes_nothing_and_every_problem_is_listed(db: None) -> None:
    data = (
        b"name,charity number,postcode,website\n"
        b"Good Trust,1170001,PR1 1AA,https://good.example.org.uk\n"
        b"Bad Number Trust,12,PR1 1AA,\n"
        b",1170003,NOWHERE,not a website\n"
    )
    result = run(data)
    assert Organisation.objects.count() == 0
    found = {(error.row, error.column) for error in result.errors}
    assert {(3, "charity number"), (4, "name"), (4, "postcode"), (4, "website")} <= found
    assert result.summary().startswith("Nothing was imported")


def test_duplicate_identifier_within_the_file(db: None) -> None:
    data = b"name,charity number\nFirst Trust,1170001\nSecond Trust,1170001\n"
    result = run(data)
    assert [(error.row, error.column) for error in result.errors] == [(3, "charity number")]
    assert "already on row 2" in result.errors[0].message


def test_rows_update_matching_organisations_and_keep_other_fields(db: None) -> None:
    existing = OrganisationFactory(
        name="Old Name", charity_number="1170001", town="Lancaster", roles=["member", "provider"]
    )
    result = run(b"name,charity number,postcode\nNew Name,1170001,LA1 1AA\n")
    assert (result.created, result.updated) == (0, 1)
    existing.refresh_from_db()
    assert (existing.name, existing.postcode, existing.town) == ("New Name", "LA1 1AA", "Lancaster")
    assert sorted(existing.roles.values_list("code", flat=True)) == ["member", "provider"]


def test_check_only_writes_nothing(db: None) -> None:
    result = run(b"name,roles\nChorley Carers,member\n", commit=False)
    assert result.ok
    assert result.created == 1
    assert not result.committed
    assert Organisation.objects.count() == 0


def test_windows_1252_csv_is_read(db: None) -> None:
    data = "name,notes\nCafé Société,£5 membership\n".encode("cp1252")
    run(data)
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.notes) == ("Café Société", "£5 membership")


def test_excel_workbook_with_dates_and_numbers(db: None) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Charity number", "Roles"])
    sheet.append(["Pendle Women's Centre", 1170042, "member; provider"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(buffer.getvalue())
    assert result.ok, messages(result)
    organisation = Organisation.objects.get()
    assert organisation.charity_number == "1170042"
    assert organisation.org_id == "GB-CHC-1170042"
    assert sorted(organisation.roles.values_list("code", flat=True)) == ["member", "provider"]


def test_unknown_role_names_the_column(db: None) -> None:
    result = run(b"name,roles\nA Trust,member; wizard\n")
    assert [(error.row, error.column) for error in result.errors] == [(2, "roles")]


def test_read_table_detects_tabs() -> None:
    headers, rows = read_table(b"a\tb\n1\t2\n")
    assert headers == ["a", "b"]
    assert list(rows) == [["1", "2"]]


def test_read_table_rejects_empty() -> None:
    with pytest.raises(ImportFileError):
        read_table(b"")


def test_a_long_bad_postcode_gets_the_postcode_message(db: None) -> None:
    result = run(b"name,postcode\nSomewhere Trust,NOT A POSTCODE\n")
    (error,) = result.errors
    assert (error.row, error.column) == (2, "postcode")
    assert "is not a UK postcode" in error.message


def test_history_records_the_import_within_the_reason_limit(db: None) -> None:
    class LongNamedImporter(OrganisationImporter):
        label = "A spreadsheet format with a very long description " * 4

    LongNamedImporter().run(b"name\nLong Reason Trust\n")
    record = Organisation.objects.get(name="Long Reason Trust").history.get()
    assert record.history_change_reason.startswith("Imported: A spreadsheet format")
    assert len(record.history_change_reason) <= 100


def test_a_number_held_by_a_record_the_user_cannot_see_is_refused_without_naming_it(personas) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Permission

    from consortia.users.models import User

    hidden = OrganisationFactory(name="Hidden Hospice", charity_number="1170777")
    user = personas.member_a
    user.user_permissions.add(Permission.objects.get(codename="add_organisation"))
    user = User.objects.get(pk=user.pk)  # fresh permission cache
    result = OrganisationImporter(user=user).run(b"name,charity number\nCopycat Trust,1170777\n")
    assert [(error.row, error.column) for error in result.errors] == [(2, "charity number")], result.errors
    assert "Hidden Hospice" not in str(result.errors[0])
    assert Organisation.objects.get(pk=hidden.pk).name == "Hidden Hospice"
    assert not Organisation.objects.filter(name="Copycat Trust").exists()
