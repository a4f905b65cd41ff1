"""The builders make files that open, in the house style, with UK dates and money."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from consortia.documents.builders import ExcelWorkbook, WordDocument, cell_text, column_widths, pdf_from_template
from consortia.documents.choices import DocumentFormat


def test_cell_text_speaks_uk() -> None:
    assert cell_text(date(2026, 4, 3)) == "03/04/2026"
    assert cell_text(Decimal("38500")) == "38,500.00"
    assert (cell_text(None), cell_text(True), cell_text(False)) == ("", "Yes", "No")


def test_word_document_opens_with_its_headings_lists_and_tables(settings) -> None:  # type: ignore[no-untyped-def]
    settings.CONSORTIUM_NAME = "Anytown Community Consortium"
    word = WordDocument("Job description: Bid Manager", subtitle="Draft for the board")
    word.heading("Main responsibilities")
    word.bullets(["Coordinate bid writing", "", "Manage submissions"])
    word.key_values([("Hours", Decimal("37.5")), ("Closing date", date(2026, 5, 1))])
    word.table(["Criterion", "Essential"], [["Bid writing experience", True]])
    built = word.build("bid-manager")
    assert built.format == DocumentFormat.DOCX

    document = Document(io.BytesIO(built.content))
    text = [paragraph.text for paragraph in document.paragraphs]
    assert text[0] == "Job description: Bid Manager"
    assert "Coordinate bid writing" in text
    assert "Manage submissions" in text
    assert "" not in [p.text for p in document.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    details, criteria = document.tables
    assert [cell.text for cell in details.rows[1].cells] == ["Closing date", "01/05/2026"]
    assert [cell.text for cell in criteria.rows[1].cells] == ["Bid writing experience", "Yes"]
    assert document.sections[0].header.paragraphs[0].text == "Anytown Community Consortium"
    assert document.core_properties.title == "Job description: Bid Manager"


def test_excel_workbook_keeps_dates_and_money_as_values() -> None:
    workbook = ExcelWorkbook("Recharge statement")
    workbook.sheet("Summary", ["Week", "Cost"], [[date(2026, 3, 2), Decimal("412.50")]], money_columns=[1])
    workbook.sheet("Notes", ["Note"], [["=HYPERLINK(1)"]], notes=["Figures from approved timesheets."])
    built = workbook.build("recharge")

    book = load_workbook(io.BytesIO(built.content))
    summary, notes = book["Summary"], book["Notes"]
    assert summary["A2"].value.date() == date(2026, 3, 2)
    assert summary["A2"].number_format == "DD/MM/YYYY"
    assert summary["B2"].value == 412.5
    assert "£" in summary["B2"].number_format
    assert notes["A1"].value == "Figures from approved timesheets."
    assert notes["A3"].value == "'=HYPERLINK(1)"  # user text is never a formula


def test_pdf_is_drawn_from_a_template() -> None:
    built = pdf_from_template("documents/pdf_base.html", {}, title="Person specification", filename="spec")
    assert built.content.startswith(b"%PDF-")
    assert built.format == DocumentFormat.PDF
    pages = PdfReader(io.BytesIO(built.content)).pages
    assert len(pages) == 1
    assert "Person specification" in pages[0].extract_text()


def test_columns_share_the_page_by_what_they_hold() -> None:
    rows = [["Function", "Standard", "Target"], ["Finance management", "Members paid within 30 days of payment", "30"]]
    widths = column_widths(rows, 17.0)
    assert abs(sum(widths) - 17.0) < 0.05
    assert widths[1] > widths[0] > widths[2]
    # weights 13 (typical text), 23 (typical text) and 6 (the longest word, "Target")
    assert widths == [5.26, 9.31, 2.43]
