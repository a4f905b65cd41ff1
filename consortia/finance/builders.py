"""The remittance advice: what the hub paid a member, line by line, less the top-slice (PDF)."""

from __future__ import annotations

from consortia.core.formats import pounds
from consortia.documents.builders import Built, pdf_from_template
from consortia.documents.choices import DocumentFormat
from consortia.finance.models import MemberPayment


def build_remittance(payment: MemberPayment, fmt: DocumentFormat = DocumentFormat.PDF) -> Built:
    title = f"Remittance advice {payment.remittance}"
    run = payment.run
    subcontract = payment.subcontract
    facts = [
        ("Paid to", payment.organisation.name),
        ("Contract", f"{subcontract.contract.reference}: {subcontract.contract.title}"),
        ("Period", f"{run.period_start:%d/%m/%Y} to {run.period_end:%d/%m/%Y}"),
        ("Paid on", f"{payment.member_paid_on:%d/%m/%Y}" if payment.member_paid_on else "Not paid yet"),
        ("Payment reference", payment.reference or "—"),
    ]
    lines = [
        (line.description, line.get_kind_display(), pounds(line.amount))
        for line in payment.lines.order_by("kind", "month", "pk")
    ]
    totals = [
        ("Block payments", pounds(payment.gross_block)),
        ("Outcome payments", pounds(payment.gross_outcomes)),
        ("Gross", pounds(payment.gross)),
        ("Less the management fee (top-slice)", pounds(-payment.fee)),
        ("Net paid to you", pounds(payment.net)),
    ]
    context = {"payment": payment, "facts": facts, "lines": lines, "totals": totals}
    return pdf_from_template(
        "finance/remittance_pdf.html", context, title=title, filename=f"remittance-{payment.remittance}"
    )
