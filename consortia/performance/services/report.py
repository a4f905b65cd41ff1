"""The contract performance report for the commissioner, in PDF and Excel."""

from __future__ import annotations

from consortia.contracts.models import Contract
from consortia.documents.builders import Built, ExcelWorkbook, pdf_from_template
from consortia.documents.choices import DocumentFormat
from consortia.performance.services.rag import contract_performance


def _rag(value: str | None) -> str:
    return value.capitalize() if value else "—"


def build_report(contract: Contract, fmt: DocumentFormat = DocumentFormat.PDF) -> Built:
    """Every KPI per period: the contract's figure, target and RAG, then each member's (validated returns)."""
    performance = contract_performance(contract)
    title = f"Performance report: {contract}"
    filename = f"performance-{contract.reference or contract.pk}"
    if fmt == DocumentFormat.XLSX:
        book = ExcelWorkbook(title)
        book.sheet(
            "Contract",
            ["KPI", "Unit", "Period", "Target", "Figure", "RAG"],
            [
                [row.kpi.name, row.kpi.get_unit_display(), str(period), row.kpi.target, cell.value, _rag(cell.rag)]
                for row in performance.kpis
                for period, cell in zip(performance.periods, row.contract_cells, strict=True)
            ],
            notes=[title, "Figures from validated returns only; counts and amounts summed, rates share-weighted."],
        )
        book.sheet(
            "Members",
            ["KPI", "Member", "Period", "Member's target", "Figure", "RAG"],
            [
                [
                    row.kpi.name,
                    member.subcontract.organisation.name,
                    str(period),
                    cell.target,
                    cell.value,
                    _rag(cell.rag),
                ]
                for row in performance.kpis
                for member in row.members
                for period, cell in zip(performance.periods, member.cells, strict=True)
            ],
        )
        return book.build(filename)
    sections = [
        (
            row,
            [
                (period, row.contract_cells[index], [member.cells[index] for member in row.members])
                for index, period in enumerate(performance.periods)
            ],
        )
        for row in performance.kpis
    ]
    return pdf_from_template(
        "performance/report_pdf.html",
        {
            "contract": contract,
            "performance": performance,
            "overall": list(zip(performance.periods, performance.overall, strict=True)),
            "sections": sections,
        },
        title=title,
        filename=filename,
    )
