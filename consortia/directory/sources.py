"""Importers for the public registers: Charity Commission extract, Companies House data, CCNI register.

A register is third-party data that the hub cannot correct, so these importers are forgiving where
Consortia's own importer is strict. A postcode, e-mail address, website, phone number or secondary
company number that the register has wrong is left out of that row (and listed in the importer's
`warnings`) instead of stopping the whole import. The register's own number is the exception: a row
whose charity or company number is missing or malformed is an error, because without it the next
import could not find the record again and would create a duplicate.

They set only what the register holds, and leave out what it has blank, so an organisation the hub
entered by hand keeps its roles, notes and any contact details the register lacks.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator, validate_email

from consortia.core.imports import ImportResult
from consortia.directory import identifiers
from consortia.directory.choices import CharityRegister, LegalForm
from consortia.directory.forms import OrganisationForm
from consortia.directory.importers import OrganisationImporter, organisation_keys
from consortia.directory.models import Organisation

SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
WEB_ADDRESS = URLValidator(schemes=["http", "https"])
# Something shaped like a postcode, complete or not, so that a bad one is reported as a bad postcode
# rather than taken for the town.
POSTCODE_SHAPE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?(\s*[0-9][A-Z]{2})?$", re.IGNORECASE)
COUNTY_PART = re.compile(r"^(co\.?|county)\s+\S", re.IGNORECASE)
# organisation_keys' column names -> the field each stands for.
KEY_FIELDS = {"charity number": "charity_number", "company number": "company_number", "ppon": "ppon"}
# Values registers put in a box that has nothing to say; treated as blank, not as mistakes.
PLACEHOLDERS = {"", "-", "n/a", "na", "none", "nil", "not applicable", "tbc", "no website", "no email"}


def _max_length(field: str) -> int:
    return cast(int, getattr(Organisation._meta.get_field(field), "max_length", 0))


def _cell(row: dict[str, str], header: str) -> str:
    """A cell's value with its spacing tidied; '' when the row is short or the column absent."""
    return " ".join((row.get(header) or "").split())


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", value).upper()


def _read_upload(upload: UploadedFile | bytes) -> bytes:
    if isinstance(upload, bytes):
        return upload
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data if isinstance(data, bytes) else data.encode()


def merge_lines(existing: str, new: Iterable[str], leave_out: Iterable[str] = ()) -> str:
    """`existing` with each of `new` not already in it added as a line of its own.

    Returns `existing` untouched when nothing is added, so an unchanged register row leaves the
    record unchanged even when the hub typed the lines with Windows line endings.
    """
    present = {line.strip().casefold() for line in existing.splitlines() if line.strip()}
    present.update(name.casefold() for name in leave_out)
    added: list[str] = []
    for line in new:
        if line and line.casefold() not in present:
            added.append(line)
            present.add(line.casefold())
    if not added:
        return existing
    return "\n".join([line.rstrip() for line in existing.splitlines() if line.strip()] + added)


# The register's own number is required: it is how the next import finds the record again. This is a
# clean_<field> method rather than `required = True` set in __init__, because BaseModelForm validates
# bound forms while it is still being initialised, before a subclass's __init__ could change a field.
class CharityRegisterForm(OrganisationForm):
    def clean_charity_number(self) -> str:
        value: str = self.cleaned_data.get("charity_number", "")
        if not value:
            raise ValidationError("There is no charity number in this row; every charity on the register has one.")
        return value


class CompanyRegisterForm(OrganisationForm):
    def clean_company_number(self) -> str:
        value: str = self.cleaned_data.get("company_number", "")
        if not value:
            raise ValidationError("There is no company number in this row; every company on the register has one.")
        return value


class RegisterImporter(OrganisationImporter):
    """What the register importers share: forgiving clean-up of contact details, and careful matching."""

    ignore_unknown_columns = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._companies: dict[str, int] = {}

    def run(self, upload: UploadedFile | bytes, commit: bool = True) -> ImportResult:
        self._companies = {}
        return super().run(upload, commit)

    def keys(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        # organisation_keys names Consortia's own columns; name the register's, so that a number
        # repeated in the file is reported against a column the hub can find in it.
        columns = {field: column for column, field in self.columns.items()}
        return [(columns.get(KEY_FIELDS.get(column, ""), column), key) for column, key in organisation_keys(data)]

    # -- helpers for transform() ----------------------------------------------------------------
    def index(self) -> dict[str, Organisation]:
        if self._index is None:
            self._index = self.index_existing()
        return cast(dict[str, Organisation], self._index)

    def existing(self, data: dict[str, Any]) -> Organisation | None:
        """The organisation already in Consortia that this row will update, if any."""
        index = self.index()
        for _, key in organisation_keys(data):
            if key in index:
                return index[key]
        return None

    def charity_number(self, value: str, register: str) -> str:
        try:
            return identifiers.normalise_charity_number(value, register)
        except ValidationError:
            # Passed on as it is, so the form reports it against the register's column.
            return value

    def postcode(self, value: str, number: int, column: str) -> str | None:
        """The postcode as Consortia stores it, '' when there is none, or None to leave it out."""
        if not value:
            return ""
        try:
            return identifiers.normalise_postcode(value)
        except ValidationError as error:
            self.warn(number, column, f"{error.messages[0]} It was left out.")
            return None

    def email(self, value: str, number: int, column: str) -> str | None:
        value = value.removeprefix("mailto:").strip()
        if value.casefold() in PLACEHOLDERS:
            return None
        if not _is_email(value) or len(value) > _max_length("email"):
            self.warn(number, column, f"“{value}” is not an e-mail address, so it was left out.")
            return None
        return value

    def website(self, value: str, number: int, column: str) -> str | None:
        if value.casefold() in PLACEHOLDERS:
            return None
        if _is_email(value):
            # With https:// added, an e-mail address would pass as a web address with a user name.
            self.warn(number, column, f"“{value}” is an e-mail address, not a website, so it was left out.")
            return None
        url = value if SCHEME.match(value) else f"https://{value}"
        try:
            WEB_ADDRESS(url)
        except ValidationError:
            self.warn(number, column, f"“{value}” is not a web address, so it was left out.")
            return None
        if len(url) > _max_length("website"):
            self.warn(
                number,
                column,
                f"The web address is longer than {_max_length('website')} characters, so it was left out.",
            )
            return None
        return url

    def phone(self, value: str, number: int, column: str) -> str | None:
        if not value:
            return None
        if len(value) > _max_length("phone"):
            self.warn(
                number,
                column,
                f"“{value}” is longer than a phone number can be here ({_max_length('phone')} characters), so it was left out.",
            )
            return None
        return value

    def fit(self, value: str, field: str, number: int, column: str) -> str:
        """The value, shortened to fit the field: part of an address is more use than none."""
        limit = _max_length(field)
        if len(value) <= limit:
            return value
        self.warn(number, column, f"“{value}” is longer than {limit} characters, so it was shortened.")
        return value[:limit].rstrip(" ,")

    def address(
        self, lines: list[str], number: int, column: str, town: str | None = None, county: str | None = None
    ) -> dict[str, str]:
        """Address lines as fields: the first line, the middle ones joined, and the town.

        When `town` is not given, the last of several lines is the town. All the fields are set
        together, blanks included, so a new address never keeps a stale second line or town.
        """
        lines = [line for line in lines if line]
        if town is None:
            town = lines.pop() if len(lines) > 1 else ""
        if not lines and not town and not county:
            return {}
        data = {
            "address_line_1": self.fit(lines[0] if lines else "", "address_line_1", number, column),
            "address_line_2": self.fit(", ".join(lines[1:]), "address_line_2", number, column),
            "town": self.fit(town, "town", number, column),
        }
        if county is not None:
            data["county"] = self.fit(county, "county", number, column)
        return data

    def secondary_company_number(self, value: str, number: int, column: str, charity: tuple[str, str]) -> str | None:
        """A company number a charity register gives, or None when it should be left out.

        It is not the row's own identifier, so a bad one is left out rather than stopping the import;
        and one that would tie the row to a different charity is left out too, because matching on
        it would overwrite that charity's number.
        """
        compact = _compact(value)
        if not compact.strip("0"):
            return None  # registers write 0 for "no company"
        try:
            company = identifiers.normalise_company_number(compact)
        except ValidationError as error:
            self.warn(number, column, f"“{value}” was left out: {error.messages[0]}")
            return None
        first = self._companies.setdefault(company, number)
        if first != number:
            self.warn(
                number, column, f"Company number {company} is also given on row {first}, so it was left out here."
            )
            return None
        holder = self.index().get(f"company_number:{company}")
        if holder is not None and holder.charity_number and (holder.charity_register, holder.charity_number) != charity:
            self.warn(
                number,
                column,
                f"Company number {company} belongs to “{holder}” (charity {holder.charity_number}) in Consortia, "
                "so it was left out here.",
            )
            return None
        return company

    def finish(self, data: dict[str, Any], other_names: Iterable[str] = ()) -> dict[str, Any]:
        """Reconcile the row with the organisation it updates, so hand-made edits survive re-imports."""
        existing = self.existing(data)
        names = [name for name in other_names if name.casefold() not in PLACEHOLDERS]
        if existing is not None:
            # Registers often hold names in capitals; keep the hub's own casing of the same name.
            if data.get("name") and data["name"].casefold() == existing.name.casefold():
                data["name"] = existing.name
            if names:
                data["other_names"] = merge_lines(existing.other_names, names, leave_out=[data.get("name", "")])
        elif names:
            data["other_names"] = merge_lines("", names, leave_out=[data.get("name", "")])
        # None marks a value the register has blank or wrong: leave the field out, so that it does not
        # wipe what the hub typed in.
        return {field: value for field, value in data.items() if value is not None}


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


class CharityCommissionImporter(RegisterImporter):
    """The `charity` table of the Charity Commission for England and Wales register extract."""

    name = "ccew"
    label = "Charity Commission for England and Wales register extract (publicextract.charity, tab-separated)"
    form = CharityRegisterForm
    delimiter = "\t"
    columns = {
        "charity name": "name",
        "charity contact address1": "address_line_1",
        "charity contact address2": "address_line_2",
        "charity contact address3": "address_line_2",
        "charity contact address4": "address_line_2",
        "charity contact address5": "town",
        "charity contact postcode": "postcode",
        "charity contact phone": "phone",
        "charity contact email": "email",
        "charity contact web": "website",
        "charity company registration number": "company_number",
        "charity is cio": "legal_form",
        "registered charity number": "charity_number",
    }
    required_columns = {
        "registered charity number",
        "linked charity number",
        "charity name",
        "charity registration status",
    }
    signature = {"registered charity number", "linked charity number", "charity registration status"}
    help_text = (
        "The publicextract.charity.txt file from the Charity Commission's register download. Linked charities "
        "and removed charities are skipped. Charities already in Consortia are found by charity or company "
        "number and updated; their roles and notes are kept. A postcode, e-mail address or website that the "
        "register has wrong is left out rather than stopping the import."
    )

    def prepare(self, data: bytes) -> bytes:
        return repair_extract(data, self.delimiter or "\t")

    def transform(self, row: dict[str, str], number: int) -> dict[str, Any] | None:
        # Linked charities (a charity's branches and subsidiary funds) share the main charity's number.
        if _cell(row, "linked charity number") not in ("", "0"):
            return None
        if _cell(row, "charity registration status").casefold() == "removed":
            return None
        register = CharityRegister.ENGLAND_WALES
        data: dict[str, Any] = {
            "name": _cell(row, "charity name"),
            "charity_register": register,
            "charity_number": self.charity_number(_cell(row, "registered charity number"), register),
            "legal_form": self.legal_form(row),
        }
        raw_postcode = _cell(row, "charity contact postcode")
        lines = [_cell(row, f"charity contact address{line}") for line in range(1, 6)]
        lines = [line for line in lines if line]
        if lines and raw_postcode and _compact(lines[-1]) == _compact(raw_postcode):
            lines.pop()  # some entries repeat the postcode as the last address line
        data.update(self.address(lines, number, "charity contact address1"))
        if lines or raw_postcode:
            data["postcode"] = self.postcode(raw_postcode, number, "charity contact postcode")
        data["phone"] = self.phone(_cell(row, "charity contact phone"), number, "charity contact phone")
        data["email"] = self.email(_cell(row, "charity contact email"), number, "charity contact email")
        data["website"] = self.website(_cell(row, "charity contact web"), number, "charity contact web")
        data["company_number"] = self.secondary_company_number(
            _cell(row, "charity company registration number"),
            number,
            "charity company registration number",
            (register, data["charity_number"]),
        )
        return self.finish(data)

    @staticmethod
    def legal_form(row: dict[str, str]) -> str:
        if _cell(row, "charity is cio").casefold() == "true" or _cell(row, "charity type").casefold() == "cio":
            return LegalForm.CIO
        # A charitable company is a company limited by guarantee; saying so keeps this import and the
        # Companies House one from flipping the same organisation's legal form back and forth.
        if _cell(row, "charity type").casefold() == "charitable company":
            return LegalForm.CLG
        return LegalForm.CHARITY


def repair_extract(data: bytes, delimiter: str) -> bytes:
    """The extract re-written so that the import framework's CSV reader reads it as the Commission meant.

    The extract is not quoted: a value may begin with a double quote, which a CSV reader takes as the
    start of a quoted value running on over tabs and lines; and a value may hold a line break, which
    splits its row in two. Read it unquoted, put broken rows back together (every row has as many
    values as the header), and write it out again with proper quoting.
    """
    if data[:4] == b"PK\x03\x04" or b"\x00" in data[:8192]:
        return data  # a workbook, or not text at all: the framework says what is wrong with it
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None:
        return data
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(_rejoin(reader, len(header)))
    return output.getvalue().encode("utf-8")


def _rejoin(rows: Iterator[list[str]], width: int) -> Iterator[list[str]]:
    pending: list[str] | None = None
    for cells in rows:
        if pending is None:
            if not cells:
                continue
            pending = cells
        else:
            # The line break fell inside the last value of the row so far; a blank line is a paragraph break.
            if cells:
                pending[-1] = " ".join(part for part in (pending[-1].strip(), cells[0].strip()) if part)
                pending.extend(cells[1:])
        if len(pending) >= width:
            yield pending
            pending = None
    if pending is not None:
        yield pending


# Companies House category (lower case) -> legal form.
COMPANY_CATEGORIES = {
    "private limited company by guarantee without share capital": LegalForm.CLG,
    "community interest company": LegalForm.CIC,
    "charitable incorporated organisation": LegalForm.CIO,
    "scottish charitable incorporated organisation": LegalForm.CIO,
    "private limited company": LegalForm.CLS,
    "public limited company": LegalForm.CLS,
    "registered society": LegalForm.CBS,
    # The name registered societies had before the Co-operative and Community Benefit Societies Act 2014.
    "industrial and provident society": LegalForm.CBS,
}
# A company in these states is no longer an organisation the hub can work with; "Converted/Closed" is
# one that became something else (often a CIO) under a new number.
SKIPPED_COMPANY_STATUSES = {"dissolved", "converted/closed"}


def company_legal_form(category: str) -> str:
    wanted = " ".join(category.split()).casefold()
    if not wanted:
        return ""
    # Guarantee companies come as "PRI/LBG/NSC (…)" and "PRI/LTD BY GUAR/NSC (…)" as well as in words.
    if wanted.startswith("pri/") and ("lbg" in wanted or "guar" in wanted):
        return LegalForm.CLG
    return COMPANY_CATEGORIES.get(wanted, LegalForm.OTHER)


class CompaniesHouseImporter(RegisterImporter):
    """Companies House "Basic company data" (the free bulk CSV, one file or one of its parts)."""

    name = "companies_house"
    label = "Companies House basic company data (CSV)"
    form = CompanyRegisterForm
    columns = {
        "companyname": "name",
        "regaddress.addressline1": "address_line_1",
        "regaddress.addressline2": "address_line_2",
        "regaddress.posttown": "town",
        "regaddress.county": "county",
        "regaddress.postcode": "postcode",
        "companycategory": "legal_form",
        **{f"previousname {n}.companyname": "other_names" for n in range(1, 11)},
        "companynumber": "company_number",
    }
    required_columns = {"companyname", "companynumber", "companystatus"}
    signature = {"companyname", "companynumber", "companycategory", "companystatus"}
    help_text = (
        "A file (or one part) of Companies House's free Basic Company Data. Dissolved companies are skipped. "
        "Companies already in Consortia are found by company number and updated; their roles and notes are kept, "
        "and former names are added to their other names. A postcode Companies House has wrong is left out "
        "rather than stopping the import."
    )

    def transform(self, row: dict[str, str], number: int) -> dict[str, Any] | None:
        if _cell(row, "companystatus").casefold() in SKIPPED_COMPANY_STATUSES:
            return None
        raw_number = _cell(row, "companynumber")
        try:
            company_number = identifiers.normalise_company_number(raw_number)
        except ValidationError:
            company_number = raw_number  # the form reports it against the column
        data: dict[str, Any] = {
            "name": _cell(row, "companyname"),
            "company_number": company_number,
            "legal_form": company_legal_form(_cell(row, "companycategory")) or None,
        }
        lines = [_cell(row, "regaddress.addressline1"), _cell(row, "regaddress.addressline2")]
        town, county = _cell(row, "regaddress.posttown"), _cell(row, "regaddress.county")
        data.update(self.address(lines, number, "regaddress.addressline1", town=town, county=county))
        raw_postcode = _cell(row, "regaddress.postcode")
        if any(lines) or town or county or raw_postcode:
            data["postcode"] = self.postcode(raw_postcode, number, "regaddress.postcode")
        previous = [_cell(row, f"previousname {n}.companyname") for n in range(1, 11)]
        return self.finish(data, other_names=previous)


class CharityCommissionNIImporter(RegisterImporter):
    """The register download of the Charity Commission for Northern Ireland (CSV, Windows-1252)."""

    name = "ccni"
    label = "Charity Commission for Northern Ireland register (CSV)"
    form = CharityRegisterForm
    columns = {
        "charity name": "name",
        "public address": "address_line_1",
        "website": "website",
        "email": "email",
        "telephone": "phone",
        "company number": "company_number",
        "other name": "other_names",
        "type of governing document": "legal_form",
        "reg charity number": "charity_number",
    }
    required_columns = {"reg charity number", "charity name", "status"}
    signature = {"reg charity number", "charity name", "public address"}
    help_text = (
        "The CSV download of the Charity Commission for Northern Ireland's register. Removed charities are "
        "skipped. Charities already in Consortia are found by charity number and updated; their roles and notes "
        "are kept. A postcode, e-mail address or website the register has wrong is left out rather than stopping "
        "the import."
    )

    def transform(self, row: dict[str, str], number: int) -> dict[str, Any] | None:
        if _cell(row, "status").casefold() == "removed":
            return None
        register = CharityRegister.NORTHERN_IRELAND
        name = _cell(row, "charity name")
        data: dict[str, Any] = {
            "name": name,
            "charity_register": register,
            "charity_number": self.charity_number(_cell(row, "reg charity number"), register),
            "legal_form": self.legal_form(_cell(row, "type of governing document")),
        }
        lines, county, raw_postcode = parse_public_address(_cell(row, "public address"), name)
        # The county is set only when the address names one: most of the register's addresses do not.
        data.update(self.address(lines, number, "public address", county=county or None))
        if lines or raw_postcode:
            data["postcode"] = self.postcode(raw_postcode, number, "public address")
        data["phone"] = self.phone(_cell(row, "telephone"), number, "telephone")
        data["email"] = self.email(_cell(row, "email"), number, "email")
        data["website"] = self.website(_cell(row, "website"), number, "website")
        data["company_number"] = self.company_number(
            _cell(row, "company number"), number, (register, data["charity_number"])
        )
        return self.finish(data, other_names=[_cell(row, "other name")])

    def company_number(self, value: str, number: int, charity: tuple[str, str]) -> str | None:
        compact = _compact(value)
        if compact.isdigit() and compact.strip("0"):
            # The register drops the NI prefix, so 22996 could be NI022996 or 00022996 (England and
            # Wales); guessing wrong would tie the charity to someone else's company.
            self.warn(
                number,
                "company number",
                f"“{value}” does not say which companies register it is from (NI{compact.zfill(6)}, "
                f"or {compact.zfill(8)} in Great Britain?), so it was left out.",
            )
            return None
        return self.secondary_company_number(value, number, "company number", charity)

    @staticmethod
    def legal_form(governing_document: str) -> str:
        document = governing_document.casefold()
        if document == "memorandum and articles":
            return LegalForm.CLG
        if document == "ips rules":
            return LegalForm.CBS
        if document == "royal charter":
            return LegalForm.OTHER
        return LegalForm.CHARITY


def parse_public_address(text: str, name: str) -> tuple[list[str], str | None, str]:
    """(lines, county, postcode) from a one-line address such as "Name, 1 Street, Town, Co Down, BT1 1AA".

    The last part is the postcode when it is shaped like one; a county written as "Co …" or
    "County …" just before it is the county; a first part repeating the charity's name is dropped.
    """
    parts = [part.strip().rstrip(".").strip() for part in text.split(",")]
    parts = [part for part in parts if part]
    postcode = parts.pop() if parts and POSTCODE_SHAPE.match(parts[-1]) else ""
    if parts and parts[0].casefold() == name.casefold():
        parts.pop(0)
    county = parts.pop() if len(parts) > 2 and COUNTY_PART.match(parts[-1]) else ""
    return parts, county, postcode
