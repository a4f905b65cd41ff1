"""Fuzzing the importers: damaged and odd files are refused through the importer's own report.

Every importer a person can reach (the spreadsheet importers of each record type, the notice
(OCDS) ingester, the 360Giving import and a bid's question list from Word or Excel) is given
random bytes, cut-short files, files in the wrong encoding and real files with their values
swapped for odd ones (huge numbers, NaN, text where a number belongs, lists and objects where
text belongs). Each must either import or refuse the file with a message in its normal error
channel, never raise, and write nothing when it refuses.

The examples are few and derandomised, so CI sees the same files every run.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from django.db import models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from consortia.bids import importers as question_lists
from consortia.bids.models import BidQuestion
from consortia.bids.tests import factories as bid_factories
from consortia.core import registry
from consortia.core.imports import Importer, ImportResult
from consortia.funding.importers import ThreeSixtyGivingImporter
from consortia.funding.models import GrantDataset, GrantRecord
from consortia.funding.tests.factories import GRANTS_JSON
from consortia.opportunities.ingest import Ingester
from consortia.opportunities.models import Notice, Release
from consortia.users.testing import Personas

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[2] / "consortia" / "opportunities" / "tests" / "fixtures"

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    # The database is rolled back after the test, not after each example; every example checks
    # for itself that a refused file wrote nothing.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- odd values ---------------------------------------------------------------------------------
ODD_NUMBERS = st.sampled_from(
    [
        "NaN",
        "nan",
        "Infinity",
        "-inf",
        "1e999",
        "-1e999",
        "99999999999999999999999999999999",
        "-1",
        "0",
        "1,000,000",
        "£1,234.56",
        "1.2.3",
        "12%",
        "0x1F",
        "١٢٣",  # Arabic-Indic digits
    ]
)
ODD_DATES = st.sampled_from(
    ["31/02/2026", "2026-13-01", "00/00/0000", "9999-12-31", "01/01/0001", "yesterday", "45000", "2026-05-12T25:61"]
)
CELL_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    ODD_NUMBERS,
    ODD_DATES,
    st.integers().map(str),
    st.floats().map(str),
    st.sampled_from(["", " ", "=1+1", "member; commissioner", ";;;", "GB-CHC-1234567", "PR1 2AA", "\x00", "\r\n"]),
)
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False),  # JSON text for NaN comes from ODD_NUMBERS written raw (see json_bytes)
    st.text(max_size=20),
    ODD_NUMBERS,
    ODD_DATES,
)


def odd_json(keys: list[str]) -> st.SearchStrategy[Any]:
    """Nested objects and lists whose keys are mostly the format's real ones."""
    key = st.one_of(st.sampled_from(keys), st.text(max_size=8))
    return st.recursive(
        JSON_SCALARS,
        lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(key, children, max_size=4)),
        max_leaves=12,
    )


def json_bytes(value: Any, raw_numbers: bool) -> bytes:
    """`value` as JSON; with `raw_numbers`, NaN and 1e999 written bare, as some publishers do."""
    text = json.dumps(value, default=str)
    if raw_numbers:
        for word in ("NaN", "Infinity", "1e999"):
            text = text.replace(f'"{word}"', word)
    return text.encode()


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys and indexes) into a JSON value."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(paths(item, (*prefix, index)))
    return found


@st.composite
def mutated(draw: st.DrawFn, seed: Any, keys: list[str]) -> Any:
    """The real `seed` with a few of its values (anywhere in it) replaced by odd ones, or removed."""
    value = copy.deepcopy(seed)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(paths(value)))
        if not path:
            continue
        parent = value
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(odd_json(keys))
    return value


def damaged(data: bytes) -> st.SearchStrategy[bytes]:
    """The real file cut short, with a byte changed, or in another encoding."""
    return st.one_of(
        st.integers(min_value=0, max_value=max(len(data) - 1, 0)).map(lambda end: data[:end]),
        st.tuples(st.integers(min_value=0, max_value=max(len(data) - 1, 0)), st.integers(0, 255)).map(
            lambda change: data[: change[0]] + bytes([change[1]]) + data[change[0] + 1 :]
        ),
        st.sampled_from(["utf-16", "utf-32", "latin-1"]).map(
            lambda encoding: data.decode("utf-8", errors="replace").encode(encoding, errors="replace")
        ),
    )


def rows_written(*record_types: type[models.Model]) -> tuple[int, ...]:
    return tuple(record_type._default_manager.count() for record_type in record_types)


def assert_refused_cleanly(result: ImportResult) -> None:
    assert not result.committed
    assert result.errors
    for error in result.errors:
        assert str(error.message).strip(), result.errors


# -- the spreadsheet importers of every record type ---------------------------------------------
def table_importers() -> list[type[Importer]]:
    found: dict[str, type[Importer]] = {}
    for views in registry.records():
        for importer in views.importers:
            if importer is not ThreeSixtyGivingImporter:  # a JSON or 360Giving file, below
                found[f"{importer.__module__}.{importer.__qualname__}"] = importer
    return list(found.values())


def near_miss(header: str) -> st.SearchStrategy[str]:
    """The header as a person might type it: in capitals, with underscores, spaces or a typo."""
    return st.sampled_from(
        [header, header.upper(), header.replace(" ", "_"), f"  {header} ", header[:-1] or "x", header + "s", ""]
    )


@st.composite
def table_file(draw: st.DrawFn, importer: type[Importer]) -> bytes:
    """A CSV or Excel file with columns near the importer's and odd values in its cells."""
    known = sorted(importer.columns) or ["name"]
    chosen = draw(st.lists(st.sampled_from(known), min_size=1, max_size=min(len(known), 8), unique=True))
    headers = [draw(near_miss(name)) if draw(st.integers(0, 4)) == 0 else name for name in chosen]
    rows = draw(st.lists(st.lists(CELL_TEXT, min_size=0, max_size=len(headers) + 1), min_size=0, max_size=4))
    kind = draw(st.sampled_from(["csv", "tsv", "xlsx", "cut csv", "cut xlsx", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=400))
    if "xlsx" in kind:
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(headers)
        for row in rows:
            # Excel holds numbers, dates and text: give it some real numbers too.
            sheet.append([_as_cell(cell) for cell in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    else:
        text = io.StringIO()
        writer = csv.writer(text, delimiter="\t" if kind == "tsv" else ",")
        writer.writerow(headers)
        writer.writerows(rows)
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
        data = text.getvalue().encode(encoding, errors="replace")
    if kind.startswith("cut"):
        data = cut_short(draw, data)
    return data


def cut_short(draw: st.DrawFn, data: bytes) -> bytes:
    """The file cut off part way, as a failed upload leaves it.

    The cut is drawn as a share of the length, not as a length: an Excel or Word file's size moves
    by a byte or two with the clock (its properties and zip entries are stamped with the time), and
    Hypothesis can replay a case only if every draw has the same bounds as the first time.
    """
    return data[: len(data) * draw(st.integers(min_value=0, max_value=1000)) // 1000]


def _as_cell(text: str) -> Any:
    text = text.replace("\x00", "")
    try:
        number = float(text)
    except ValueError:
        # openpyxl refuses control characters in a cell, as Excel does.
        return "".join(char for char in text if char >= " " or char in "\t\n")
    return number if math.isfinite(number) else text


@pytest.mark.parametrize("importer", table_importers(), ids=lambda importer: importer.__qualname__)
def test_spreadsheet_importers_refuse_damaged_files_in_their_report(
    personas: Personas, importer: type[Importer]
) -> None:
    written = (
        (importer.model, importer.model.history.model) if hasattr(importer.model, "history") else (importer.model,)
    )

    @FUZZ
    @given(data=table_file(importer))
    def run(data: bytes) -> None:
        before = rows_written(*written)
        result = importer(user=personas.manager).run(data)
        if result.ok:
            assert result.committed
        else:
            assert_refused_cleanly(result)
            assert rows_written(*written) == before

    run()


# -- notices (OCDS) ------------------------------------------------------------------------------
OCDS_KEYS = [
    "releases", "records", "ocid", "id", "date", "tag", "initiationType", "parties", "buyer", "tender",
    "title", "description", "value", "amount", "currency", "tenderPeriod", "endDate", "startDate",
    "items", "classification", "scheme", "awards", "contracts", "suppliers", "name", "identifier",
    "lots", "status", "compiledRelease", "roles", "address", "postalCode", "contractPeriod",
]  # fmt: skip


OCDS_SEED = json.loads((FIXTURES / "pa-uk4-tender-notice.json").read_text(encoding="utf-8"))


def test_notice_ingester_refuses_damaged_packages_whole(personas: Personas) -> None:
    seed = json_bytes(OCDS_SEED, raw_numbers=False)

    @FUZZ
    @given(
        body=st.one_of(
            st.binary(max_size=300),
            damaged(seed),
            st.tuples(mutated(OCDS_SEED, OCDS_KEYS), st.booleans()).map(lambda pair: json_bytes(*pair)),
            odd_json(OCDS_KEYS).map(lambda value: json_bytes(value, raw_numbers=True)),
        )
    )
    def run(body: bytes) -> None:
        before = rows_written(Release, Notice)
        ingester = Ingester("fuzz", user=personas.manager)
        result = ingester.add_package_bytes(body, "page 1")
        run_record = ingester.finish()
        if not result.committed:
            assert result.message.strip()
            assert rows_written(Release, Notice) == before
            assert run_record.messages.strip()

    run()


# -- 360Giving -----------------------------------------------------------------------------------
GIVING_KEYS = [
    "grants", "id", "title", "description", "currency", "amountAwarded", "awardDate", "plannedDates",
    "duration", "startDate", "endDate", "recipientOrganization", "recipientIndividual", "name",
    "charityNumber", "companyNumber", "postalCode", "addressLocality", "organisationType",
    "fundingOrganization", "beneficiaryLocation", "geoCode", "grantProgramme", "dataSource",
]  # fmt: skip
GIVING_SEED = {"grants": json.loads(GRANTS_JSON.read_text(encoding="utf-8"))["grants"][:3]}


def test_360giving_import_refuses_damaged_files_in_its_report(personas: Personas) -> None:
    seed = json_bytes(GIVING_SEED, raw_numbers=False)

    @FUZZ
    @given(
        data=st.one_of(
            st.binary(max_size=300),
            damaged(seed),
            st.tuples(mutated(GIVING_SEED, GIVING_KEYS), st.booleans()).map(lambda pair: json_bytes(*pair)),
            odd_json(GIVING_KEYS).map(lambda value: json_bytes({"grants": value}, raw_numbers=True)),
            table_file(_GivingColumns),
        )
    )
    def run(data: bytes) -> None:
        before = rows_written(GrantRecord, GrantDataset)
        result = ThreeSixtyGivingImporter(user=personas.manager, file_name="fuzz.json").run(data)
        if result.ok:
            assert result.committed
        else:
            assert_refused_cleanly(result)
            assert rows_written(GrantRecord, GrantDataset) == before

    run()


class _GivingColumns(Importer):
    """Not an importer: the column titles of 360Giving's spreadsheet, for `table_file`."""

    columns = {
        "identifier": "",
        "title": "",
        "description": "",
        "currency": "",
        "amount awarded": "",
        "award date": "",
        "recipient org:identifier": "",
        "recipient org:name": "",
        "funding org:identifier": "",
        "funding org:name": "",
        "planned dates:duration (months)": "",
    }


# -- a bid's question list from Word or Excel ----------------------------------------------------
QUESTION_HEADERS = ["Number", "Section", "Question", "Limit", "Weighting", "Word limit", "Weighting (%)", "Ref"]


@st.composite
def question_file(draw: st.DrawFn) -> tuple[str, bytes]:
    headers = draw(st.lists(st.sampled_from(QUESTION_HEADERS), min_size=1, max_size=5, unique=True))
    rows = draw(st.lists(st.lists(CELL_TEXT, max_size=len(headers) + 1), max_size=4))
    kind = draw(st.sampled_from(["xlsx", "docx table", "docx paragraphs", "bytes"]))
    if kind == "bytes":
        return "questions.xlsx", draw(st.binary(max_size=400))
    buffer = io.BytesIO()
    if kind == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(headers)
        for row in rows:
            sheet.append([_as_cell(cell) for cell in row])
        if rows and draw(st.booleans()):
            # A merged block somewhere below the header (a heading, or a refused merge).
            last_row = len(rows) + 1
            top = draw(st.integers(min_value=2, max_value=last_row))
            sheet.merge_cells(
                start_row=top,
                start_column=1,
                end_row=draw(st.integers(min_value=top, max_value=last_row)),
                end_column=draw(st.integers(min_value=1, max_value=len(headers) + 1)),
            )
        workbook.save(buffer)
        name = "questions.xlsx"
    else:
        document = docx.Document()
        if kind == "docx table":
            table = document.add_table(rows=1, cols=len(headers))
            for cell, header in zip(table.rows[0].cells, headers, strict=True):
                cell.text = header
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=False):
                    cell.text = _as_cell_text(text)
        else:
            for row in rows:
                text = " ".join(_as_cell_text(cell) for cell in row)
                style = draw(st.sampled_from([None, "Heading 1", "List Number", "Title"]))
                document.add_paragraph(draw(st.sampled_from(["", "1.2 ", "3) "])) + text, style=style)
        document.save(buffer)
        name = "questions.docx"
    data = buffer.getvalue()
    if draw(st.integers(0, 3)) == 0:
        data = cut_short(draw, data)
    return name, data


def _as_cell_text(text: str) -> str:
    # python-docx refuses control characters, as Word does.
    return "".join(char for char in text if char >= " " or char in "\t\n")


def test_question_list_import_refuses_damaged_files_with_messages(personas: Personas) -> None:
    bid = bid_factories.bid(personas.manager)
    import_questions: Callable[..., Any] = question_lists.import_questions

    @FUZZ
    @given(upload=question_file())
    def run(upload: tuple[str, bytes]) -> None:
        name, data = upload
        before = rows_written(BidQuestion, BidQuestion.history.model)
        refused: list[str] = []
        try:
            questions = question_lists.read_question_list(name, data)
            import_questions(bid, questions, personas.manager)
        except question_lists.QuestionListError as error:
            refused = error.messages
        if refused:
            assert all(message.strip() for message in refused), refused
            assert rows_written(BidQuestion, BidQuestion.history.model) == before

    run()
