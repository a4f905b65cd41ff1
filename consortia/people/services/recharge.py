"""The recharge statement: what an employer's staff gave the hub, what it cost, what was paid.

Shared staff (employed by a member or a CVS) record their time; the consortium recharges, or is
invoiced by, the employer for it. The statement for one employer and one period sets the cost
of the approved hours against the amounts recharged, so that nobody subsidises anybody without
knowing it.

How the figures are worked out:

- Hours count day by day: a week that straddles the start or end of the period counts only its
  days inside the period.
- Only approved (locked) timesheets count. Hours on draft or submitted timesheets in the period
  are listed separately and not counted.
- Cost is hours × the staff member's cost rate (as it stands today). Each timesheet's hours on
  each function are costed and rounded to the penny; every other figure is a sum of these, so
  the tables add up exactly.
- A recharge counts when its whole period lies within the statement's period. A recharge that
  straddles the start or end of the period is listed with a note and not counted: part of it
  belongs to another period, and which part is for the hub to decide (run the statement for a
  period covering it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from consortia.core import formats
from consortia.directory.models import Organisation
from consortia.documents.builders import Built, ExcelWorkbook, cell_text
from consortia.hub.models import HubFunction
from consortia.people.choices import TimesheetStatus
from consortia.people.models import DAYS, Recharge, StaffMember, Timesheet, TimesheetEntry
from consortia.people.services.time import ZERO, week_dates

PENNY = Decimal("0.01")
OVERLAP_RULE = (
    "A recharge counts when its whole period lies within the statement's period. Recharges that "
    "straddle the start or end of the period are listed but not counted."
)


def money(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def pounds(value: Decimal) -> str:
    """£1,234.56 (and -£12.00 below nought)."""
    return formats.pounds(value)


def last_complete_quarter(today: date) -> tuple[date, date]:
    """The calendar quarter (January–March, April–June…) before the one `today` falls in."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    this_quarter = date(today.year, first_month, 1)
    end = this_quarter - timedelta(days=1)
    start = date(end.year, end.month - 2, 1)
    return start, end


@dataclass
class StaffColumn:
    staff: StaffMember
    hours: Decimal = ZERO
    cost: Decimal = ZERO


@dataclass
class FunctionRow:
    function: HubFunction
    hours_by_staff: list[Decimal]
    hours: Decimal
    cost: Decimal


@dataclass
class CountedTimesheet:
    timesheet: Timesheet
    hours: Decimal = ZERO  # in the period
    cost: Decimal = ZERO


@dataclass
class UnapprovedTimesheet:
    timesheet: Timesheet
    hours: Decimal = ZERO  # in the period


@dataclass
class RechargeStatement:
    employer: Organisation
    start: date
    end: date
    staff: list[StaffColumn] = field(default_factory=list)
    functions: list[FunctionRow] = field(default_factory=list)
    timesheets: list[CountedTimesheet] = field(default_factory=list)
    unapproved: list[UnapprovedTimesheet] = field(default_factory=list)
    recharges: list[Recharge] = field(default_factory=list)  # counted
    straddling: list[Recharge] = field(default_factory=list)  # listed, not counted
    hours: Decimal = ZERO
    cost: Decimal = ZERO
    recharged: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        """Recharged less cost: below nought, the employer is subsidising the consortium."""
        return self.recharged - self.cost

    @property
    def subsidy(self) -> Decimal:
        return max(self.cost - self.recharged, ZERO)

    @property
    def subsidised(self) -> bool:
        return self.recharged < self.cost

    @property
    def unapproved_hours(self) -> Decimal:
        return sum((item.hours for item in self.unapproved), ZERO)

    @property
    def verdict(self) -> str:
        if self.subsidised:
            return (
                f"The consortium has paid {pounds(self.subsidy)} less than the cost of the hours given: "
                "the employer is subsidising the consortium."
            )
        if self.cost == ZERO and self.recharged == ZERO:
            return "No approved hours were given and nothing was recharged in this period."
        if self.recharged == self.cost:
            return "The consortium has paid the full cost of the hours given."
        return f"The consortium has paid {pounds(self.difference)} more than the cost of the hours given."


def recharge_statement(employer: Organisation, start: date, end: date, *, user: Any = None) -> RechargeStatement:
    """The statement for `employer` from `start` to `end` (both included).

    With `user`, only the timesheets and recharges that user may see are read (the page passes
    it); without, everything (tests, the demo). Costs two queries whatever the number of rows.
    """
    if end < start:
        raise ValueError("The period ends before it starts.")
    statement = RechargeStatement(employer=employer, start=start, end=end)

    entries: Any = TimesheetEntry.objects.all()
    recharges = Recharge.objects.all()
    if user is not None:
        entries = entries.restrict(user, "view")
        recharges = recharges.restrict(user, "view")
    entries = (
        entries.filter(
            timesheet__staff__employer=employer,
            timesheet__week_start__gte=start - timedelta(days=6),
            timesheet__week_start__lte=end,
        )
        .select_related("timesheet__staff", "timesheet__approved_by", "function")
        .order_by("timesheet__week_start", "timesheet__staff__last_name", "timesheet__staff__first_name", "pk")
    )

    # Hours in the period by (timesheet, function): the unit that is costed and rounded.
    units: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    timesheets: dict[int, Timesheet] = {}
    functions: dict[int, HubFunction] = {}
    unapproved: dict[int, UnapprovedTimesheet] = {}
    for entry in entries:
        timesheet = entry.timesheet
        dates = week_dates(timesheet.week_start)
        hours = sum((getattr(entry, day) for day in DAYS if start <= dates[day] <= end), ZERO)
        if timesheet.status != TimesheetStatus.APPROVED:
            unapproved.setdefault(timesheet.pk, UnapprovedTimesheet(timesheet)).hours += hours
            continue
        timesheets[timesheet.pk] = timesheet
        functions[entry.function_id] = entry.function
        units[(timesheet.pk, entry.function_id)] += hours

    columns: dict[int, StaffColumn] = {}
    counted: dict[int, CountedTimesheet] = {}
    cells: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)  # (function, staff) -> hours
    function_cost: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for (timesheet_id, function_id), hours in units.items():
        if hours == ZERO:
            continue
        timesheet = timesheets[timesheet_id]
        staff = timesheet.staff
        cost = money(hours * staff.cost_rate)
        column = columns.setdefault(staff.pk, StaffColumn(staff))
        column.hours += hours
        column.cost += cost
        item = counted.setdefault(timesheet_id, CountedTimesheet(timesheet))
        item.hours += hours
        item.cost += cost
        cells[(function_id, staff.pk)] += hours
        function_cost[function_id] += cost
        statement.hours += hours
        statement.cost += cost

    statement.staff = sorted(columns.values(), key=lambda column: (column.staff.last_name, column.staff.first_name))
    staff_ids = [column.staff.pk for column in statement.staff]
    for function_id in sorted(function_cost, key=lambda pk: (functions[pk].order, functions[pk].name)):
        by_staff = [cells[(function_id, staff_id)] for staff_id in staff_ids]
        statement.functions.append(
            FunctionRow(functions[function_id], by_staff, sum(by_staff, ZERO), function_cost[function_id])
        )
    statement.timesheets = list(counted.values())
    statement.unapproved = [item for item in unapproved.values() if item.hours != ZERO]

    for recharge in recharges.filter(employer=employer, period_start__lte=end, period_end__gte=start).order_by(
        "period_start", "pk"
    ):
        if recharge.period_start >= start and recharge.period_end <= end:
            statement.recharges.append(recharge)
            statement.recharged += recharge.amount
        else:
            statement.straddling.append(recharge)
    return statement


def statement_title(statement: RechargeStatement) -> str:
    return f"Recharge statement: {statement.employer}, {statement.start:%d/%m/%Y} to {statement.end:%d/%m/%Y}"


def statement_workbook(statement: RechargeStatement) -> Built:
    """The statement as an Excel workbook: the summary, hours by function and staff, the timesheets."""
    title = statement_title(statement)
    book = ExcelWorkbook(title)
    notes = [
        title,
        statement.verdict,
        "Only approved timesheets count; hours on timesheets not yet approved are shown but not counted.",
        OVERLAP_RULE,
    ]
    summary: list[tuple[Any, ...]] = [
        ("Approved hours given", statement.hours, None),
        ("Cost of the hours given", None, money(statement.cost)),
        ("Recharged or invoiced for the period", None, money(statement.recharged)),
        ("Difference (recharged less cost)", None, money(statement.difference)),
        ("Subsidy by the employer", None, money(statement.subsidy)),
        ("Hours not yet approved (not counted)", statement.unapproved_hours, None),
    ]
    summary += [
        (f"Recharge counted: {recharge.reference or 'no reference'} ({_period(recharge)})", None, recharge.amount)
        for recharge in statement.recharges
    ]
    summary += [
        (
            f"Recharge straddling the period, not counted: {recharge.reference or 'no reference'} ({_period(recharge)})",
            None,
            recharge.amount,
        )
        for recharge in statement.straddling
    ]
    book.sheet(
        "Summary", ["Figure", "Hours", "Amount (£)"], summary, money_columns=(2,), widths=[70, 12, 16], notes=notes
    )

    names = [str(column.staff) for column in statement.staff]
    rows: list[list[Any]] = [
        [row.function.name, *row.hours_by_staff, row.hours, money(row.cost)] for row in statement.functions
    ]
    rows.append(["Total", *(column.hours for column in statement.staff), statement.hours, money(statement.cost)])
    rows.append(["Cost (£)", *(money(column.cost) for column in statement.staff), None, None])
    rates = [f"{column.staff}: £{column.staff.cost_rate:,.2f} an hour" for column in statement.staff]
    book.sheet(
        "Hours by function and staff",
        ["Function", *names, "Total hours", "Cost (£)"],
        rows,
        money_columns=(len(names) + 2,),
        widths=[60, *([16] * len(names)), 14, 16],
        notes=["Cost rates: " + "; ".join(rates) if rates else "No approved hours in the period."],
    )
    book.sheet(
        "Timesheets counted",
        [
            "Staff member",
            "Week beginning",
            "Approved by",
            "Approved on",
            "Hours in the period",
            "Cost rate (£)",
            "Cost (£)",
        ],
        [
            [
                str(item.timesheet.staff),
                item.timesheet.week_start,
                str(item.timesheet.approved_by or ""),
                cell_text(item.timesheet.approved_at),
                item.hours,
                item.timesheet.staff.cost_rate,
                money(item.cost),
            ]
            for item in statement.timesheets
        ],
        money_columns=(5, 6),
        widths=[28, 16, 24, 18, 18, 14, 14],
    )
    if statement.unapproved:
        book.sheet(
            "Not yet approved",
            ["Staff member", "Week beginning", "Status", "Hours in the period (not counted)"],
            [
                [str(item.timesheet.staff), item.timesheet.week_start, item.timesheet.get_status_display(), item.hours]
                for item in statement.unapproved
            ],
            widths=[28, 16, 22, 24],
        )
    filename = f"recharge-statement-{statement.employer}-{statement.start:%Y%m%d}-{statement.end:%Y%m%d}"
    return book.build(filename)


def _period(recharge: Recharge) -> str:
    return f"{recharge.period_start:%d/%m/%Y} to {recharge.period_end:%d/%m/%Y}"
