"""The demo consortium's business plan: five objectives, their indicators and the board's reviews.

Lancashire Community Partnership's board approved a four-year business plan in March 2023,
alongside the year-1 workplan (`hub_standards`). Six of its thirteen indicators are computed
live from Consortia's records through the measures registry (the workplan, the hub's tasks,
timesheets, monitoring returns and payments to members); the rest are entered by hand from
the consortium manager's quarterly report.

Idempotent: the plan is matched on its title, an objective on its plan and number, an
indicator on its objective and name, a reading on its indicator and date and a review on its
plan and date; what is already there is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from consortia.core.dates import month_start
from consortia.demo.personas import DEMO_DOMAIN
from consortia.hub import measures
from consortia.hub.choices import Comparison, Period, PlanStatus, Unit
from consortia.hub.models import BusinessPlan, PlanIndicator, PlanIndicatorReading, PlanObjective, PlanReview
from consortia.users.models import User

UP, DOWN = Comparison.AT_LEAST, Comparison.AT_MOST

PLAN = {
    "title": "Lancashire Community Partnership business plan 2023 to 2027",
    "period_start": date(2023, 4, 1),
    "period_end": date(2027, 3, 31),
    "status": PlanStatus.APPROVED,
    "approved_on": date(2023, 3, 14),
    "approval_note": (
        "Approved by the board at its meeting of 14/03/2023 (minute B23/11), with the year-1 workplan and "
        "budget. The board asked for the plan to be reviewed each September and March, and for the "
        "indicators on bidding to be reset once the first contracts were won."
    ),
}


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str
    baseline: str | None
    target: str
    direction: str
    tolerance: str
    target_date: date
    measure: str = ""
    period: str = Period.QUARTER
    # Hand readings: (date, value, note), oldest first.
    readings: tuple[tuple[date, str, str], ...] = ()


@dataclass(frozen=True)
class Objective:
    number: int
    title: str
    description: str
    owner: str  # the persona's e-mail, before the @
    indicators: tuple[Indicator, ...]


OBJECTIVES: tuple[Objective, ...] = (
    Objective(
        1,
        "Win public contracts together that no member could win alone",
        "Bid as one consortium for health, care and community contracts across Lancashire, sharing the work "
        "fairly among members.",
        "bids",
        (
            Indicator(
                "Contracts won as a consortium",
                Unit.COUNT,
                "0",
                "6",
                UP,
                "2",
                date(2027, 3, 31),
                readings=(
                    (date(2024, 3, 31), "1", "The social prescribing contract with the county council."),
                    (date(2025, 3, 31), "3", ""),
                    (date(2026, 3, 31), "4", "Two bids lost on price to national providers."),
                ),
            ),
            Indicator(
                "Bids submitted in the year",
                Unit.COUNT,
                "0",
                "8",
                UP,
                "2",
                date(2026, 3, 31),
                readings=((date(2024, 3, 31), "3", ""), (date(2025, 3, 31), "7", ""), (date(2026, 3, 31), "9", "")),
            ),
            Indicator(
                "Working days to circulate an opportunity to members",
                Unit.WORKING_DAYS,
                "4",
                "2",
                DOWN,
                "1",
                date(2025, 3, 31),
                measure="opportunities.circulation_days",
            ),
        ),
    ),
    Objective(
        2,
        "Grow a strong, diverse membership",
        "Recruit small and specialist organisations from every district, each with due diligence complete.",
        "manager",
        (
            Indicator(
                "Member organisations",
                Unit.COUNT,
                "11",
                "40",
                UP,
                "5",
                date(2027, 3, 31),
                readings=((date(2024, 3, 31), "19", ""), (date(2025, 3, 31), "27", ""), (date(2026, 3, 31), "33", "")),
            ),
            Indicator(
                "Districts with at least one member (of 14)",
                Unit.COUNT,
                "6",
                "14",
                UP,
                "2",
                date(2027, 3, 31),
                readings=((date(2025, 3, 31), "10", ""), (date(2026, 3, 31), "11", "No member yet in Ribble Valley.")),
            ),
        ),
    ),
    Objective(
        3,
        "Pay and support members well",
        "Pay members promptly for the work they deliver and keep monitoring light and fair.",
        "finance",
        (
            Indicator(
                "Members paid within 30 days of the commissioner paying",
                Unit.PERCENT,
                None,
                "95",
                UP,
                "5",
                date(2025, 3, 31),
                measure="finance.members_paid_within_terms",
            ),
            Indicator(
                "Working days to validate a monitoring return",
                Unit.WORKING_DAYS,
                None,
                "10",
                DOWN,
                "3",
                date(2025, 3, 31),
                measure="performance.return_validation_days",
            ),
            Indicator(
                "Members satisfied with the hub (annual survey)",
                Unit.PERCENT,
                "70",
                "85",
                UP,
                "5",
                date(2026, 3, 31),
                readings=((date(2024, 6, 30), "74", ""), (date(2025, 6, 30), "81", "")),
            ),
        ),
    ),
    Objective(
        4,
        "Run an efficient, well-governed hub",
        "Deliver the workplan, keep every hub task owned and keep the hub's own costs within the management fee.",
        "manager",
        (
            Indicator(
                "Workplan activities on track",
                Unit.PERCENT,
                None,
                "80",
                UP,
                "10",
                date(2024, 3, 31),
                measure="hub.workplan_on_track",
            ),
            Indicator(
                "Hub tasks with someone responsible",
                Unit.PERCENT,
                "60",
                "100",
                UP,
                "10",
                date(2023, 9, 30),
                measure="hub.tasks_with_responsible",
            ),
            Indicator(
                "Timesheets approved within (working days)",
                Unit.WORKING_DAYS,
                None,
                "3",
                DOWN,
                "1",
                date(2024, 3, 31),
                measure="people.timesheet_approval_days",
                period=Period.MONTH,
            ),
        ),
    ),
    Objective(
        5,
        "Become financially sustainable",
        "Cover the hub's costs from the management fee and earned income by the end of the plan, without "
        "development grants.",
        "treasurer",
        (
            Indicator(
                "Hub costs covered by the management fee and earned income",
                Unit.PERCENT,
                "20",
                "100",
                UP,
                "15",
                date(2027, 3, 31),
                readings=(
                    (date(2024, 3, 31), "35", ""),
                    (date(2025, 3, 31), "58", ""),
                    (date(2026, 3, 31), "71", "Behind plan: two contracts started later than expected."),
                ),
            ),
            Indicator(
                "Months of running costs held in reserve",
                Unit.COUNT,
                "1",
                "3",
                UP,
                "1",
                date(2027, 3, 31),
                readings=((date(2025, 3, 31), "2", ""), (date(2026, 3, 31), "1.5", "Reserves drawn on for bid costs.")),
            ),
        ),
    ),
)

REVIEWS: tuple[tuple[date, str, str, str], ...] = (
    (
        date(2024, 9, 17),
        "The board, at its meeting of 17/09/2024",
        "B24/38",
        "The board reviewed the first 18 months. The year-1 workplan is largely done, though contract management "
        "was deferred until the first contract was won. Bidding is ahead of plan; membership and sustainability "
        "are on course. The board asked the treasurer to bring a reserves policy to the December meeting.",
    ),
    (
        date(2025, 9, 16),
        "The board, at its meeting of 16/09/2025",
        "B25/41",
        "Membership growth has slowed and two districts still have no member: the board asked the consortium "
        "manager for a recruitment plan for the east of the county. Sustainability is behind plan because two "
        "contracts started late; the board agreed to keep the management fee at 8% and review it in March.",
    ),
)


def _next_review(today: date) -> date:
    """The board reviews the plan each March and September, at its mid-month meeting."""
    for months in range(13):
        meeting = month_start(today, months).replace(day=16)
        if meeting.month in (3, 9) and meeting > today:
            return meeting
    return today


@transaction.atomic
def load() -> None:
    known = {found.code for found in measures.measures()}
    plan = BusinessPlan.objects.filter(title=PLAN["title"]).first()
    if plan is None:
        plan = BusinessPlan(**PLAN, next_review=_next_review(timezone.localdate()))
        plan.full_clean()
        plan.save()
    owners = {user.email.split("@")[0]: user for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    for order, spec in enumerate(OBJECTIVES):
        objective = PlanObjective.objects.filter(plan=plan, number=spec.number).first()
        if objective is None:
            objective = PlanObjective(
                plan=plan,
                number=spec.number,
                title=spec.title,
                description=spec.description,
                owner=owners.get(spec.owner),
                order=order,
            )
            objective.full_clean()
            objective.save()
        for position, item in enumerate(spec.indicators):
            if item.measure and item.measure not in known:
                continue  # an app that computes it is not installed
            _indicator(objective, item, position)
    for reviewed_on, reviewed_by, minute, summary in REVIEWS:
        if PlanReview.objects.filter(plan=plan, reviewed_on=reviewed_on).exists():
            continue
        review = PlanReview(
            plan=plan, reviewed_on=reviewed_on, reviewed_by=reviewed_by, minute_reference=minute, summary=summary
        )
        review.full_clean()
        review.save()


def _indicator(objective: PlanObjective, spec: Indicator, order: int) -> None:
    indicator = PlanIndicator.objects.filter(objective=objective, name=spec.name).first()
    if indicator is None:
        indicator = PlanIndicator(
            objective=objective,
            name=spec.name,
            unit=spec.unit,
            baseline=Decimal(spec.baseline) if spec.baseline is not None else None,
            target=Decimal(spec.target),
            direction=spec.direction,
            tolerance=Decimal(spec.tolerance),
            target_date=spec.target_date,
            measure=spec.measure,
            period=spec.period,
            order=order,
        )
        indicator.full_clean()
        indicator.save()
    stored = set(indicator.readings.values_list("date", flat=True))
    for day, value, note in spec.readings:
        if day in stored:
            continue
        reading = PlanIndicatorReading(indicator=indicator, date=day, value=Decimal(value), note=note)
        reading.full_clean()
        reading.save()


def summary() -> str:
    """The line `load_demo` prints."""
    return (
        f"Business planning: {BusinessPlan.objects.count()} business plan, {PlanObjective.objects.count()} "
        f"objectives, {PlanIndicator.objects.count()} indicators ({PlanIndicator.objects.exclude(measure='').count()} "
        f"computed live), {PlanReview.objects.count()} board reviews."
    )
