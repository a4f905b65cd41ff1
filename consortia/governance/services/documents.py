"""The board pack (the agenda, then the PDF papers, as one PDF) and the minutes (Word or PDF)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from consortia.documents.builders import Built, WordDocument, pdf_from_template
from consortia.documents.choices import DocumentFormat
from consortia.governance.choices import AttendanceStatus, ItemKind
from consortia.governance.models import Action, AgendaItem, AgendaPaper, Decision, Meeting
from consortia.governance.services.meetings import open_actions
from consortia.governance.services.quorum import ItemQuorum, meeting_quorum


@dataclass
class ItemPart:
    item: AgendaItem
    quorum: ItemQuorum
    papers: list[AgendaPaper] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    carried: list[Action] = field(default_factory=list)  # matters arising: actions carried forward


def _when(meeting: Meeting) -> str:
    return f"{timezone.localtime(meeting.starts_at):%d/%m/%Y at %H:%M}"


def meeting_parts(meeting: Meeting) -> list[ItemPart]:
    """Each item with its quorum, papers, decisions and actions (fixed queries)."""
    items = list(meeting.items.prefetch_related("concerns").order_by("number", "pk"))
    quorum = meeting_quorum(meeting, items)
    parts = {item.pk: ItemPart(item, quorum[item.pk]) for item in items}
    for paper in AgendaPaper.objects.filter(item__meeting=meeting).order_by("item__number", "title", "pk"):
        parts[paper.item_id].papers.append(paper)
    for decision in Decision.objects.filter(item__meeting=meeting).select_related("proposer", "seconder"):
        parts[decision.item_id].decisions.append(decision)
    for action in Action.objects.filter(meeting=meeting, item__isnull=False).select_related("owner"):
        parts[action.item_id].actions.append(action)  # type: ignore[index]
    carried = list(open_actions(meeting))
    for part in parts.values():
        if part.item.kind == ItemKind.MATTERS_ARISING:
            part.carried = carried
    return list(parts.values())


def loose_actions(meeting: Meeting) -> list[Action]:
    """The meeting's actions not tied to an item."""
    return list(Action.objects.filter(meeting=meeting, item__isnull=True).select_related("owner"))


def _attendance(meeting: Meeting) -> dict[str, list[Any]]:
    rows = meeting.attendances.select_related("person").order_by("person__full_name", "pk")
    found: dict[str, list[Any]] = {status: [] for status in AttendanceStatus.values}
    for row in rows:
        found[row.status].append(row.person)
    return found


def build_board_pack(meeting: Meeting, fmt: DocumentFormat = DocumentFormat.PDF) -> Built:
    """The agenda, then each PDF paper in item order, as one PDF; other papers are listed by name."""
    parts = meeting_parts(meeting)
    title = f"Board pack: {meeting.body}, {meeting.date:%d/%m/%Y}"
    filename = f"board-pack-{slugify(str(meeting.body))}-{meeting.date:%Y-%m-%d}"
    readable: list[tuple[AgendaPaper, bytes]] = []
    unreadable: set[int] = set()
    for part in parts:
        for paper in part.papers:
            if not paper.is_pdf:
                continue
            try:
                with paper.file.open("rb") as handle:
                    content = handle.read()
                PdfReader(io.BytesIO(content))
            except (OSError, PdfReadError, ValueError):
                unreadable.add(paper.pk)
                continue
            readable.append((paper, content))
    included = {paper.pk for paper, _ in readable}
    agenda = pdf_from_template(
        "governance/agenda_pdf.html",
        {"meeting": meeting, "when": _when(meeting), "parts": parts, "included": included, "unreadable": unreadable},
        title=title,
        filename=filename,
    )
    writer = PdfWriter()
    writer.append(io.BytesIO(agenda.content))
    for paper, content in readable:
        writer.append(io.BytesIO(content), outline_item=paper.title)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return Built(title, filename, DocumentFormat.PDF, out.getvalue())


def minutes_context(meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "when": _when(meeting),
        "attendance": _attendance(meeting),
        "declarations": list(
            meeting.declarations.select_related("person", "organisation", "item").order_by("item__number", "pk")
        ),
        "parts": meeting_parts(meeting),
        "other_actions": loose_actions(meeting),
    }


def build_minutes(meeting: Meeting, fmt: DocumentFormat = DocumentFormat.DOCX) -> Built:
    """The minutes: attendance, apologies, declarations, then per item its minutes, decisions
    (votes, who was left out and why) and actions."""
    context = minutes_context(meeting)
    title = f"Minutes: {meeting.body}, {meeting.date:%d/%m/%Y}"
    filename = f"minutes-{slugify(str(meeting.body))}-{meeting.date:%Y-%m-%d}"
    if fmt == DocumentFormat.PDF:
        return pdf_from_template("governance/minutes_pdf.html", context, title=title, filename=filename)
    doc = WordDocument(title, subtitle=f"{_when(meeting)}{', ' + meeting.place if meeting.place else ''}")
    attendance = context["attendance"]
    doc.heading("Present")
    doc.paragraph(", ".join(str(person) for person in attendance[AttendanceStatus.PRESENT]) or "Nobody recorded.")
    doc.heading("Apologies")
    doc.paragraph(", ".join(str(person) for person in attendance[AttendanceStatus.APOLOGIES]) or "None.")
    if attendance[AttendanceStatus.ABSENT]:
        doc.heading("Absent")
        doc.paragraph(", ".join(str(person) for person in attendance[AttendanceStatus.ABSENT]))
    doc.heading("Declarations of interest")
    if context["declarations"]:
        doc.table(
            ["Item", "Who", "Organisation", "Interest"],
            [
                (str(row.item.number), str(row.person), str(row.organisation or ""), row.interest)
                for row in context["declarations"]
            ],
        )
    else:
        doc.paragraph("No interests were declared at the meeting.")
    for part in context["parts"]:
        item = part.item
        doc.heading(str(item), level=2)
        if part.quorum.excluded:
            doc.paragraph("Left the meeting for this item and took no part in the discussion or vote:", bold=True)
            doc.bullets(str(entry) for entry in part.quorum.excluded)
        if part.carried:
            doc.table(
                ["Action", "Who", "Due", "Done"],
                [(action.description, str(action.owner), action.due_on, action.done_on) for action in part.carried],
            )
        if item.minutes:
            doc.paragraph(item.minutes)
        for decision in part.decisions:
            doc.paragraph(f"Resolved: {decision.resolution}", bold=True)
            doc.paragraph(
                f"Proposed by {decision.proposer or 'not recorded'}, seconded by {decision.seconder or 'not recorded'}. "
                f"For {decision.votes_for}, against {decision.votes_against}, abstentions {decision.votes_abstain}: "
                f"{decision.get_outcome_display().lower()}."
            )
            if decision.excluded:
                doc.paragraph("Left out of this decision: " + "; ".join(decision.excluded.splitlines()), italic=True)
        if part.actions:
            doc.paragraph("Actions", bold=True)
            doc.table(
                ["Action", "Who", "Due"],
                [(action.description, str(action.owner), action.due_on) for action in part.actions],
            )
    if context["other_actions"]:
        doc.heading("Other actions", level=2)
        doc.table(
            ["Action", "Who", "Due"],
            [(action.description, str(action.owner), action.due_on) for action in context["other_actions"]],
        )
    return doc.build(filename)
