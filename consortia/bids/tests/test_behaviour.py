"""The bid workspace's own behaviour: importing question lists, pricing, the library, export, outcome."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import docx
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from consortia.bids import importers
from consortia.bids.choices import Freshness, QuestionStatus
from consortia.bids.models import Bid, BidPartner, BidQuestion, LibraryEntry, LibraryUse
from consortia.bids.services import library, workspace
from consortia.bids.tests import factories
from consortia.members.choices import Rag
from consortia.opportunities.choices import Decision, PipelineStage
from consortia.users.testing import Personas


def excel(rows: list[list[Any]], merges: tuple[str, ...] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["Number", "Question", "Limit", "Weighting"]


def test_excel_list_with_a_merged_section_heading_imports_and_reimport_changes_nothing(personas: Personas) -> None:
    bid = factories.bid(personas.manager)
    data = excel(
        [
            HEADER,
            ["Service delivery"],
            ["1.1", "Describe your model.", "500 words", "20%"],
            ["1.2", "How will you keep people safe?", "2,000 characters", 15],
            ["Partnership"],
            ["2.1", "How will you manage partners?", "", ""],
        ],
        merges=("A2:D2", "A5:D5"),
    )
    parsed = importers.read_question_list("list.xlsx", data)
    result = importers.import_questions(bid, parsed, personas.manager)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    questions = list(bid.questions.order_by("order"))
    assert [(q.number, q.section) for q in questions] == [
        ("1.1", "Service delivery"),
        ("1.2", "Service delivery"),
        ("2.1", "Partnership"),
    ]
    assert (questions[0].limit, questions[0].limit_kind, questions[0].weighting) == (500, "words", Decimal("20.00"))
    assert (questions[1].limit, questions[1].limit_kind) == (2000, "characters")
    history = sum(q.history.count() for q in questions)
    again = importers.import_questions(bid, importers.read_question_list("list.xlsx", data), personas.manager)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert sum(q.history.count() for q in bid.questions.all()) == history


def test_excel_cells_merged_down_rows_are_refused_naming_the_cells(personas: Personas) -> None:
    data = excel(
        [HEADER, ["1", "Describe your model.", "500 words", "20"], ["2", "And outcomes?", "", "20"]], merges=("D2:D3",)
    )
    with pytest.raises(importers.QuestionListError) as error:
        importers.read_question_list("list.xlsx", data)
    assert "Cells D2:D3 are merged" in error.value.messages[0]
    assert "“Weighting”" in error.value.messages[0]


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(
    personas: Personas, client_for: Callable[..., Client]
) -> None:
    bid = factories.bid(personas.manager)
    data = excel([HEADER, ["1", "Describe your model.", "five hundred", "20"], ["2", "Outcomes?", "300", "120%"]])
    upload = io.BytesIO(data)
    upload.name = "list.xlsx"
    response = client_for(personas.manager).post(reverse("bids:bid_import_questions", args=[bid.pk]), {"file": upload})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Row 2, column “Limit”: “five hundred” is not a limit" in body
    assert "Row 3, column “Weighting”: “120%” is not a weighting" in body
    assert not BidQuestion.objects.filter(bid=bid).exists()


def test_word_table_and_numbered_paragraphs(personas: Personas) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["No.", "Question", "Word limit"], strict=True):
        cell.text = text
    heading = table.add_row().cells
    heading[0].merge(heading[2]).text = "Quality"
    row = table.add_row().cells
    row[0].text, row[1].text, row[2].text = "Q1", "Describe your approach.", "750"
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = importers.read_question_list("list.docx", buffer.getvalue())
    assert [(p.number, p.section, p.limit) for p in parsed] == [("Q1", "Quality", 750)]

    document = docx.Document()
    document.add_heading("Delivery", level=1)
    document.add_paragraph("1.1 Describe how you will reach young carers (500 words)")
    document.add_paragraph("Some guidance that is not a question.")
    document.add_paragraph("1.2 How will you measure outcomes?")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = importers.read_question_list("list.docx", buffer.getvalue())
    assert [(p.number, p.section, p.text, p.limit) for p in parsed] == [
        ("1.1", "Delivery", "Describe how you will reach young carers", 500),
        ("1.2", "Delivery", "How will you measure outcomes?", None),
    ]


def test_pricing_to_the_penny(personas: Personas) -> None:
    bid = factories.bid(personas.manager, top_slice=Decimal("7.5"))
    first = factories.partner(bid, personas.org_a, cost="33333.33", share="50")
    second = factories.partner(bid, personas.org_b, cost="16666.67", share="25")
    prices = workspace.bid_pricing(bid)
    assert prices.delivery == Decimal("50000.00")
    assert prices.fee == Decimal("3750.00")
    assert prices.total == Decimal("53750.00")
    assert sum(line.fee for line in prices.lines) == prices.fee
    assert {line.partner.pk: line.fee for line in prices.lines} == {
        first.pk: Decimal("2500.00"),
        second.pk: Decimal("1250.00"),
    }
    odd = workspace.pricing(
        [
            BidPartner(delivery_cost=Decimal("0.10")),
            BidPartner(delivery_cost=Decimal("0.10")),
            BidPartner(delivery_cost=Decimal("0.13")),
        ],
        Decimal("7.5"),
    )
    assert odd.fee == Decimal("0.02")  # 0.33 × 7.5% = 0.02475, to the penny
    assert sum(line.fee for line in odd.lines) == Decimal("0.02")
    assert workspace.share_warnings(list(bid.partners.all())) == [
        "The partners' shares of delivery add up to 75%, not 100%."
    ]


def test_a_bid_starts_only_from_a_decision_to_bid_and_partners_must_be_eligible(personas: Personas) -> None:
    not_pursued = factories.decided(personas.manager, Decision.NO_BID)
    with pytest.raises(ValidationError, match="decided to bid for"):
        Bid(opportunity=not_pursued, manager=personas.manager).full_clean()
    bid = factories.bid(personas.manager)
    factories.eligible(personas.org_b, Rag.RED)
    with pytest.raises(ValidationError, match="not eligible to be a bid partner"):
        BidPartner(bid=bid, organisation=personas.org_b).full_clean()


def test_submission_and_outcome_move_the_opportunity(personas: Personas) -> None:
    bid = factories.bid(personas.manager)
    question = factories.question(bid, "1", weighting=Decimal("60"))
    other = factories.question(bid, "2", weighting=Decimal("40"))
    with pytest.raises(ValidationError, match="not final"):
        workspace.submit(bid, personas.manager)
    BidQuestion.objects.filter(bid=bid).update(status=QuestionStatus.FINAL)
    workspace.submit(bid, personas.manager, "REF-1")
    bid.opportunity.refresh_from_db()
    assert bid.opportunity.stage == PipelineStage.SUBMITTED
    workspace.record_outcome(
        bid,
        personas.manager,
        outcome="won",
        outcome_on=timezone.localdate(),
        lessons_learned="Start early.",
        scores={question.pk: (Decimal(4), Decimal(5), "Good."), other.pk: (Decimal(3), Decimal(5), "")},
    )
    bid.refresh_from_db()
    bid.opportunity.refresh_from_db()
    assert (bid.status, bid.opportunity.stage) == ("won", PipelineStage.WON)
    assert bid.total_score == Decimal("72.00")  # (0.8 × 60 + 0.6 × 40) / 100


def test_library_freshness_similarity_reuse_and_saving(personas: Personas) -> None:
    today = timezone.localdate()
    fresh = factories.entry("Safeguarding approach", last_reviewed=today)
    due = factories.entry(
        "Outcomes framework",
        text="How we measure outcomes.",
        tags="outcomes",
        last_reviewed=today - timedelta(days=350),
    )
    old = factories.entry("Old policy", tags="policy", last_reviewed=today - timedelta(days=400))
    assert [library.freshness(e, today) for e in (fresh, due, old)] == [
        Freshness.FRESH,
        Freshness.NEEDS_REVIEW,
        Freshness.OUT_OF_DATE,
    ]
    assert library.similarity("How will you keep children safe? Describe your safeguarding.", fresh)[0] > 0
    assert library.similarity("Describe your catering arrangements.", fresh) == (0, [])
    bid = factories.bid(personas.manager)
    question = factories.question(bid, "1", text="Describe your safeguarding training for staff.")
    suggested = library.suggestions(question, LibraryEntry.objects.all())
    assert suggested[0].entry == fresh
    assert "safeguarding" in suggested[0].matched
    library.use_entry(fresh, question, personas.manager)
    library.use_entry(fresh, question, personas.manager)
    fresh.refresh_from_db()
    assert fresh.reuse_count == 1
    assert LibraryUse.objects.filter(entry=fresh, question=question).count() == 1
    with pytest.raises(ValidationError, match="final"):
        library.save_to_library(question, personas.manager)
    question.status = QuestionStatus.FINAL
    question.save()
    entry, created = library.save_to_library(question, personas.manager)
    again, created_again = library.save_to_library(question, personas.manager)
    assert (created, created_again, again.pk) == (True, False, entry.pk)
    assert LibraryEntry.objects.filter(saved_from=question).count() == 1


def test_word_export_is_in_question_order(personas: Personas, client_for: Callable[..., Client]) -> None:
    bid = factories.bid(personas.manager)
    factories.question(bid, "2", text="Second question text.", order=2, answer="Answer two.")
    factories.question(bid, "1", text="First question text.", order=1, answer="Answer one.")
    response = client_for(personas.manager).get(reverse("bids:bid_document", args=[bid.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    texts = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert (
        texts.index("1 First question text.")
        < texts.index("Answer one.")
        < texts.index("2 Second question text.")
        < texts.index("Answer two.")
    )
