"""The board pack (agenda and PDF papers as one PDF) and the minutes (Word and PDF) open and say
who was left out of what, and why."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from pypdf import PdfReader, PdfWriter

from consortia.documents.models import GeneratedDocument
from consortia.governance.models import AgendaPaper, MeetingDeclaration
from consortia.governance.services.decisions import record_decision
from consortia.governance.tests import factories
from consortia.users.testing import Personas


def two_page_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def body_of(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


def held_meeting(personas: Personas):  # type: ignore[no-untyped-def]
    board, (ann, bob, cat, dan) = factories.board_of(4, quorum=3)
    factories.interest(ann, personas.org_a)
    meeting = factories.meeting(board)
    factories.present(meeting, ann, bob, cat, dan)
    factories.present(meeting, factories.director("Eve Apologetic"), status="apologies")
    award = factories.item(meeting, "Award of the advice subcontract", concerns=[personas.org_a])
    award.minutes = "The group considered the member's due diligence."
    award.save()
    MeetingDeclaration.objects.create(
        meeting=meeting, item=award, person=ann, organisation=personas.org_a, interest="Trustee of Alpha"
    )
    record_decision(
        award,
        personas.manager,
        "To award the subcontract to Alpha Advice Centre.",
        proposer=bob,
        seconder=cat,
        votes_for=3,
    )
    factories.action(meeting, bob, "Send the subcontract for signature", item=award, due_on=date(2026, 7, 1))
    factories.action(meeting, cat, "Book the venue for the AGM")  # tied to no item
    AgendaPaper.objects.create(
        item=award, title="Due diligence summary", file=SimpleUploadedFile("dd.pdf", two_page_pdf())
    )
    AgendaPaper.objects.create(
        item=award, title="Draft subcontract", file=SimpleUploadedFile("draft.txt", b"The draft terms.")
    )
    return meeting, ann


def test_board_pack_is_the_agenda_then_the_pdf_papers(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting, _ = held_meeting(personas)
    response = client_for(personas.board).get(
        reverse("governance:meeting_board_pack", args=[meeting.pk]) + "?format=pdf"
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(body_of(response)))
    agenda = " ".join(" ".join(page.extract_text().split()) for page in reader.pages[:-2])
    assert len(reader.pages) >= 3  # the agenda, then the paper's two pages
    assert "Declarations of interest" in agenda
    assert "Award of the advice subcontract" in agenda
    assert "Due diligence summary (in this pack)" in agenda
    assert "Draft subcontract (not a PDF: a separate file)" in agenda
    assert "Due diligence summary" in [entry.title for entry in reader.outline if hasattr(entry, "title")]
    assert GeneratedDocument.objects.filter(kind="board_pack").count() == 1


def test_minutes_in_word_and_pdf_record_who_was_left_out_and_why(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting, ann = held_meeting(personas)
    url = reverse("governance:meeting_minutes", args=[meeting.pk])
    client = client_for(personas.manager)
    document = Document(io.BytesIO(body_of(client.get(url + "?format=docx"))))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Eve Apologetic" in text  # apologies
    assert "Trustee of Alpha" in cells  # the declaration at the meeting
    assert "Resolved: To award the subcontract to Alpha Advice Centre." in text
    assert "For 3, against 0, abstentions 0: carried." in text
    assert f"Left out of this decision: {ann}: trustee, director or committee member of Alpha Advice Centre" in text
    assert "Send the subcontract for signature" in cells
    assert "Book the venue for the AGM" in cells
    pdf = PdfReader(io.BytesIO(body_of(client.get(url + "?format=pdf"))))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Resolved: To award the subcontract to Alpha Advice Centre." in text
    assert "Left the meeting for this item" in text
    assert "Eve Apologetic" in text
    # Only those who may read governance records get them.
    assert client_for(personas.member_a).get(url + "?format=pdf").status_code == 403
