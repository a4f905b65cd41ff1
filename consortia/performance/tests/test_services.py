"""Periods, passing KPIs down, a return's life and its checks, RAG and the roll-up."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.contracts.choices import SubcontractStatus
from consortia.performance.choices import Direction, Frequency, Rag, ReturnStatus, Unit
from consortia.performance.models import MonitoringReturn, OutcomeClaim, ReturnComment, ReturnPeriod, ReturnValue
from consortia.performance.services import periods, plans, rag
from consortia.performance.services import returns as services
from consortia.performance.services.returns import Claim
from consortia.performance.tests import factories
from consortia.users.testing import Personas

TICKED = dict.fromkeys(services.DECLARATIONS, True)


def test_periods_follow_the_most_frequent_kpi_and_generating_again_adds_nothing(personas: Personas) -> None:
    contract = factories.contract(personas.org_c)  # 01/04/2026 to 31/03/2027
    signed = factories.subcontract(contract, personas.org_a, "60")
    factories.subcontract(contract, personas.org_b, "40", status=SubcontractStatus.DRAFT)
    monthly = factories.kpi(contract, "Referrals", frequency=Frequency.MONTHLY)
    quarterly = factories.kpi(contract, "Wellbeing improved", frequency=Frequency.QUARTERLY)

    made = periods.generate_periods(contract, personas.contracts_officer)

    assert (made.periods, made.returns) == (12, 12)  # months, and only the signed member's returns
    first, third = contract.return_periods.all()[0], contract.return_periods.all()[2]
    assert (first.label, first.starts_on, first.ends_on, first.opens_on) == (
        "April 2026",
        date(2026, 4, 1),
        date(2026, 4, 30),
        date(2026, 4, 24),
    )
    assert first.due_on == date(2026, 5, 15)  # ten working days after 30/04, less the 4 May bank holiday
    assert periods.kpis_due([monthly, quarterly], first, contract) == [monthly]
    assert periods.kpis_due([monthly, quarterly], third, contract) == [monthly, quarterly]
    assert set(MonitoringReturn.objects.values_list("subcontract", flat=True)) == {signed.pk}
    again = periods.generate_periods(contract, personas.contracts_officer)
    assert (again.periods, again.returns) == (0, 0)
    assert ReturnPeriod.objects.count() == 12


def test_kpis_pass_down_as_each_members_share_of_counts_and_the_whole_rate(personas: Personas) -> None:
    contract = factories.contract(personas.org_c)
    sub_a = factories.subcontract(contract, personas.org_a, "40")
    sub_b = factories.subcontract(contract, personas.org_b, "60")
    clients = factories.kpi(contract, "Clients supported", target=Decimal(250))
    rate = factories.kpi(contract, "Satisfied clients", unit=Unit.PERCENTAGE, target=Decimal(85))

    assert periods.pass_down_kpis(contract) == (4, 0)
    targets = {(row.subcontract_id, row.kpi_id): row.target for row in sub_a.kpis.all() | sub_b.kpis.all()}
    assert targets == {
        (sub_a.pk, clients.pk): Decimal("100.00"),
        (sub_b.pk, clients.pk): Decimal("150.00"),
        (sub_a.pk, rate.pk): Decimal(85),
        (sub_b.pk, rate.pk): Decimal(85),
    }
    assert periods.pass_down_kpis(contract) == (0, 0)
    sub_a.share = Decimal(50)
    sub_a.save()
    assert periods.pass_down_kpis(contract) == (0, 1)


@pytest.fixture
def setting(personas: Personas) -> dict:
    made = factories.setting(personas.org_c, personas.org_a, personas.org_b)
    contract = made["contract"]
    made["rate"] = factories.kpi(contract, "Satisfied clients", unit=Unit.PERCENTAGE, target=Decimal(80), maximum=None)
    made["job"] = factories.kpi(
        contract, "Job outcomes", target=Decimal(10), outcome_price=Decimal("500.00"), maximum=Decimal(50)
    )
    made["return"] = factories.monitoring_return(made["subcontracts"][0], made["period"])
    return made


def test_a_return_is_drafted_submitted_queried_resubmitted_and_validated(personas: Personas, setting: dict) -> None:
    monitoring_return, member = setting["return"], personas.member_a
    values = {setting["kpi"].pk: Decimal(48), setting["rate"].pk: Decimal(82), setting["job"].pk: Decimal(2)}
    claims = [
        Claim(setting["job"].pk, "AL-001", date(2026, 5, 3)),
        Claim(setting["job"].pk, "AL-002", date(2026, 6, 9)),
    ]

    services.save_draft(monitoring_return, member, values=values, claims=claims, narrative="A good quarter.")
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.DRAFT
    with pytest.raises(ValidationError) as refused:
        services.submit_return(monitoring_return, member)
    assert refused.value.messages == ["Tick every declaration before submitting."]

    services.save_draft(monitoring_return, member, declarations=TICKED)
    services.submit_return(monitoring_return, member)
    monitoring_return.refresh_from_db()
    assert (monitoring_return.status, monitoring_return.submitted_by) == (ReturnStatus.SUBMITTED, member)
    with pytest.raises(ValidationError, match="submitted and is with the hub"):
        services.save_draft(monitoring_return, member, narrative="Changed my mind.")
    with pytest.raises(ValidationError, match="Only the hub's staff"):
        services.validate_return(monitoring_return, member)

    services.query_return(monitoring_return, personas.contracts_officer, "Is 48 clients right? The referrals say 44.")
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.QUERIED
    with pytest.raises(ValidationError, match="Answer the hub's query"):
        services.submit_return(monitoring_return, member)
    services.save_draft(monitoring_return, member, values={setting["kpi"].pk: Decimal(44)})
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.QUERIED  # still the hub's query to answer
    services.submit_return(monitoring_return, member, reply="Corrected to 44: four were counted twice.")
    services.validate_return(monitoring_return, personas.contracts_officer)

    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.VALIDATED
    assert monitoring_return.validated_by == personas.contracts_officer
    assert list(ReturnComment.objects.values_list("kind", flat=True)) == ["query", "reply"]
    assert ReturnValue.objects.get(kpi=setting["kpi"]).value == 44
    with pytest.raises(ValidationError) as locked:
        services.save_draft(monitoring_return, personas.contracts_officer, narrative="Tidied.")
    assert locked.value.messages == [services.VALIDATED_LOCKED]
    with pytest.raises(ValidationError, match="already been validated"):
        services.validate_return(monitoring_return, personas.contracts_officer)


def test_bad_figures_are_named_by_kpi_and_change_nothing(personas: Personas, setting: dict) -> None:
    monitoring_return = setting["return"]
    services.save_draft(monitoring_return, personas.member_a, values={setting["kpi"].pk: Decimal(40)})
    yes_no = factories.kpi(setting["contract"], "Safeguarding lead in post", unit=Unit.YES_NO, target=Decimal(1))

    with pytest.raises(ValidationError) as refused:
        services.save_draft(
            monitoring_return,
            personas.member_a,
            values={
                setting["kpi"].pk: Decimal(41),
                setting["rate"].pk: Decimal(120),
                setting["job"].pk: Decimal(60),
                yes_no.pk: Decimal(2),
            },
            narrative="Should not be kept.",
        )

    assert refused.value.messages == [
        "“Satisfied clients” is a percentage: enter a value from 0 to 100, not 120.",
        "“Job outcomes” is out of range: 60 is above the highest allowed, 50.00.",
        "“Safeguarding lead in post” is a yes/no KPI: enter 1 for yes or 0 for no, not 2.",
    ]
    monitoring_return.refresh_from_db()
    assert monitoring_return.narrative == ""
    assert list(ReturnValue.objects.values_list("value", flat=True)) == [Decimal(40)]
    with pytest.raises(ValidationError, match=re.escape("“Clients supported”: “lots” is not a number.")):
        services.parse_value(setting["kpi"], "lots")
    assert services.parse_value(yes_no, "Yes") == 1
    assert services.parse_value(setting["rate"], "85%") == 85


def test_an_outcome_is_claimed_once_per_client_reference(personas: Personas, setting: dict) -> None:
    job = setting["job"]
    first, other_member = setting["return"], factories.monitoring_return(setting["subcontracts"][1], setting["period"])

    with pytest.raises(ValidationError) as twice:
        services.save_draft(
            first,
            personas.member_a,
            claims=[Claim(job.pk, "AL-001", date(2026, 5, 3)), Claim(job.pk, "AL-001", date(2026, 5, 9))],
        )
    assert twice.value.messages == ["Client reference AL-001 is claimed twice for “Job outcomes” in this return."]

    services.save_draft(first, personas.member_a, claims=[Claim(job.pk, "AL-001", date(2026, 5, 3))])
    services.save_draft(
        first, personas.member_a, claims=[Claim(job.pk, "AL-001", date(2026, 5, 3))]
    )  # kept, not doubled
    assert OutcomeClaim.objects.count() == 1
    with pytest.raises(ValidationError) as elsewhere:
        services.save_draft(other_member, personas.member_b, claims=[Claim(job.pk, "al-001", date(2026, 6, 1))])
    assert elsewhere.value.messages == [
        "Client reference AL-001 has already been claimed for “Job outcomes” (in another member's return for "
        "April to June 2026); an outcome is paid once."
    ]
    with pytest.raises(ValidationError, match=r"achieved on 01/07/2026, outside the period"):
        services.save_draft(first, personas.member_a, claims=[Claim(job.pk, "AL-009", date(2026, 7, 1))])
    with pytest.raises(ValidationError, match="only against this contract's outcome KPIs"):
        services.save_draft(first, personas.member_a, claims=[Claim(setting["kpi"].pk, "AL-010", date(2026, 5, 1))])
    # The database refuses it too, whatever writes it.
    with pytest.raises(IntegrityError), transaction.atomic():
        OutcomeClaim.objects.create(
            monitoring_return=other_member, kpi=job, client_reference="AL-001", achieved_on=date(2026, 6, 1)
        )


def test_duplicate_returns_and_periods_not_yet_open_are_refused(personas: Personas, setting: dict) -> None:
    sub = setting["subcontracts"][0]
    with pytest.raises(ValidationError, match="Alpha Advice Centre already has a return for April to June 2026"):
        services.create_return(sub, setting["period"])
    today = timezone.localdate()
    future = factories.period(
        setting["contract"], today + timedelta(days=20), today + timedelta(days=50), opens_on=today + timedelta(days=44)
    )
    later = services.create_return(sub, future, personas.contracts_officer)
    values = {kpi.pk: Decimal(1) for kpi in (setting["kpi"], setting["rate"], setting["job"])}
    services.save_draft(later, personas.member_a, values=values, declarations=TICKED)  # a draft is fine
    with pytest.raises(ValidationError) as early:
        services.submit_return(later, personas.member_a)
    assert early.value.messages == [
        f"Returns for {future} open on {future.opens_on:%d/%m/%Y}; you can save a draft until then."
    ]


def test_rag_worked_example_and_the_contract_roll_up(personas: Personas) -> None:
    """Clients supported: target 100, amber from 90, red from 75 (higher is better).
    Alpha has 40% (target 40, amber from 36, red from 30) and returns 34: amber.
    Beta has 60% (target 60, amber from 54, red from 45) and returns 42: red.
    The contract's figure is the sum, 76: amber (below 90, not below 75).

    Satisfied clients: 80%, amber from 75, red from 60. Alpha 90% (green), Beta 70% (amber);
    the contract's figure is the share-weighted average (90×40 + 70×60) / 100 = 78: green, as it
    meets the amber threshold of 75 (the KPI's tolerance below its target).

    Days to first appointment: 10, lower is better, amber from 12, red from 15. Alpha 9 (green),
    Beta 20 (red); the average weighted by share is (9×40 + 20×60) / 100 = 15.6: red.
    The contract's rating for the period is its worst KPI's: red.
    """
    contract = factories.contract(personas.org_c)
    alpha = factories.subcontract(contract, personas.org_a, "40")
    beta = factories.subcontract(contract, personas.org_b, "60")
    clients = factories.kpi(
        contract, "Clients supported", target=Decimal(100), amber_threshold=Decimal(90), red_threshold=Decimal(75)
    )
    satisfied = factories.kpi(
        contract,
        "Satisfied clients",
        unit=Unit.PERCENTAGE,
        target=Decimal(80),
        amber_threshold=Decimal(75),
        red_threshold=Decimal(60),
    )
    days = factories.kpi(
        contract,
        "Days to first appointment",
        unit=Unit.DAYS,
        direction=Direction.LOWER,
        target=Decimal(10),
        amber_threshold=Decimal(12),
        red_threshold=Decimal(15),
    )
    periods.pass_down_kpis(contract)
    period = factories.period(contract)
    unvalidated = factories.period(contract, date(2026, 7, 1), date(2026, 9, 30))
    for sub, figures in ((alpha, (34, 90, 9)), (beta, (42, 70, 20))):
        made = factories.monitoring_return(sub, period, ReturnStatus.VALIDATED)
        draft = factories.monitoring_return(sub, unvalidated, ReturnStatus.SUBMITTED)
        for kpi, figure in zip((clients, satisfied, days), figures, strict=True):
            ReturnValue.objects.create(monitoring_return=made, kpi=kpi, value=Decimal(figure))
            ReturnValue.objects.create(monitoring_return=draft, kpi=kpi, value=Decimal(figure))

    result = rag.contract_performance(contract)

    by_kpi = {row.kpi.name: row for row in result.kpis}
    members = {
        name: [(member.subcontract.organisation.name, member.cells[0].rag) for member in row.members]
        for name, row in by_kpi.items()
    }
    assert members == {
        "Clients supported": [("Alpha Advice Centre", Rag.AMBER), ("Beta Befriending", Rag.RED)],
        "Satisfied clients": [("Alpha Advice Centre", Rag.GREEN), ("Beta Befriending", Rag.AMBER)],
        "Days to first appointment": [("Alpha Advice Centre", Rag.GREEN), ("Beta Befriending", Rag.RED)],
    }
    assert {name: (row.contract_cells[0].value, row.contract_cells[0].rag) for name, row in by_kpi.items()} == {
        "Clients supported": (Decimal(76), Rag.AMBER),
        "Satisfied clients": (Decimal("78.00"), Rag.GREEN),
        "Days to first appointment": (Decimal("15.60"), Rag.RED),
    }
    assert result.overall == [Rag.RED, None]  # the submitted, unvalidated quarter does not count
    assert by_kpi["Clients supported"].members[0].cells[0].target == Decimal("40.00")


def test_a_member_at_red_gets_one_improvement_plan(personas: Personas) -> None:
    made = factories.setting(personas.org_c, personas.org_a, personas.org_b)  # 50% each: target 50
    contract, kpi = made["contract"], made["kpi"]
    kpi.red_threshold = Decimal(60)  # a member is red below 30
    kpi.save()
    periods.pass_down_kpis(contract)
    for sub, figure in zip(made["subcontracts"], (25, 48), strict=True):
        validated = factories.monitoring_return(sub, made["period"], ReturnStatus.VALIDATED)
        ReturnValue.objects.create(monitoring_return=validated, kpi=kpi, value=Decimal(figure))

    opened = plans.open_plans_for_red(contract, personas.contracts_officer)

    assert [(plan.subcontract.organisation, plan.kpi) for plan in opened] == [(personas.org_a, kpi)]
    assert opened[0].reason == "“Clients supported” at red for April to June 2026: 25.00 against a target of 50.00."
    assert plans.open_plans_for_red(contract) == []  # one open plan is enough
