"""Reading a commissioner's question list from Excel or Word, checked whole before anything is written.

An Excel sheet or a Word table has a header row naming its columns (only "Question" is needed;
"Number", "Section", "Limit" and "Weighting" are read when present). A Word document without
such a table is read as numbered paragraphs ("1.2 Describe…", or Word's own numbered list),
its headings giving the sections.

Merged cells: a row that is one merged cell across the columns, and nothing else, is a section
heading (commissioners often lay lists out so); any other merged cell (down several rows, or
within a question's row) is refused, naming the cells, because which question it belongs to
cannot be known. Errors name the row and the column; a file with any error writes nothing.
Importing the same file again changes nothing: questions are matched on their number.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from consortia.bids.choices import LimitKind
from consortia.bids.models import Bid, BidQuestion

HEADERS = {
    "number": ("number", "no", "no.", "ref", "reference", "question number", "question no", "question no.", "#", "q"),
    "section": ("section", "heading", "lot", "theme"),
    "text": ("question", "question text", "questions", "requirement"),
    "limit": ("limit", "word limit", "character limit", "max words", "maximum words", "word count", "length"),
    "weighting": ("weighting", "weight", "weighting (%)", "weighting %", "weight (%)", "marks (%)"),
}
LABELS = {"number": "Number", "section": "Section", "text": "Question", "limit": "Limit", "weighting": "Weighting"}
LIMIT = re.compile(r"^\D*?(\d[\d,]*)\s*(words?|characters?|chars?)?\b.*$", re.IGNORECASE)
NUMBERED = re.compile(r"^\s*((?:\d+\.)*\d+)[.)]?\s+(.+)$", re.DOTALL)
LIMIT_IN_TEXT = re.compile(r"\((?:max(?:imum)?\.?\s*)?(\d[\d,]*)\s*(words?|characters?)\)\s*$", re.IGNORECASE)
HEADER_SEARCH_ROWS = 10


class QuestionListError(Exception):
    """The file cannot be imported; `messages` says why, by row and column."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class ParsedQuestion:
    row: int  # the row of the sheet or table (or the paragraph's number in the document)
    number: str
    section: str
    text: str
    limit_kind: str = LimitKind.WORDS
    limit: int | None = None
    weighting: Decimal | None = None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        text = f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged."
        if self.not_in_file:
            text += f" Not in the file, left as they were: {', '.join(self.not_in_file)}."
        return text


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lower().rstrip(":")
        for key, names in HEADERS.items():
            if name in names and key not in found:
                found[key] = index
    return found


def parse_limit(raw: str, header: str, where: str) -> tuple[str, int | None]:
    """("words" or "characters", the number) from "500 words", "2,000 characters", "500"."""
    if not raw:
        return LimitKind.WORDS, None
    match = LIMIT.match(raw)
    if not match:
        raise ValueError(f"{where}: “{raw}” is not a limit; write a number of words or characters, e.g. “500 words”.")
    number = int(match.group(1).replace(",", ""))
    unit = (match.group(2) or "").lower()
    if unit.startswith("char") or (not unit and "character" in header.lower()):
        return LimitKind.CHARACTERS, number
    return LimitKind.WORDS, number


def parse_weighting(raw: str, where: str) -> Decimal | None:
    if not raw:
        return None
    text = raw.replace("%", "").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0 or value > 100:
        raise ValueError(f"{where}: “{raw}” is not a weighting; write a percentage from 0 to 100, e.g. “15%”.")
    # A spreadsheet's percentage cell holds 0.15 for 15%.
    if value < 1 and "%" not in raw and "." in text:
        value *= 100
    return value.quantize(Decimal("0.01"))


def _rows_to_questions(
    rows: list[tuple[int, list[str]]], columns: dict[str, int], headers: list[str], headings: dict[int, str]
) -> list[ParsedQuestion]:
    """Questions from the rows after the header; `headings` are rows that are a section heading."""
    questions: list[ParsedQuestion] = []
    errors: list[str] = []
    section = ""
    position = 0
    for row_number, values in rows:
        if row_number in headings:
            section = headings[row_number]
            continue

        def cell(key: str, values: list[str] = values) -> str:
            index = columns.get(key)
            return values[index] if index is not None and index < len(values) else ""

        if not any(values):
            continue
        text = cell("text")
        if not text:
            non_empty = [(index, value) for index, value in enumerate(values) if value]
            if len(non_empty) == 1 and non_empty[0][0] != columns.get("number"):
                section = non_empty[0][1]  # a heading typed in one cell, not merged
                continue
            errors.append(f"Row {row_number}, column “{headers[columns['text']]}”: the question is empty.")
            continue
        position += 1
        number = cell("number") or str(position)
        try:
            kind, limit = parse_limit(
                cell("limit"),
                headers[columns["limit"]] if "limit" in columns else "",
                f"Row {row_number}, column “{headers[columns['limit']]}”" if "limit" in columns else "",
            )
        except ValueError as error:
            errors.append(str(error))
            kind, limit = LimitKind.WORDS, None
        try:
            weighting = parse_weighting(
                cell("weighting"),
                f"Row {row_number}, column “{headers[columns['weighting']]}”" if "weighting" in columns else "",
            )
        except ValueError as error:
            errors.append(str(error))
            weighting = None
        questions.append(
            ParsedQuestion(row_number, number[:20], cell("section") or section, text, kind, limit, weighting)
        )
    errors.extend(_duplicates(questions))
    if errors:
        raise QuestionListError(errors)
    return questions


def _duplicates(questions: list[ParsedQuestion]) -> list[str]:
    seen: dict[str, int] = {}
    errors = []
    for question in questions:
        if question.number in seen:
            errors.append(
                f"Row {question.row}: question number {question.number} is also on row {seen[question.number]}; "
                "each question needs its own number."
            )
        else:
            seen[question.number] = question.row
    return errors


# -- Excel ---------------------------------------------------------------------------------------


def read_excel(data: bytes) -> list[ParsedQuestion]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # noqa: BLE001  (openpyxl raises many kinds for a file that is not a workbook)
        raise QuestionListError(
            [f"The file could not be read as an Excel workbook ({error.__class__.__name__})."]
        ) from None
    sheet = workbook.worksheets[0]
    grid = [[_clean(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    header_row = next((index for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]) if "text" in _columns(row)), None)
    if header_row is None:
        raise QuestionListError(
            ["No header row with a “Question” column was found in the first ten rows of the first sheet."]
        )
    headers = grid[header_row]
    columns = _columns(headers)
    used = max(columns.values())
    headings: dict[int, str] = {}
    refused: list[str] = []
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row <= header_row + 1:
            continue  # a title above the header
        name = merged.coord
        one_row = merged.min_row == merged.max_row
        values = grid[merged.min_row - 1] if merged.min_row - 1 < len(grid) else []
        others = [
            value for index, value in enumerate(values) if value and not merged.min_col - 1 <= index < merged.max_col
        ]
        covers_columns = merged.min_col - 1 <= min(columns.values()) and merged.max_col - 1 >= min(
            used, len(headers) - 1
        )
        if one_row and not others and covers_columns:
            headings[merged.min_row] = values[merged.min_col - 1] if values else ""
            continue
        columns_named = ", ".join(
            f"“{headers[index]}”"
            for index in range(merged.min_col - 1, merged.max_col)
            if index < len(headers) and headers[index]
        )
        refused.append(
            f"Cells {name} are merged (row{'s' if not one_row else ''} {merged.min_row}"
            f"{'' if one_row else f' to {merged.max_row}'}, column{'s' if merged.min_col != merged.max_col else ''} "
            f"{get_column_letter(merged.min_col)}{'' if merged.min_col == merged.max_col else '–' + get_column_letter(merged.max_col)}"
            f"{' ' + columns_named if columns_named else ''}). Unmerge them so that each question has its own row; "
            "only a section heading may be merged across a whole row."
        )
    if refused:
        raise QuestionListError(refused)
    rows = [(index + 1, values) for index, values in enumerate(grid) if index > header_row]
    return _rows_to_questions(rows, columns, headers, headings)


# -- Word ------------------------------------------------------------------------------------------


def read_word(data: bytes) -> list[ParsedQuestion]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001  (python-docx raises many kinds for a file that is not a document)
        raise QuestionListError(
            [f"The file could not be read as a Word document ({error.__class__.__name__})."]
        ) from None
    for table in document.tables:
        if not table.rows:
            continue
        headers = [_clean(cell.text) for cell in table.rows[0].cells]
        columns = _columns(headers)
        if "text" in columns:
            return _word_table(table, headers, columns)
    return _word_paragraphs(document)


def _word_table(table: Any, headers: list[str], columns: dict[str, int]) -> list[ParsedQuestion]:
    headings: dict[int, str] = {}
    rows: list[tuple[int, list[str]]] = []
    refused = []
    for number, row in enumerate(table.rows[1:], start=2):
        cells = row.cells
        distinct = {id(cell._tc) for cell in cells}
        values = [_clean(cell.text) for cell in cells]
        merged_down = [
            headers[index] or f"column {index + 1}" for index, cell in enumerate(cells) if cell._tc.vMerge is not None
        ]
        if merged_down:
            refused.append(
                f"Row {number} of the question table, column{'s' if len(merged_down) > 1 else ''} "
                f"{', '.join(f'“{name}”' for name in dict.fromkeys(merged_down))}: the cells are merged with the row "
                "above or below. Unmerge them so that each question has its own row."
            )
            continue
        if len(distinct) == 1 and len(cells) > 1:
            headings[number] = values[0]
        elif len(distinct) < len(cells):
            spans = dict.fromkeys(
                headers[index] or f"column {index + 1}"
                for index, cell in enumerate(cells)
                if sum(1 for other in cells if other._tc is cell._tc) > 1
            )
            refused.append(
                f"Row {number} of the question table: the cells under {', '.join(f'“{name}”' for name in spans)} "
                "are merged. Only a section heading may be merged across a whole row."
            )
            continue
        rows.append((number, values))
    if refused:
        raise QuestionListError(refused)
    return _rows_to_questions(rows, columns, headers, headings)


def _word_paragraphs(document: Any) -> list[ParsedQuestion]:
    questions: list[ParsedQuestion] = []
    section = ""
    listed = 0
    for index, paragraph in enumerate(document.paragraphs, start=1):
        text = paragraph.text.strip()
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if not text:
            continue
        if style.startswith("Heading") or style == "Title":
            if style != "Title":
                section = text
            continue
        match = NUMBERED.match(text)
        if match:
            number, body = match.group(1), match.group(2).strip()
        elif style.startswith("List Number"):
            listed += 1
            number, body = str(listed), text
        else:
            continue
        kind, limit = LimitKind.WORDS, None
        found = LIMIT_IN_TEXT.search(body)
        if found:
            limit = int(found.group(1).replace(",", ""))
            kind = LimitKind.CHARACTERS if found.group(2).lower().startswith("char") else LimitKind.WORDS
            body = body[: found.start()].strip()
        questions.append(ParsedQuestion(index, number, section, body, kind, limit))
    if not questions:
        raise QuestionListError(
            [
                "No questions were found: the document has no table with a “Question” column, and no numbered "
                "paragraphs (“1.1 Describe…”)."
            ]
        )
    errors = _duplicates(questions)
    if errors:
        raise QuestionListError([error.replace("Row", "Paragraph").replace("row", "paragraph") for error in errors])
    return questions


def read_question_list(filename: str, data: bytes) -> list[ParsedQuestion]:
    """The questions of an Excel (.xlsx) or Word (.docx) file, judged by its content."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise QuestionListError(["Upload the question list as an Excel (.xlsx) or Word (.docx) file."])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
    if "word/document.xml" in names:
        return read_word(data)
    if "xl/workbook.xml" in names:
        return read_excel(data)
    raise QuestionListError(["Upload the question list as an Excel (.xlsx) or Word (.docx) file."])


FIELDS = ("section", "text", "limit_kind", "limit", "weighting", "order")


@transaction.atomic
def import_questions(bid: Bid, questions: list[ParsedQuestion], user: Any) -> ImportResult:
    """Write the questions, all or none: new numbers are added, changed ones updated, the same left alone.

    Answers, owners and statuses are never touched by an import.
    """
    existing = {question.number: question for question in BidQuestion.objects.select_for_update().filter(bid=bid)}
    result = ImportResult()
    pending: list[tuple[BidQuestion, bool]] = []
    errors: list[str] = []
    for order, parsed in enumerate(questions, start=1):
        question = existing.get(parsed.number) or BidQuestion(bid=bid, number=parsed.number)
        wanted = {
            "section": parsed.section[:200],
            "text": parsed.text,
            "limit_kind": parsed.limit_kind,
            "limit": parsed.limit,
            "weighting": parsed.weighting,
            "order": order,
        }
        if question.pk and all(getattr(question, name) == value for name, value in wanted.items()):
            result.unchanged += 1
            continue
        for name, value in wanted.items():
            setattr(question, name, value)
        try:
            question.full_clean(exclude=["bid"], validate_unique=False)
        except ValidationError as error:
            errors.extend(f"Row {parsed.row}: {message}" for message in error.messages)
        pending.append((question, question.pk is None))
    if errors:
        raise QuestionListError(errors)
    for question, new in pending:
        question.stamp(user)
        question.save()
        if new:
            result.created += 1
        else:
            result.updated += 1
    numbers = {parsed.number for parsed in questions}
    result.not_in_file = sorted((number for number in existing if number not in numbers), key=_number_key)
    return result


def _number_key(number: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"\D+", number) if part) or (0,)
