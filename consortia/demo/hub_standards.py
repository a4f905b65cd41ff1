"""The demo hub's service standards, their readings, the review procedure, the service agreement
with Red Rose CVS and the year-1 workplan.

Lancashire Community Partnership outsourced its hub to Red Rose Council for Voluntary Service
from April 2023. The board agreed eight service standards: some are computed from Consortia's
records, the rest entered each month by the consortium manager until the records they need
(opportunities, monitoring returns, payments) are kept here too.

Idempotent: records are matched on their natural keys (a standard's name, a reading's
standard and period, an agreement's title, an activity's name) and what is already there is
left as it is, so a demo people have been clicking around in keeps their changes. Readings
cover the six periods up to today, so a run in a later month adds that month's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from consortia.core.dates import month_start
from consortia.directory.models import Organisation
from consortia.hub.choices import AgreementStatus, Comparison, DelivererKind, FeeBasis, Period, Rag, ReviewCadence, Unit
from consortia.hub.choices import WorkplanStatus as Status
from consortia.hub.models import (
    Deliverer,
    HubDecision,
    HubFunction,
    PerformanceProcedure,
    ServiceAgreement,
    ServiceStandard,
    StandardReading,
)
from consortia.hub.services.standards import last_periods
from consortia.hub.services.workplan import apply_year_one_template

PROVIDER = "Red Rose Council for Voluntary Service"
AGREED_ON = date(2023, 6, 13)
PLAN_STARTS = date(2023, 4, 1)


@dataclass(frozen=True)
class Standard:
    function: str  # the hub function's code
    name: str
    target: str
    comparison: str
    unit: str
    amber_margin: str
    responsible: str  # who answers for it: see `_deliverers`
    period: str = Period.MONTH
    measure: str = ""
    # Hand readings for the last six periods, oldest first; None leaves a period without one.
    readings: tuple[str | None, ...] = ()
    notes: tuple[str, ...] = ()


STANDARDS: tuple[Standard, ...] = (
    Standard(
        "bidding",
        "Opportunities circulated to members within 2 working days of publication",
        "2",
        Comparison.AT_MOST,
        Unit.WORKING_DAYS,
        "1",
        "bids",
        readings=("1.5", "2", "3.5", "2.5", "1", "1.5"),
        notes=("", "", "Three notices published on the eve of the bank holiday weekend.", "", "", ""),
    ),
    Standard(
        "contracts",
        "Monitoring returns validated within 10 working days of receipt",
        "10",
        Comparison.AT_MOST,
        Unit.WORKING_DAYS,
        "3",
        "contracts",
        measure="performance.return_validation_days",
    ),
    Standard(
        "finance",
        "Members paid within 30 days of the commissioner paying",
        "30",
        Comparison.AT_MOST,
        Unit.DAYS,
        "5",
        "finance",
        measure="finance.member_payment_days",
    ),
    Standard(
        "membership",
        "New membership applications decided within 20 working days",
        "20",
        Comparison.AT_MOST,
        Unit.WORKING_DAYS,
        "5",
        "manager",
        readings=("15", "18", "22", "19", "26", None),
        notes=("", "", "", "", "The membership panel met late because of the summer break.", ""),
    ),
    Standard(
        "governance",
        "Board papers sent at least 5 working days before each meeting",
        "5",
        Comparison.AT_LEAST,
        Unit.WORKING_DAYS,
        "1",
        "manager",
        period=Period.QUARTER,
        readings=("6", "5", "4", "7", "3", "5"),
        notes=("", "", "", "", "Finance papers held back for the auditors' letter.", ""),
    ),
    Standard(
        "finance",
        "Timesheets approved within 3 working days of submission",
        "3",
        Comparison.AT_MOST,
        Unit.WORKING_DAYS,
        "1",
        "finance",
        measure="people.timesheet_approval_days",
    ),
    Standard(
        "performance",
        "Every hub task has someone responsible",
        "100",
        Comparison.AT_LEAST,
        Unit.PERCENT,
        "10",
        "manager",
        measure="hub.tasks_with_responsible",
    ),
    Standard(
        "strategy",
        "Workplan activities on track",
        "80",
        Comparison.AT_LEAST,
        Unit.PERCENT,
        "10",
        "manager",
        period=Period.QUARTER,
        measure="hub.workplan_on_track",
    ),
)

PROCEDURE = {
    "name": "Quarterly board review of the hub's performance",
    "review_cadence": ReviewCadence.QUARTERLY,
    "reviewed_by": "The board of Lancashire Community Partnership",
    "procedure": (
        "The consortium manager sends the board the Hub performance report with the papers for each quarterly "
        "meeting: every service standard's figure for the quarter against its target, its RAG rating and its "
        "trend, with a note on each amber or red.\n\n"
        "The board reviews the report as a standing item, agrees any actions and minutes them. Once a year the "
        "board also reviews the standards themselves and Red Rose CVS's delivery of the service agreement."
    ),
    "escalation": (
        "A standard rated red for two periods running is escalated to the chair, who meets the consortium "
        "manager and Red Rose CVS's chief executive within 10 working days to agree an improvement plan. The "
        "plan is reported to the next board meeting. Repeated failure is handled under the agreement's "
        "dispute and exit clauses."
    ),
}

AGREEMENT = {
    "title": "Hub services agreement with Red Rose CVS",
    "status": AgreementStatus.ACTIVE,
    "start": date(2023, 4, 1),
    "end": None,
    "fee": Decimal("38500.00"),
    "fee_basis": FeeBasis.ANNUAL,
    "signed_on": date(2023, 3, 28),
    "payment_terms": (
        "Red Rose CVS invoices the consortium monthly in arrears for one twelfth of the annual fee "
        "(£3,208.33), with a statement of the hours its staff recorded against the consortium's work. "
        "The consortium pays within 30 days of receiving a correct invoice. The fee is reviewed each "
        "January for the following financial year."
    ),
    "reporting": (
        "Red Rose CVS reports to the consortium's board each quarter: performance against every service "
        "standard, progress against the workplan, the bid pipeline, and the hours its staff recorded against "
        "each hub function compared with the fee. It tells the chair at once of any serious risk, complaint or "
        "conflict of interest."
    ),
    "review": (
        "The chair and the consortium manager meet Red Rose CVS's chief executive each quarter, before the "
        "board meeting. The board reviews the agreement as a whole each year, in the light of the hub's "
        "performance and the consortium's business plan."
    ),
    "exit": (
        "Either party may end the agreement with six months' notice in writing, or at once for a serious "
        "breach that is not put right within 30 days of notice. On exit Red Rose CVS hands back all the "
        "consortium's records and data within 20 working days, co-operates in handing the hub over to its "
        "successor, and the parties consider whether TUPE applies to any staff working on the hub."
    ),
}

# Statuses and RAG for the year-1 plan, which began in April 2023.
PROGRESS: dict[str, tuple[str, str]] = {
    "Recruit the hub staff": (Status.DONE, Rag.GREEN),
    "Adopt the core policies and procedures": (Status.DONE, Rag.GREEN),
    "Secure development funding": (Status.DONE, Rag.AMBER),
    "Set the budget and the management fee": (Status.DONE, Rag.GREEN),
    "Agree the service standards and how performance is reviewed": (Status.DONE, Rag.GREEN),
    "Launch the membership offer and due diligence": (Status.DONE, Rag.GREEN),
    "Map the commissioners and their plans": (Status.DONE, Rag.AMBER),
    "Build the bid pipeline": (Status.IN_PROGRESS, Rag.GREEN),
    "Set up contract management": (Status.DEFERRED, Rag.AMBER),
    "Hold the annual general meeting": (Status.DONE, Rag.GREEN),
}
LEADS = {
    "Recruit the hub staff": "board",
    "Adopt the core policies and procedures": "manager",
    "Secure development funding": "manager",
    "Set the budget and the management fee": "finance",
    "Agree the service standards and how performance is reviewed": "board",
    "Launch the membership offer and due diligence": "provider",
    "Map the commissioners and their plans": "manager",
    "Build the bid pipeline": "bids",
    "Set up contract management": "contracts",
    "Hold the annual general meeting": "board",
}


def _deliverers() -> dict[str, Deliverer | None]:
    """The demo's deliverers (made by the hub set-up demo), found by what they are; None if missing."""
    everyone = list(Deliverer.objects.select_related("organisation", "job_role"))

    def named(*words: str) -> Deliverer | None:
        for word in words:
            for deliverer in everyone:
                if word in deliverer.name.lower():
                    return deliverer
        return None

    board = next((deliverer for deliverer in everyone if deliverer.kind == DelivererKind.BOARD), None)
    provider = next(
        (deliverer for deliverer in everyone if deliverer.organisation and deliverer.organisation.name == PROVIDER),
        None,
    )
    return {
        "board": board or named("board"),
        "provider": provider,
        "manager": named("consortium manager", "hub manager", "manager"),
        "bids": named("bid"),
        "contracts": named("contract", "performance officer"),
        "finance": named("finance"),
    }


@transaction.atomic
def load() -> None:
    functions = {function.code: function for function in HubFunction.objects.all()}
    deliverers = _deliverers()
    _standards(functions, deliverers)
    _procedure()
    _agreement()
    _workplan(deliverers)


def _standards(functions: dict[str, HubFunction], deliverers: dict[str, Deliverer | None]) -> None:
    today = timezone.localdate()
    for spec in STANDARDS:
        standard = ServiceStandard.objects.filter(name=spec.name).first()
        if standard is None:
            standard = ServiceStandard(
                function=functions[spec.function],
                name=spec.name,
                measure=spec.measure,
                target=Decimal(spec.target),
                comparison=spec.comparison,
                unit=spec.unit,
                amber_margin=Decimal(spec.amber_margin),
                period=spec.period,
                responsible=deliverers.get(spec.responsible),
                agreed_on=AGREED_ON,
            )
            standard.full_clean()
            standard.save()
        if standard.measure:
            continue
        stored = set(StandardReading.objects.filter(standard=standard).values_list("period_start", flat=True))
        periods = last_periods(standard.period, len(spec.readings), today)
        for period, value, note in zip(periods, spec.readings, spec.notes, strict=True):
            if value is None or period.start in stored:
                continue
            reading = StandardReading(standard=standard, period_start=period.start, value=Decimal(value), note=note)
            reading.full_clean()
            reading.save()


def _procedure() -> None:
    if PerformanceProcedure.objects.filter(name=PROCEDURE["name"]).exists():
        return
    today = timezone.localdate()
    # The board meets in the second week of each quarter's first month.
    meeting = date(today.year, (today.month - 1) // 3 * 3 + 1, 14)
    next_review = meeting if meeting > today else month_start(meeting, 3).replace(day=14)
    procedure = PerformanceProcedure(**PROCEDURE, next_review=next_review)
    procedure.full_clean()
    procedure.save()


def _agreement() -> None:
    if ServiceAgreement.objects.filter(title=AGREEMENT["title"]).exists():
        return
    provider = Organisation.objects.get(name=PROVIDER)
    decision = HubDecision.objects.filter(provider=provider).first() or HubDecision.objects.first()
    agreement = ServiceAgreement(provider=provider, decision=decision, **AGREEMENT)
    agreement.full_clean()
    agreement.save()


def _workplan(deliverers: dict[str, Deliverer | None]) -> None:
    for item in apply_year_one_template(PLAN_STARTS, user=None):
        item.status, item.rag = PROGRESS.get(item.activity, (Status.NOT_STARTED, Rag.GREEN))
        item.lead = deliverers.get(LEADS.get(item.activity, ""))
        item.full_clean()
        item.save()
