"""Demo shared staff, their timesheets and the recharges to Red Rose CVS.

Lancashire Community Partnership's hub is hosted by Red Rose Council for Voluntary Service,
which employs three of the hub's staff and lends them part-time: Helen Tattersall, the
Consortium Manager (0.8 FTE), Gemma Ashworth, the Contracts and Performance Officer, and David
Kershaw, the Finance Officer. They record their weeks, spread across the hub's functions and
tasks, from the start of the quarter before last to this week: nearly all approved (Helen's by
the chair of the board, the others' by Helen), last week's from Gemma waiting for approval, one
of David's reopened because hours went on the wrong function, and David's week in progress.

The consortium recharges Red Rose CVS each quarter: for the quarter before last it paid the full
cost of the hours; for the last complete quarter it paid less, so the recharge statement shows
the CVS subsidising the consortium.

Dates are relative to today, so the demo stays current. Safe to run again: staff are matched on
their login, timesheets on (staff member, week) and recharges on (employer, period); what exists
is left as it is, so running it twice changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from consortia.demo.data import INFRASTRUCTURE
from consortia.demo.errors import DemoDataError
from consortia.demo.personas import DEMO_DOMAIN
from consortia.directory.models import Organisation
from consortia.hub.models import HubFunction, HubTask
from consortia.hub.reference import FUNCTIONS
from consortia.people.choices import TimesheetStatus
from consortia.people.models import DAYS, JobRole, Recharge, StaffMember, Timesheet
from consortia.people.services import time as services
from consortia.people.services.recharge import last_complete_quarter, recharge_statement
from consortia.users.models import User

FULL_TIME_HOURS = Decimal("37.5")
DAY = Decimal("7.5")
REOPEN_REASON = "Tuesday's hours went on the wrong task: they were the member payments run, not invoicing."
EPOCH = date(2023, 1, 2)  # a Monday: weeks are numbered from it for the demo's rota


@dataclass(frozen=True)
class Line:
    """A kind of work a staff member does: a function (by code), a task (by name) and what it was."""

    function: str
    task: str
    description: str


@dataclass(frozen=True)
class Shared:
    login: str  # the persona's e-mail before the @
    first_name: str
    last_name: str
    job_title: str
    fte: Decimal
    cost_rate: Decimal
    start_date: date
    days: tuple[str, ...]  # the days they work for the hub
    lines: tuple[Line, ...]


STAFF: tuple[Shared, ...] = (
    Shared(
        "manager",
        "Helen",
        "Tattersall",
        "Consortium Manager",
        Decimal("0.80"),
        Decimal("29.40"),
        date(2023, 4, 3),
        ("mon", "tue", "wed", "thu"),
        (
            Line("strategy", "Report progress against the business plan to the board", "Business plan progress report"),
            Line("influence", "Meet commissioners and attend market-engagement events", "Commissioner meetings"),
            Line("bidding", "Run bid/no-bid decisions", "Pipeline review and bid/no-bid panel"),
            Line("governance", "Organise board meetings, papers and minutes", "Board papers"),
            Line("membership", "Keep members informed and involved", "Members' briefing and network meeting"),
            Line("performance", "Report the hub's performance to the board", "Hub service standards report"),
        ),
    ),
    Shared(
        "contracts",
        "Gemma",
        "Ashworth",
        "Contracts and Performance Officer",
        Decimal("0.60"),
        Decimal("22.15"),
        date(2023, 9, 4),
        ("mon", "tue", "wed"),
        (
            Line("contracts", "Monitor subcontractor performance", "Quarterly reviews with subcontractors"),
            Line("contracts", "Validate monitoring returns", "Checking monitoring returns"),
            Line("contracts", "Report to commissioners on contract delivery", "Contract report to the county council"),
            Line("membership", "Carry out due diligence on members", "Due diligence renewals"),
            Line("bidding", "Coordinate bid writing", "Delivery and performance sections of bids"),
        ),
    ),
    Shared(
        "finance",
        "David",
        "Kershaw",
        "Finance Officer",
        Decimal("0.40"),
        Decimal("21.60"),
        date(2023, 6, 5),
        ("tue", "thu"),
        (
            Line("finance", "Invoice commissioners", "Monthly invoices to commissioners"),
            Line("finance", "Pay members for contract delivery", "Member payments run"),
            Line("finance", "Keep the accounts and prepare management accounts", "Management accounts"),
            Line("membership", "Collect membership fees", "Membership fee reminders"),
        ),
    ),
)


def load() -> None:
    """Create whatever part of the demo's shared staff, timesheets and recharges is missing."""
    with transaction.atomic():
        cvs = Organisation.objects.filter(name=INFRASTRUCTURE.name).first()
        if cvs is None:
            raise DemoDataError(f"“{INFRASTRUCTURE.name}” is missing; run `manage.py load_demo` first.")
        manager, chair = _user("manager"), _user("chair")
        functions = _functions()
        today = timezone.localdate()
        this_week = services.monday_of(today)
        last_quarter = last_complete_quarter(today)
        quarter_before = last_complete_quarter(last_quarter[0])
        first_week = services.monday_of(quarter_before[0])
        bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=range(first_week.year, today.year + 1))
        for spec in STAFF:
            user = _user(spec.login)
            staff = _staff(spec, user, cvs, manager)
            lines = [
                (line, functions[line.function], _task(functions[line.function], line.task)) for line in spec.lines
            ]
            weeks = (this_week - first_week).days // 7
            for offset in range(weeks, -1, -1):  # oldest first, ending with this week
                week = this_week - timedelta(weeks=offset)
                if Timesheet.objects.filter(staff=staff, week_start=week).exists():
                    continue
                plan = _plan(spec, offset, week, bank_holidays)
                if plan is None or (offset > 0 and not plan):
                    continue  # annual leave, or a week of bank holidays
                _timesheet(spec, staff, user, week, offset, lines, plan, manager, chair)
        _recharges(cvs, manager, last_quarter, quarter_before)


def _user(login: str) -> User:
    user = User.objects.filter(email=f"{login}@{DEMO_DOMAIN}").first()
    if user is None:
        raise DemoDataError(f"The demo login {login}@{DEMO_DOMAIN} is missing; run `manage.py load_demo` first.")
    return user


def _functions() -> dict[str, HubFunction]:
    """The hub's ten functions by code (loaded by a migration; put back if someone removed one)."""
    found = {function.code: function for function in HubFunction.objects.all()}
    for order, (code, name) in enumerate(FUNCTIONS, start=1):
        if code not in found:
            found[code] = _valid(name, HubFunction(code=code, name=name, order=order * 10))
    return found


def _task(function: HubFunction, name: str) -> HubTask | None:
    """The suggested task, if the hub still has it (tasks can be reworded or retired)."""
    return HubTask.objects.filter(function=function, name=name, retired=False).first()


def _staff(spec: Shared, user: User, cvs: Organisation, manager: User) -> StaffMember:
    existing = StaffMember.objects.filter(user=user).first()
    if existing is not None:
        return existing
    job_role = JobRole.objects.filter(title=spec.job_title).first()
    if job_role is None:
        # The job roles demo makes these properly; this is only so that this demo can stand alone.
        job_role = JobRole(
            title=spec.job_title,
            purpose=f"The hub's {spec.job_title.lower()}.",
            hours_per_week=(FULL_TIME_HOURS * spec.fte).quantize(Decimal("0.1")),
            fte=spec.fte,
        )
        _valid(spec.job_title, job_role, manager)
    staff = StaffMember(
        first_name=spec.first_name,
        last_name=spec.last_name,
        user=user,
        job_role=job_role,
        employer=cvs,
        fte=spec.fte,
        cost_rate=spec.cost_rate,
        start_date=spec.start_date,
    )
    return _valid(f"{spec.first_name} {spec.last_name}", staff, manager)


def _plan(spec: Shared, offset: int, week: date, bank_holidays: Any) -> dict[int, dict[str, Decimal]] | None:
    """The week's hours as {line index: {day: hours}}, or None for a week of annual leave.

    Each working day is two blocks of work, on lines that rotate from week to week; Helen works
    late on Tuesdays in bid weeks; bank holidays are days off; and each of them takes a week's
    leave now and then. The pattern follows the week itself, not today's date, so a week looks
    the same whenever the demo is loaded.
    """
    serial = (week - EPOCH).days // 7
    if offset > 4 and (serial + len(spec.days)) % 11 == 0:
        return None  # (never in the last few weeks, which the demo's story needs)
    if offset == 0 and spec.login != "finance":
        return None  # only David has started this week's timesheet
    hours: dict[int, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(DAYS, Decimal(0)))
    dates = services.week_dates(week)
    for day_number, day in enumerate(spec.days):
        if dates[day] in bank_holidays:
            continue
        if offset == 0 and dates[day] > timezone.localdate():
            continue  # not worked yet
        long_day = spec.login == "manager" and day == "tue" and serial % 4 == 1
        blocks = (Decimal("4.5"), DAY - Decimal("4.5") + (Decimal("1.5") if long_day else Decimal(0)))
        for block_number, block in enumerate(blocks):
            line = (serial * 3 + day_number * 2 + block_number) % len(spec.lines)
            hours[line][day] += block
    return dict(hours)


def _timesheet(
    spec: Shared,
    staff: StaffMember,
    user: User,
    week: date,
    offset: int,
    lines: list[tuple[Line, HubFunction, HubTask | None]],
    plan: dict[int, dict[str, Decimal]],
    manager: User,
    chair: User,
) -> None:
    timesheet = _check(str(week), services.start_timesheet, staff, week, user)[0]
    rows = [
        {"function": lines[index][1], "task": lines[index][2], "description": lines[index][0].description, **days}
        for index, days in sorted(plan.items())
    ]
    _check(str(timesheet), services.save_entries, timesheet, rows, user)
    if offset == 0 or not rows:
        return  # this week: still a draft
    _check(str(timesheet), services.submit, timesheet, user)
    friday = _moment(week + timedelta(days=4), time(16, 30))
    Timesheet.objects.filter(pk=timesheet.pk).update(submitted_at=friday)
    if spec.login == "contracts" and offset == 1:
        return  # waiting for approval
    if spec.login == "manager":
        # The chair of the board signs off the Consortium Manager's own time.
        timesheet.refresh_from_db()
        timesheet.status = TimesheetStatus.APPROVED
        timesheet.approved_by = chair
        timesheet.approved_at = timezone.now()
        timesheet._change_reason = "Approved and locked"  # type: ignore[attr-defined]
        _valid(str(timesheet), timesheet, chair)
    else:
        _check(str(timesheet), services.approve, timesheet, manager)
    monday = _moment(week + timedelta(days=7), time(10, 0))
    Timesheet.objects.filter(pk=timesheet.pk).update(approved_at=monday)
    if spec.login == "finance" and offset == 3:
        _check(str(timesheet), services.reopen, timesheet, REOPEN_REASON, manager)


def _recharges(
    cvs: Organisation, manager: User, last_quarter: tuple[date, date], quarter_before: tuple[date, date]
) -> None:
    """The quarter before last paid in full; the last complete quarter paid short (a subsidy)."""
    for (start, end), share, note in (
        (quarter_before, Decimal(1), "The full cost of the shared staff's approved hours."),
        (
            last_quarter,
            Decimal("0.8"),
            "The agreed quarterly amount under the hosting agreement, which no longer covers the hours given.",
        ),
    ):
        if Recharge.objects.filter(employer=cvs, period_start=start, period_end=end).exists():
            continue
        cost = recharge_statement(cvs, start, end).cost
        amount = cost if share == 1 else (cost * share / 10).quantize(Decimal(1), rounding=ROUND_DOWN) * 10
        recharge = Recharge(
            employer=cvs,
            period_start=start,
            period_end=end,
            amount=amount,
            reference=f"RRCVS-{start:%Y}-Q{(start.month - 1) // 3 + 1}",
            notes=note,
        )
        _valid(str(recharge.reference), recharge, manager)


def _moment(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _valid(label: str, record: Any, user: User | None = None) -> Any:
    try:
        record.full_clean()
    except ValidationError as error:
        raise DemoDataError(f"{label}: {' '.join(error.messages)}") from error
    if user is not None:
        record.stamp(user)
        record._history_user = user
    record.save()
    return record


def _check(label: str, operation: Any, *args: Any) -> Any:
    try:
        return operation(*args)
    except ValidationError as error:
        raise DemoDataError(f"{label}: {' '.join(error.messages)}") from error
