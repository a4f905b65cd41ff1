"""The service specification for the hub function, built from the records of an outsourced hub.

It follows the shape of the sector's example specifications (Sheffield's, for one): why the
hub is outsourced, what the provider does, to what standard, how it reports and is reviewed,
what it is paid, for how long, and how it ends; then a signatures block.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from consortia.documents.builders import Built, WordDocument, cell_text, consortium_name
from consortia.documents.choices import DocumentFormat
from consortia.hub.choices import FeeBasis, Raci
from consortia.hub.models import HubDecision, PerformanceProcedure, ServiceAgreement, ServiceStandard, TaskAllocation
from consortia.hub.tables.agreement import money

KIND = "service_specification"
TITLE = "Service specification for the hub function"
RACI_WORDS = {
    Raci.RESPONSIBLE: "Responsible: does the work",
    Raci.ACCOUNTABLE: "Accountable: signs it off",
    Raci.CONSULTED: "Consulted",
    Raci.INFORMED: "Kept informed",
}


def specification_data(agreement: ServiceAgreement) -> dict[str, Any]:
    """What the specification is made from (five queries)."""
    decision = agreement.decision
    if decision is None:
        decision = HubDecision.objects.select_related("chosen_model", "provider").first()
    allocations = (
        TaskAllocation.objects.filter(deliverer__organisation=agreement.provider, task__retired=False)
        .select_related("task__function", "deliverer")
        .order_by("task__function__order", "task__order", "task_id", "raci", "deliverer__name")
    )
    by_function: dict[Any, list[TaskAllocation]] = defaultdict(list)
    for allocation in allocations:
        by_function[allocation.task.function].append(allocation)
    standards = ServiceStandard.objects.filter(active=True).select_related("function", "responsible")
    procedures = list(PerformanceProcedure.objects.all())
    return {
        "decision": decision,
        "by_function": dict(by_function),
        "standards": list(standards),
        "procedures": procedures,
    }


def _date(value: Any) -> str:
    return cell_text(value) if value else "—"


def build_service_specification(agreement: ServiceAgreement, fmt: DocumentFormat = DocumentFormat.DOCX) -> Built:
    data = specification_data(agreement)
    consortium = consortium_name()
    provider = agreement.provider.name
    document = WordDocument(TITLE, subtitle=f"{agreement.title}: {consortium} and {provider}")
    end = _date(agreement.end) if agreement.end else "until ended as section 9 sets out"
    document.key_values(
        [
            ("Commissioning body", consortium),
            ("Provider", provider),
            ("Agreement", agreement.title),
            ("Status", agreement.get_status_display()),
            ("Term", f"From {_date(agreement.start)}, {'to ' + end if agreement.end else end}"),
            ("Fee", f"{money(agreement.fee, agreement.fee_basis)} ({agreement.get_fee_basis_display().lower()})"),
        ]
    )

    document.heading("1. Background")
    decision: HubDecision | None = data["decision"]
    if decision is None:
        document.paragraph(
            f"{consortium} is a consortium of voluntary and community organisations that bids jointly for public "
            f"service contracts and grants. It has asked {provider} to deliver its hub function."
        )
    else:
        minute = f" (minute {decision.minute_reference})" if decision.minute_reference else ""
        who = f", delivered by {decision.provider}" if decision.provider_id else ""
        document.paragraph(
            f"{consortium} is a consortium of voluntary and community organisations that bids jointly for public "
            f"service contracts and grants. On {_date(decision.decided_on)}, {decision.decided_by}{minute} decided "
            f"that the consortium's hub would take the form “{decision.chosen_model}”{who}."
        )
        if decision.chosen_model.summary:
            document.paragraph(decision.chosen_model.summary)
        document.paragraph("The reasons for the decision:", bold=True)
        document.paragraph(decision.rationale)

    document.heading("2. Purpose")
    document.paragraph(
        f"This specification sets out the hub services {provider} (“the provider”) will deliver for {consortium} "
        "(“the consortium”), the standards it will deliver them to, how it will report and be reviewed, what it "
        "will be paid, and how the arrangement ends. It forms part of the agreement between them."
    )
    functions = list(data["by_function"])
    if functions:
        document.paragraph("The provider delivers the consortium's hub in these areas:")
        document.bullets(str(function) for function in functions)

    document.heading("3. Scope of services")
    if not functions:
        document.paragraph(f"No hub tasks are allocated to {provider} yet: the consortium will set them out here.")
    total = Decimal(0)
    for number, (function, allocations) in enumerate(data["by_function"].items(), start=1):
        document.heading(f"3.{number} {function}", level=2)
        if function.purpose:
            document.paragraph(function.purpose)
        rows = []
        for allocation in allocations:
            total += allocation.hours_per_month or Decimal(0)
            task = allocation.task.name
            if allocation.task.description:
                task = f"{task}: {allocation.task.description}"
            rows.append(
                [
                    task,
                    allocation.deliverer.name,
                    RACI_WORDS.get(allocation.raci, allocation.raci),
                    allocation.hours_per_month,
                    allocation.notes,
                ]
            )
        document.table(["Task", "Delivered by", "Role (RACI)", "Hours a month", "Notes"], rows)
    if functions:
        document.paragraph(f"In all, about {total.normalize():f} hours a month of the provider's time.")

    document.heading("4. Service standards")
    standards = data["standards"]
    if standards:
        document.paragraph(
            "The provider will meet these standards. Each is measured for every period shown, from the "
            "consortium's records where it can be, and rated green when it meets the target, amber when it is "
            "within the margin shown, and red otherwise."
        )
        document.table(
            ["Hub function", "Standard", "Target", "Measured", "Period", "Amber within"],
            [
                [
                    standard.function.name,
                    standard.name,
                    standard.target_label,
                    standard.measure_label,
                    standard.get_period_display(),
                    standard.amber_margin,
                ]
                for standard in standards
            ],
        )
    else:
        document.paragraph("The service standards will be agreed by the board and added to this specification.")

    document.heading("5. Reporting")
    document.paragraph(
        agreement.reporting
        or "The provider reports its performance against the service standards to the consortium each quarter."
    )

    document.heading("6. Review")
    if agreement.review:
        document.paragraph(agreement.review)
    for procedure in data["procedures"]:
        document.paragraph(
            f"{procedure.name}: reviewed {procedure.get_review_cadence_display().lower()} by "
            f"{_in_sentence(procedure.reviewed_by)}.",
            bold=True,
        )
        document.paragraph(procedure.procedure)
        if procedure.escalation:
            document.paragraph(f"When a standard is missed: {procedure.escalation}")
    if not agreement.review and not data["procedures"]:
        document.paragraph("The consortium's board reviews the provider's performance and this agreement each year.")

    document.heading("7. Fees and payment")
    document.paragraph(_fee_sentence(agreement))
    if agreement.payment_terms:
        document.paragraph(agreement.payment_terms)

    document.heading("8. Term")
    if agreement.end:
        document.paragraph(f"The agreement runs from {_date(agreement.start)} to {_date(agreement.end)}.")
    else:
        document.paragraph(f"The agreement runs from {_date(agreement.start)} until it is ended as section 9 sets out.")

    document.heading("9. Exit")
    document.paragraph(
        agreement.exit
        or "Either party may end the agreement with three months' notice in writing. On exit the provider hands "
        "over the consortium's records, data and work in progress."
    )

    document.heading("10. Signatures")
    document.paragraph("Signed for and on behalf of each party:")
    document.table(
        ["Detail", f"For {consortium}", f"For {provider}"],
        [["Name", "", ""], ["Position", "", ""], ["Signature", "", ""], ["Date", "", ""]],
    )
    if agreement.signed_on:
        document.paragraph(f"The agreement was signed on {_date(agreement.signed_on)}.", italic=True)
    return document.build(f"service-specification-{provider}")


def _in_sentence(text: str) -> str:
    """Text as it reads mid-sentence: "The board" becomes "the board"."""
    return "the" + text[3:] if text.startswith("The ") else text


def _fee_sentence(agreement: ServiceAgreement) -> str:
    amount = money(agreement.fee, agreement.fee_basis)
    if agreement.fee_basis == FeeBasis.ANNUAL:
        return f"The consortium pays the provider a fixed fee of {amount} a year."
    if agreement.fee_basis == FeeBasis.MONTHLY:
        return f"The consortium pays the provider a fixed fee of {amount} a month."
    if agreement.fee_basis == FeeBasis.HOURLY:
        return f"The consortium pays the provider {amount} for each hour worked, as recorded on timesheets."
    return f"The consortium pays the provider {amount} of the consortium's contract income."
