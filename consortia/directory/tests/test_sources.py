"""The public-register importers and the import_organisations command, run on real register files.

Expected numbers are worked out here from the files with the csv module, never copied from what the
importers report, so a change in the importers' rules shows up as a failure.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from consortia.core.imports import Importer, read_table
from consortia.directory import identifiers
from consortia.directory.importers import OrganisationImporter
from consortia.directory.models import Organisation, OrganisationRole
from consortia.directory.sources import (
    CharityCommissionImporter,
    CharityCommissionNIImporter,
    CompaniesHouseImporter,
    parse_public_address,
)

# The shared fixtures sit beside the repository (same layout on CI): /work/main/consortia/... -> /work/shared/data.
DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
CCEW = DATA / "charity-commission" / "ccew-synthetic-publicextract.charity.txt"
CCNI = DATA / "charity-commission" / "ccni-charitydetails-sample.csv"
COMPANIES = DATA / "companies-house" / "BasicCompanyData-2020-06-01-part6_7-sample.csv"


# -- reading the files independently of the importers ------------------------------------------------
def ccew_rows() -> tuple[list[str], list[dict[str, str]]]:
    with CCEW.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return list(reader.fieldnames or []), list(reader)


def is_main_registered_charity(row: dict[str, str]) -> bool:
    return row["linked_charity_number"] in ("", "0") and row["charity_registration_status"] != "Removed"


def ccew_file(header: list[str], rows: list[dict[str, str]]) -> bytes:
    """An extract in the Commission's own form: tab-separated, UTF-8 with a byte-order mark, CRLF."""
    lines = ["\t".join(header)] + ["\t".join(row[column] for column in header) for row in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def main_charities_with(condition: Callable[[dict[str, str]], bool], count: int = 1) -> list[dict[str, str]]:
    found = [row for row in ccew_rows()[1] if is_main_registered_charity(row) and condition(row)]
    assert len(found) >= count, "the sample no longer has the rows this test needs"
    return [dict(row) for row in found[:count]]


def company_rows() -> tuple[list[str], list[dict[str, str]]]:
    """Header as written (with its stray leading spaces) and rows keyed by the stripped header."""
    with COMPANIES.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [dict(zip([name.strip() for name in header], cells, strict=True)) for cells in reader]


def companies_file(header: list[str], rows: list[dict[str, str]]) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([row[name.strip()] for name in header] for row in rows)
    return output.getvalue().encode("utf-8")


def storable_company_number(value: str) -> str | None:
    try:
        return identifiers.normalise_company_number(value)
    except ValidationError:
        return None


def ccni_rows() -> list[dict[str, str]]:
    with CCNI.open(encoding="cp1252", newline="") as handle:
        return list(csv.DictReader(handle))


def valid_postcode(value: str) -> str | None:
    try:
        return identifiers.normalise_postcode(value)
    except ValidationError:
        return None


def test_shared_data_is_beside_the_repository() -> None:
    # Fail loudly rather than skip: without these files the register importers go untested.
    assert DATA.parts[-2:] == ("shared", "data")
    for path in (CCEW, CCNI, COMPANIES):
        assert path.is_file(), f"{path} is missing"


def test_each_register_file_is_recognised_from_its_columns() -> None:
    candidates = [OrganisationImporter, CharityCommissionImporter, CompaniesHouseImporter, CharityCommissionNIImporter]
    for path, expected in (
        (CCEW, CharityCommissionImporter),
        (COMPANIES, CompaniesHouseImporter),
        (CCNI, CharityCommissionNIImporter),
    ):
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        assert Importer.detect(candidates, upload) is expected, path.name


# -- Charity Commission for England and Wales ---------------------------------------------------------
def test_ccew_sample_creates_one_organisation_per_registered_main_charity(db: None) -> None:
    _, rows = ccew_rows()
    main = [row for row in rows if is_main_registered_charity(row)]
    linked_or_removed = [
        row
        for row in rows
        if row["linked_charity_number"] not in ("", "0") or row["charity_registration_status"] == "Removed"
    ]
    assert main
    assert linked_or_removed

    result = CharityCommissionImporter().run(CCEW.read_bytes())

    assert result.ok, result.errors
    assert result.committed
    assert (result.rows, result.created, result.updated) == (len(rows), len(main), 0)
    assert result.skipped == len(linked_or_removed)
    assert set(Organisation.objects.values_list("org_id", flat=True)) == {
        f"GB-CHC-{row['registered_charity_number']}" for row in main
    }
    assert set(Organisation.objects.values_list("charity_register", flat=True)) == {"ccew"}


def test_ccew_columns_land_in_the_right_fields(db: None) -> None:
    main = [row for row in ccew_rows()[1] if is_main_registered_charity(row)]
    CharityCommissionImporter().run(CCEW.read_bytes())
    organisations = {organisation.charity_number: organisation for organisation in Organisation.objects.all()}

    for row in main:
        organisation = organisations[row["registered_charity_number"]]
        lines = [row[f"charity_contact_address{n}"].strip() for n in range(1, 6)]
        lines = [line for line in lines if line]
        web = row["charity_contact_web"].strip()
        if row["charity_is_cio"] == "True":
            legal_form = "cio"
        elif row["charity_type"] == "Charitable company":
            legal_form = "clg"
        else:
            legal_form = "charity"
        assert organisation.name == row["charity_name"]
        assert organisation.address_line_1 == lines[0]
        assert organisation.address_line_2 == ", ".join(lines[1:-1])
        assert organisation.town == (lines[-1] if len(lines) > 1 else "")
        assert organisation.postcode == (valid_postcode(row["charity_contact_postcode"]) or "")
        assert organisation.phone == row["charity_contact_phone"]
        assert organisation.email == row["charity_contact_email"]
        assert organisation.website == (web if not web or web.startswith("http") else f"https://{web}")
        assert organisation.legal_form == legal_form, row["registered_charity_number"]


def test_ccew_reimport_changes_nothing(db: None) -> None:
    main = [row for row in ccew_rows()[1] if is_main_registered_charity(row)]
    CharityCommissionImporter().run(CCEW.read_bytes())
    history = Organisation.history.count()
    stamps = dict(Organisation.objects.values_list("pk", "updated"))

    result = CharityCommissionImporter().run(CCEW.read_bytes())

    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(main))
    assert Organisation.history.count() == history
    assert dict(Organisation.objects.values_list("pk", "updated")) == stamps


def test_ccew_updates_a_charity_added_by_hand_and_keeps_its_roles(db: None) -> None:
    main = [row for row in ccew_rows()[1] if is_main_registered_charity(row)]
    row = main_charities_with(lambda row: bool(row["charity_contact_email"]))[0]
    member = OrganisationRole.objects.get(code="member")
    existing = Organisation.objects.create(
        name="Typed in by hand",
        charity_number=row["registered_charity_number"],
        charity_register="ccew",
        notes="Met at the spring forum.",
    )
    existing.roles.add(member)

    result = CharityCommissionImporter().run(CCEW.read_bytes())

    assert result.ok, result.errors
    assert (result.created, result.updated) == (len(main) - 1, 1)
    assert Organisation.objects.count() == len(main)
    existing.refresh_from_db()
    assert existing.name == row["charity_name"]
    assert existing.email == row["charity_contact_email"]
    assert existing.notes == "Met at the spring forum."
    assert list(existing.roles.all()) == [member]
    assert existing.history.first().history_change_reason.startswith(
        "Imported: Charity Commission for England and Wales"
    )


def test_ccew_keeps_what_the_hub_typed_where_the_register_is_blank_or_only_differs_in_case(db: None) -> None:
    header, _ = ccew_rows()
    row = main_charities_with(lambda row: not row["charity_contact_web"])[0]
    hub_name = row["charity_name"].upper()
    existing = Organisation.objects.create(
        name=hub_name,
        charity_number=row["registered_charity_number"],
        charity_register="ccew",
        website="https://hub.example.org.uk",
    )

    result = CharityCommissionImporter().run(ccew_file(header, [row]))

    assert result.ok, result.errors
    existing.refresh_from_db()
    assert existing.website == "https://hub.example.org.uk"
    assert existing.name == hub_name
    assert existing.phone == row["charity_contact_phone"]


def test_ccew_matches_an_organisation_by_company_number(db: None) -> None:
    header, _ = ccew_rows()
    row = main_charities_with(lambda row: True)[0]
    row["charity_company_registration_number"] = "1234567"  # registers drop leading zeros
    funder = OrganisationRole.objects.get(code="funder")
    existing = Organisation.objects.create(name="Company added by hand", company_number="01234567")
    existing.roles.add(funder)

    result = CharityCommissionImporter().run(ccew_file(header, [row]))

    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.charity_number == row["registered_charity_number"]
    assert existing.org_id == f"GB-CHC-{row['registered_charity_number']}"
    assert list(existing.roles.all()) == [funder]


def test_ccew_leaves_out_a_company_number_that_belongs_to_another_charity(db: None) -> None:
    header, _ = ccew_rows()
    row = main_charities_with(lambda row: True)[0]
    row["charity_company_registration_number"] = "01234567"
    other = Organisation.objects.create(
        name="Another charity", charity_number="1099999", charity_register="ccew", company_number="01234567"
    )
    importer = CharityCommissionImporter()

    result = importer.run(ccew_file(header, [row]))

    assert result.ok, result.errors
    assert result.created == 1
    created = Organisation.objects.get(charity_number=row["registered_charity_number"])
    assert created.company_number == ""
    other.refresh_from_db()
    assert (other.charity_number, other.company_number) == ("1099999", "01234567")
    assert [(warning.row, warning.column) for warning in importer.warnings] == [
        (2, "charity_company_registration_number")
    ]


def test_ccew_importer_can_check_a_file_and_then_import_it(db: None) -> None:
    header, _ = ccew_rows()
    row = main_charities_with(lambda row: True)[0]
    existing = Organisation.objects.create(
        name="Old name", charity_number=row["registered_charity_number"], charity_register="ccew"
    )
    importer = CharityCommissionImporter()
    data = ccew_file(header, [row])

    checked = importer.run(data, commit=False)
    imported = importer.run(data)

    assert (checked.updated, checked.committed) == (1, False)
    assert (imported.updated, imported.committed) == (1, True)
    existing.refresh_from_db()
    assert existing.name == row["charity_name"]


def test_ccew_bad_charity_number_writes_nothing_and_names_row_and_column(db: None) -> None:
    header, _ = ccew_rows()
    good, bad = main_charities_with(lambda row: True, count=2)
    bad["registered_charity_number"] = "12AB34"

    result = CharityCommissionImporter().run(ccew_file(header, [good, bad]))

    assert not result.ok
    assert not result.committed
    assert Organisation.objects.count() == 0
    assert [(error.row, error.column) for error in result.errors] == [(3, "registered_charity_number")]
    assert str(result.errors[0]).startswith("Row 3, registered_charity_number: ")
    assert result.summary().startswith("Nothing was imported")


def test_ccew_charity_number_given_twice_is_reported_against_the_registers_column(db: None) -> None:
    header, _ = ccew_rows()
    first, second = main_charities_with(lambda row: True, count=2)
    second["registered_charity_number"] = first["registered_charity_number"]

    result = CharityCommissionImporter().run(ccew_file(header, [first, second]))

    assert [(error.row, error.column) for error in result.errors] == [(3, "registered_charity_number")]
    assert "row 2" in result.errors[0].message
    assert Organisation.objects.count() == 0


def test_ccew_row_without_a_charity_number_is_an_error(db: None) -> None:
    header, _ = ccew_rows()
    row = main_charities_with(lambda row: True)[0]
    row["registered_charity_number"] = ""

    result = CharityCommissionImporter().run(ccew_file(header, [row]))

    assert [(error.row, error.column) for error in result.errors] == [(2, "registered_charity_number")]
    assert "no charity number" in result.errors[0].message
    assert Organisation.objects.count() == 0


def test_ccew_bad_contact_details_are_left_out_not_errors(db: None) -> None:
    header, _ = ccew_rows()
    first, second = main_charities_with(lambda row: True, count=2)
    first.update(
        charity_contact_postcode="NOT A CODE",
        charity_contact_email="someone at example",
        charity_contact_web="example.org.uk/about",
    )
    second["charity_contact_web"] = "www.example.net"
    existing = Organisation.objects.create(
        name=first["charity_name"],
        charity_number=first["registered_charity_number"],
        charity_register="ccew",
        postcode="PR1 2AA",
        email="office@example.org.uk",
    )
    importer = CharityCommissionImporter()

    result = importer.run(ccew_file(header, [first, second]))

    assert result.ok, result.errors
    existing.refresh_from_db()
    # The register's bad values are left out, so what the hub had stays.
    assert (existing.postcode, existing.email) == ("PR1 2AA", "office@example.org.uk")
    assert existing.website == "https://example.org.uk/about"
    assert Organisation.objects.get(charity_number=second["registered_charity_number"]).website == (
        "https://www.example.net"
    )
    assert {(warning.row, warning.column) for warning in importer.warnings} == {
        (2, "charity_contact_postcode"),
        (2, "charity_contact_email"),
    }


def test_ccew_extract_with_stray_quotes_and_line_breaks_is_read_as_published(db: None) -> None:
    header, _ = ccew_rows()
    first, second = main_charities_with(lambda row: bool(row["charity_contact_address2"]), count=2)
    first["charity_activities"] = '"Lunch club" for older people in the town'
    second["charity_activities"] = "Advice and support\r\nfor carers"
    second["charity_contact_address1"] += "\r\n"  # the break falls at the end of a value
    data = ccew_file(header, [first, second])
    # The fixture really is malformed: read as ordinary CSV it does not give two rows.
    assert len(list(read_table(data, "\t")[1])) != 2

    result = CharityCommissionImporter().run(data)

    assert result.ok, result.errors
    assert result.created == 2
    stored = Organisation.objects.get(charity_number=second["registered_charity_number"])
    assert stored.address_line_1 == second["charity_contact_address1"].strip()
    assert stored.postcode == identifiers.normalise_postcode(second["charity_contact_postcode"])


# -- Companies House ---------------------------------------------------------------------------------
# The legal form each Companies House category should give (the importer's rules, stated separately).
CATEGORY_FORMS = {
    "Private Limited Company": "cls",
    "Charitable Incorporated Organisation": "cio",
    "Scottish Charitable Incorporated Organisation": "cio",
    "Community Interest Company": "cic",
    "PRI/LBG/NSC (Private, Limited by guarantee, no share capital, use of 'Limited' exemption)": "clg",
    "PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)": "clg",
    "Registered Society": "cbs",
    "Industrial and Provident Society": "cbs",
    "Royal Charter Company": "other",
}


def test_companies_house_sample_imports_every_company_consortia_can_hold(db: None) -> None:
    _, rows = company_rows()
    live = [row for row in rows if row["CompanyStatus"] != "Dissolved"]
    storable = [row for row in live if storable_company_number(row["CompanyNumber"])]
    assert storable
    importer = CompaniesHouseImporter()

    result = importer.run(COMPANIES.read_bytes())

    assert result.ok, result.errors
    assert (result.created, result.updated) == (len(storable), 0)
    assert result.skipped == len(rows) - len(storable)
    organisations = {organisation.company_number: organisation for organisation in Organisation.objects.all()}
    assert set(organisations) == {storable_company_number(row["CompanyNumber"]) for row in storable}
    for number, organisation in organisations.items():
        assert len(number) == 8
        assert organisation.org_id == f"GB-COH-{number}"
    for row in storable:
        organisation = organisations[row["CompanyNumber"]]
        assert organisation.name == row["CompanyName"]
        assert organisation.legal_form == CATEGORY_FORMS[row["CompanyCategory"]], row["CompanyCategory"]
        assert organisation.town == row["RegAddress.PostTown"]
        assert organisation.county == row["RegAddress.County"]
    # A company Consortia cannot hold yet is reported, not silently lost.
    unsupported = {row["CompanyNumber"] for row in live if row not in storable}
    assert unsupported == {
        warning.message.split()[0] for warning in importer.warnings if warning.column == "companynumber"
    }


def test_companies_house_skips_dissolved_companies(db: None) -> None:
    header, rows = company_rows()
    chosen = [row for row in rows if storable_company_number(row["CompanyNumber"])][:3]
    chosen[1]["CompanyStatus"] = "Dissolved"

    result = CompaniesHouseImporter().run(companies_file(header, chosen))

    assert result.ok, result.errors
    assert (result.created, result.skipped) == (2, 1)
    assert not Organisation.objects.filter(company_number=chosen[1]["CompanyNumber"]).exists()


def test_companies_house_bad_postcode_is_left_out(db: None) -> None:
    _, rows = company_rows()
    bad = [
        row
        for row in rows
        if row["RegAddress.PostCode"]
        and not valid_postcode(row["RegAddress.PostCode"])
        and storable_company_number(row["CompanyNumber"])
    ]
    assert bad, "the sample no longer has a bad postcode to test with"
    importer = CompaniesHouseImporter()

    result = importer.run(COMPANIES.read_bytes())

    assert result.ok, result.errors
    for row in bad:
        organisation = Organisation.objects.get(company_number=row["CompanyNumber"])
        assert organisation.postcode == ""
        assert organisation.town == row["RegAddress.PostTown"]
    warned = {warning.message for warning in importer.warnings if warning.column == "RegAddress.PostCode"}
    assert len(warned) == len(bad)


def test_companies_house_previous_names_join_the_hubs_other_names_and_reimport_changes_nothing(db: None) -> None:
    _, rows = company_rows()
    renamed = next(row for row in rows if row["PreviousName_1.CompanyName"])
    previous = [
        renamed[f"PreviousName_{n}.CompanyName"] for n in range(1, 11) if renamed[f"PreviousName_{n}.CompanyName"]
    ]
    funder = OrganisationRole.objects.get(code="funder")
    existing = Organisation.objects.create(
        name="Added by hand", company_number=renamed["CompanyNumber"], other_names="Our trading name"
    )
    existing.roles.add(funder)

    first = CompaniesHouseImporter().run(COMPANIES.read_bytes())
    history = Organisation.history.count()
    second = CompaniesHouseImporter().run(COMPANIES.read_bytes())

    assert first.ok, first.errors
    assert second.ok, second.errors
    assert first.updated == 1
    existing.refresh_from_db()
    assert existing.name == renamed["CompanyName"]
    assert existing.other_names.splitlines() == ["Our trading name", *previous]
    assert list(existing.roles.all()) == [funder]
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created + first.updated
    assert Organisation.history.count() == history


# -- Charity Commission for Northern Ireland ----------------------------------------------------------
def test_ccni_sample_imports_every_charity_not_removed(db: None) -> None:
    rows = ccni_rows()
    current = [row for row in rows if row["Status"] != "Removed"]
    assert current

    result = CharityCommissionNIImporter().run(CCNI.read_bytes())
    history = Organisation.history.count()
    again = CharityCommissionNIImporter().run(CCNI.read_bytes())

    assert result.ok, result.errors
    assert (result.created, result.skipped) == (len(current), len(rows) - len(current))
    assert set(Organisation.objects.values_list("org_id", flat=True)) == {
        f"GB-NIC-{row['Reg charity number']}" for row in current
    }
    organisations = {organisation.charity_number: organisation for organisation in Organisation.objects.all()}
    for row in current:
        last_part = row["Public address"].rsplit(",", 1)[-1]
        assert organisations[row["Reg charity number"]].postcode == (valid_postcode(last_part) or ""), row
        assert organisations[row["Reg charity number"]].name == row["Charity name"].strip()
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(current))
    assert Organisation.history.count() == history


@pytest.mark.parametrize(
    ("address", "name", "expected"),
    [
        (
            "Cancer Lifeline, 44 Alliance Avenue, Belfast, BT14 7PJ",
            "Cancer Lifeline",
            (["44 Alliance Avenue", "Belfast"], "", "BT14 7PJ"),
        ),
        (
            "Newport, 117 Culcavy Road, Hillsborough, County Down, BT26 6HH",
            "Boys' Brigade",
            (["Newport", "117 Culcavy Road", "Hillsborough"], "County Down", "BT26 6HH"),
        ),
        ("38A Oldtown Street, Cookstown., BT80 8EF", "Network", (["38A Oldtown Street", "Cookstown"], "", "BT80 8EF")),
        ("11 Parnell Square East, Dublin 1", "Irish charity", (["11 Parnell Square East", "Dublin 1"], "", "")),
        ("16A Kilmegan Road, Dundrum, BT78", "Club", (["16A Kilmegan Road", "Dundrum"], "", "BT78")),
    ],
)
def test_ccni_public_address_is_split_into_lines_county_and_postcode(
    address: str, name: str, expected: tuple[list[str], str, str]
) -> None:
    assert parse_public_address(address, name) == expected


# -- the management command --------------------------------------------------------------------------
def test_command_imports_a_register_file(db: None) -> None:
    main = [row for row in ccew_rows()[1] if is_main_registered_charity(row)]
    out = io.StringIO()

    call_command("import_organisations", str(CCEW), stdout=out)

    assert Organisation.objects.count() == len(main)
    output = out.getvalue()
    assert CharityCommissionImporter.label in output
    assert f"Imported: {len(ccew_rows()[1])} rows — {len(main)} new" in output


def test_command_check_writes_nothing(db: None) -> None:
    _, rows = company_rows()
    out = io.StringIO()

    call_command("import_organisations", str(COMPANIES), "--check", stdout=out)

    assert Organisation.objects.count() == 0
    assert f"Checked, nothing written: {len(rows)} rows" in out.getvalue()
    assert "left out" in out.getvalue()  # the sample's registered societies and bad postcode are listed


def test_command_reports_each_problem_and_fails(db: None, tmp_path: Path) -> None:
    header, _ = ccew_rows()
    good, bad = main_charities_with(lambda row: True, count=2)
    bad["registered_charity_number"] = "12AB34"
    path = tmp_path / "publicextract.charity.txt"
    path.write_bytes(ccew_file(header, [good, bad]))
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 1 problem found"):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=err)

    assert "Row 3, registered_charity_number: " in err.getvalue()
    assert Organisation.objects.count() == 0


def test_command_format_option_overrides_detection(db: None) -> None:
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_organisations", str(CCEW), "--format", "companies_house", stdout=io.StringIO(), stderr=err)

    assert "missing columns: companyname, companynumber, companystatus" in err.getvalue()
    assert Organisation.objects.count() == 0


def test_command_says_when_it_cannot_tell_the_format(db: None, tmp_path: Path) -> None:
    path = tmp_path / "mystery.csv"
    path.write_text("colour,size\nred,large\n", encoding="utf-8")
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), stdout=out, stderr=io.StringIO())

    assert "do not match any of the known formats" in out.getvalue()


def test_command_reports_a_file_it_cannot_read(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Could not read"):
        call_command("import_organisations", str(tmp_path / "absent.csv"), stdout=io.StringIO())


def test_command_shows_progress_on_a_long_file(db: None, tmp_path: Path) -> None:
    header, rows = company_rows()
    template = next(row for row in rows if storable_company_number(row["CompanyNumber"]))
    many = [dict(template, CompanyNumber=f"{n:08d}", CompanyName=f"Company {n}") for n in range(1, 2101)]
    path = tmp_path / "many.csv"
    path.write_bytes(companies_file(header, many))
    out = io.StringIO()

    call_command("import_organisations", str(path), "--check", stdout=out)

    output = out.getvalue()
    assert "Checking row 1,000…" in output
    assert "Checking row 2,000…" in output
    assert f"Checked, nothing written: {len(many)} rows — {len(many)} new" in output
    assert Organisation.objects.count() == 0
