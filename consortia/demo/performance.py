"""The demo's performance monitoring, on the contracts of `consortia.demo.contracts`.

The social prescribing contract (mixed: block and payment by results) gets four quarterly KPIs,
one of them a payable outcome (GP visits reduced, £150 an outcome); the young carers contract one
KPI. The KPIs are passed down to the members, the quarterly periods generated, and the returns
filled in: every finished quarter but the last validated (with outcome claims, and Wyre Youth
Matters at red on referrals for the last two, with an improvement plan); the last finished
quarter submitted by Pendle, queried for Wyre, a draft for Fylde; the current quarter due.

Made only where missing: a contract that has KPIs is left as it is, and only returns still due
are filled in, so running it again changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from consortia.contracts.models import Contract
from consortia.core.workdays import add_working_days
from consortia.demo.contracts import AWARDED_REFERENCE, BY_HAND_REFERENCE, load_contracts
from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.performance.choices import Direction, Frequency, PlanStatus, ReturnStatus, Unit
from consortia.performance.models import KPI, ImprovementAction, ImprovementPlan, MonitoringReturn
from consortia.performance.services import periods
from consortia.performance.services import returns as services
from consortia.users.models import User

# name, unit, direction, target, amber from, red from, outcome price, definition
SOCIAL_PRESCRIBING_KPIS = (
    (
        "People referred and supported",
        Unit.NUMBER,
        Direction.HIGHER,
        100,
        90,
        75,
        None,
        "People referred by GP practices who had at least one meeting with a link worker in the quarter.",
    ),
    (
        "Wellbeing improved",
        Unit.PERCENTAGE,
        Direction.HIGHER,
        70,
        65,
        55,
        None,
        "Share of people leaving the service whose WEMWBS score rose by 3 points or more.",
    ),
    (
        "Days from referral to first contact",
        Unit.DAYS,
        Direction.LOWER,
        10,
        12,
        15,
        None,
        "Average calendar days from the referral to the first contact with the person.",
    ),
    (
        "GP visits reduced",
        Unit.NUMBER,
        Direction.HIGHER,
        20,
        18,
        14,
        Decimal("150.00"),
        "People whose GP appointments fell by half over six months after starting (payment by results).",
    ),
)
# The figures each member returns per quarter for the four KPIs (Wyre falls behind on referrals).
FIGURES = {
    "Pendle Women's Centre": (42, 74, 8, 9),
    "Wyre Youth Matters": (33, 68, 11, 7),
    "Fylde Coast Befriending": (26, 71, 9, 5),
}
WYRE_AT_RED = (22, 61, 14, 4)  # referrals 22 against a member's red line of 26.25
PREFIX = {"Pendle Women's Centre": "PWC", "Wyre Youth Matters": "WYM", "Fylde Coast Befriending": "FCB"}


def _user(name: str) -> User:
    user = User.objects.filter(email=f"{name}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {name}@{DEMO_DOMAIN} is missing; load the personas first.")
    return user


@transaction.atomic
def load() -> None:
    officer = _user("contracts")
    by_reference = {contract.reference: contract for contract in load_contracts()}
    social = by_reference.get(BY_HAND_REFERENCE)
    if social is None:
        raise DemoDataError(f"The contract {BY_HAND_REFERENCE} is missing from the demo.")
    if not social.kpis.exists():
        for order, (name, unit, direction, target, amber, red, price, definition) in enumerate(SOCIAL_PRESCRIBING_KPIS):
            _kpi(social, officer, order, name, unit, direction, target, amber, red, price, definition)
    awarded = by_reference.get(AWARDED_REFERENCE)
    if awarded is not None and not awarded.kpis.exists():
        _kpi(
            awarded,
            officer,
            0,
            "Young carers identified and supported",
            Unit.NUMBER,
            Direction.HIGHER,
            60,
            54,
            45,
            None,
            "Young carers newly identified and given a support plan in the quarter.",
        )
    for contract in filter(None, (social, awarded)):
        periods.pass_down_kpis(contract, officer)
        periods.generate_periods(contract, officer)
    _fill_in(social, officer)


def _kpi(
    contract: Contract,
    user: User,
    order: int,
    name: str,
    unit: str,
    direction: str,
    target: int,
    amber: int,
    red: int,
    price: Decimal | None,
    definition: str,
) -> KPI:
    kpi = KPI(
        contract=contract,
        order=order,
        name=name,
        unit=unit,
        direction=direction,
        target=Decimal(target),
        amber_threshold=Decimal(amber),
        red_threshold=Decimal(red),
        frequency=Frequency.QUARTERLY,
        outcome_price=price,
        definition=definition,
    )
    kpi.full_clean()
    kpi.stamp(user)
    kpi.save()
    return kpi


def _member_user(name: str, officer: User) -> User:
    """The member's demo login where there is one (Pendle, Wyre), else the officer keying it in."""
    short = {"Pendle Women's Centre": "pendle", "Wyre Youth Matters": "wyre"}.get(name)
    return (User.objects.filter(email=f"{short}@{DEMO_DOMAIN}").first() if short else None) or officer


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _fill_in(contract: Contract, officer: User) -> None:
    today = timezone.localdate()
    kpis = list(contract.kpis.all())
    ended = [period for period in contract.return_periods.all() if period.ends_on < today]
    if not ended:
        return
    *history, recent = ended
    returns = {
        (row.subcontract.organisation.name, row.period_id): row
        for row in MonitoringReturn.objects.filter(
            subcontract__contract=contract, status=ReturnStatus.DUE
        ).select_related("subcontract__organisation", "period")
    }
    for number, period in enumerate(history):
        for member, figures in FIGURES.items():
            monitoring_return = returns.get((member, period.pk))
            if monitoring_return is None:
                continue  # filled in already
            if member == "Wyre Youth Matters" and number >= len(history) - 2:
                figures = WYRE_AT_RED
            user = _member_user(member, officer)
            _draft(monitoring_return, user, kpis, figures, claims=number)
            services.submit_return(monitoring_return, user)
            services.validate_return(monitoring_return, officer)
            submitted = min(period.due_on, today) - timedelta(days=2)
            MonitoringReturn.objects.filter(pk=monitoring_return.pk).update(
                submitted_at=_at(submitted, 10), validated_at=_at(add_working_days(submitted, 3), 15)
            )
    states = {"Pendle Women's Centre": "submitted", "Wyre Youth Matters": "queried", "Fylde Coast Befriending": "draft"}
    for member, state in states.items():
        monitoring_return = returns.get((member, recent.pk))
        if monitoring_return is None:
            continue
        user = _member_user(member, officer)
        _draft(monitoring_return, user, kpis, FIGURES[member], claims=len(history))
        if state == "draft":
            continue
        services.submit_return(monitoring_return, user)
        if state == "queried":
            services.query_return(
                monitoring_return,
                officer,
                "Referrals look low again against your target of 35. Are any referrals still to be keyed in? "
                "Please check and resubmit, with a line on what the improvement plan has changed.",
            )
    _improvement_plan(contract, officer, today)


def _draft(
    monitoring_return: MonitoringReturn, user: User, kpis: list[KPI], figures: tuple[int, ...], claims: int
) -> None:
    period = monitoring_return.period
    member = monitoring_return.subcontract.organisation.name
    outcome = next(kpi for kpi in kpis if kpi.is_outcome)
    count = figures[3]
    services.save_draft(
        monitoring_return,
        user,
        values={kpi.pk: Decimal(figure) for kpi, figure in zip(kpis, figures, strict=True)},
        claims=[
            services.Claim(
                outcome.pk, f"{PREFIX[member]}-{claims + 1:02d}{n + 1:02d}", period.starts_on + timedelta(days=7 * n)
            )
            for n in range(count)
        ],
        narrative=f"{member}: referrals steady through {period}; two link workers trained in trauma-informed practice.",
        declarations=dict.fromkeys(services.DECLARATIONS, True),
    )


def _improvement_plan(contract: Contract, officer: User, today: date) -> None:
    wyre = contract.subcontracts.filter(organisation__name="Wyre Youth Matters").first()
    referrals = contract.kpis.filter(name="People referred and supported").first()
    if wyre is None or referrals is None or ImprovementPlan.objects.filter(subcontract=wyre).exists():
        return
    plan = ImprovementPlan(
        subcontract=wyre,
        kpi=referrals,
        reason="Referrals at red for the last two validated quarters (22 against a target of 35; red below 26.25).",
        opened_on=today - timedelta(days=40),
        review_on=today + timedelta(days=50),
        status=PlanStatus.OPEN,
    )
    plan.full_clean()
    plan.stamp(officer)
    plan.save()
    for action, owner, due, done in (
        (
            "Visit the six GP practices in Fleetwood and Thornton to re-launch the referral route.",
            "Service manager",
            -20,
            -22,
        ),
        (
            "Add a self-referral form for 16 to 25 year olds to the Wyre Youth Matters website.",
            "Digital lead",
            10,
            None,
        ),
        ("Report referrals weekly to the hub's contracts officer until the review.", "Service manager", 45, None),
    ):
        item = ImprovementAction(
            plan=plan,
            action=action,
            owner=owner,
            due_on=today + timedelta(days=due),
            done_on=today + timedelta(days=done) if done is not None else None,
        )
        item.full_clean()
        item.stamp(officer)
        item.save()
