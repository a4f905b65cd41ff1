"""The bid as a Word document: the questions and answers in the order the commissioner set."""

from __future__ import annotations

from consortia.bids.models import Bid
from consortia.documents.builders import Built, WordDocument
from consortia.documents.choices import DocumentFormat


def build_bid(bid: Bid, fmt: DocumentFormat = DocumentFormat.DOCX) -> Built:
    """Every question in question order, its limit and weighting, and the answer as written."""
    opportunity = bid.opportunity
    word = WordDocument(opportunity.title, subtitle=f"Bid response · {bid.get_status_display()}")
    word.key_values(
        [
            ("Commissioner", opportunity.commissioner.name if opportunity.commissioner else "—"),
            ("Submission deadline", opportunity.submission_deadline),
            ("Bid manager", bid.manager.get_full_name() if bid.manager_id else "—"),
            ("Partners", ", ".join(str(p.organisation) for p in bid.partners.select_related("organisation")) or "—"),
        ]
    )
    section = None
    for question in bid.questions.order_by("order", "pk"):
        if question.section and question.section != section:
            section = question.section
            word.heading(section, level=1)
        word.heading(f"{question.number} {question.text}", level=2)
        details = []
        if question.limit:
            details.append(
                f"Limit: {question.limit} {question.get_limit_kind_display().lower()} (used {question.used})"
            )
        if question.weighting is not None:
            details.append(f"Weighting: {question.weighting.normalize():f}%")
        if details:
            word.paragraph(" · ".join(details), italic=True)
        word.paragraph(question.answer or "(No answer yet.)")
    return word.build(f"bid-{bid.pk}")
