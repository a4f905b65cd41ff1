"""Measures of the hub's performance, computed from live records.

A service standard ("Timesheets approved within 3 working days") names a measure here by its
code; the performance page computes it for each period and compares it with the target. A
standard without a measure has its readings entered by hand (`StandardReading`).

Adding a measure (later capabilities — opportunities, finance, performance — add theirs in
their own module, e.g. `consortia/finance/measures.py`):

    from consortia.hub.measures import measure

    @measure(
        "finance.member_payment_days",                # "<app>.<what>", stable: standards store it
        "Days from commissioner payment to member payment",
        Unit.WORKING_DAYS,                            # hub.choices.Unit
        "Average working days from a commissioner's payment to the member's, for payments in the period.",
        "finance",                                    # the hub function's code (hub/reference.py)
    )
    def member_payment_days(period_start: date, period_end: date) -> Decimal | None:
        ...  # a fixed number of queries, whatever the number of rows; None when there is no data

then import that module from its app's `AppConfig.ready()` so the measure is registered
before any page lists the measures. A measure:

- takes the first and last day of the period (both included) and returns a `Decimal` (two
  decimal places) or `None` when the period holds nothing to measure;
- reads through `Model.objects` unrestricted: it is an aggregate figure about the hub, shown
  only to users who may view service standards, never rows;
- costs a fixed number of queries (say how many in its docstring): the performance page
  computes each computed standard for six periods, and pins its query count on that;
- counts working days with `consortia.core.workdays` and turns datetimes into local dates
  (`timezone.localtime(value).date()`) before counting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from consortia.core.workdays import add_working_days, working_days_between
from consortia.hub.choices import Raci, Rag, Unit, WorkplanStatus

MeasureFunction = Callable[[date, date], Decimal | None]


@dataclass(frozen=True)
class Measure:
    code: str
    label: str
    unit: str
    description: str
    function_code: str
    function: MeasureFunction

    def __call__(self, period_start: date, period_end: date) -> Decimal | None:
        return self.function(period_start, period_end)


_registry: dict[str, Measure] = {}


def measure(code: str, label: str, unit: str, description: str, function_code: str) -> Callable[..., MeasureFunction]:
    """Register the decorated function as the measure `code`."""

    def register(function: MeasureFunction) -> MeasureFunction:
        if code in _registry and _registry[code].function is not function:
            raise ValueError(f"The measure {code!r} is registered twice.")
        _registry[code] = Measure(code, label, str(unit), description, function_code, function)
        return function

    return register


def measures() -> list[Measure]:
    """Every registered measure, by code."""
    return sorted(_registry.values(), key=lambda item: item.code)


def get(code: str) -> Measure | None:
    return _registry.get(code)


def choices() -> list[tuple[str, str]]:
    """(code, label) pairs for a form's drop-down."""
    return [(item.code, item.label) for item in measures()]


def compute(code: str, start: date, end: date) -> Decimal | None:
    """The measure `code` for the period from `start` to `end` (both included)."""
    found = _registry.get(code)
    if found is None:
        raise KeyError(f"No measure is registered as {code!r}.")
    return found(start, end)


class MeasureValues:
    """Figures of measures for periods, each (code, start, end) computed once.

    The one way pages compute measures (service standards, the business plan's indicators):
    many records sharing a measure and period cost that measure's queries once. An unknown
    code gives None.
    """

    def __init__(self) -> None:
        self._values: dict[tuple[str, date, date], Decimal | None] = {}

    def value(self, code: str, start: date, end: date) -> Decimal | None:
        key = (code, start, end)
        if key not in self._values:
            found = _registry.get(code)
            self._values[key] = found(start, end) if found is not None else None
        return self._values[key]


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def average(values: list[int]) -> Decimal | None:
    return mean(sum(values), len(values))


def mean(total: int, count: int) -> Decimal | None:
    """`total` over `count`, to two places (a database's sum and count); None when there is none."""
    if not count:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _local_date(value: datetime) -> date:
    return timezone.localtime(value).date()


def _start_of_day(day: date) -> datetime:
    """Midnight at the start of `day`, local time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _end_of_day(day: date) -> datetime:
    """The first moment after `day`, local time, for `datetime < end` filters."""
    return _start_of_day(day + timedelta(days=1))


# -- The measures the hub's own records support ------------------------------------------------


@measure(
    "hub.tasks_with_responsible",
    "Hub tasks with someone responsible (%)",
    Unit.PERCENT,
    "Of the hub tasks in use at the end of the period, the share with a deliverer marked R (responsible).",
    "performance",
)
def tasks_with_responsible(period_start: date, period_end: date) -> Decimal | None:
    """One query. Tasks and allocations count from the day they were recorded; retired tasks not at all."""
    from consortia.hub.models import HubTask, TaskAllocation

    end = _end_of_day(period_end)
    responsible = TaskAllocation.objects.filter(task=OuterRef("pk"), raci=Raci.RESPONSIBLE, created__lt=end)
    totals = HubTask.objects.filter(retired=False, created__lt=end).aggregate(
        total=Count("pk"), covered=Count("pk", filter=Q(Exists(responsible)))
    )
    return percent(totals["covered"], totals["total"])


@measure(
    "people.timesheet_approval_days",
    "Working days to approve a timesheet",
    Unit.WORKING_DAYS,
    "Average working days from a timesheet's submission to its approval, for timesheets approved in the period.",
    "finance",
)
def timesheet_approval_days(period_start: date, period_end: date) -> Decimal | None:
    """One query."""
    from consortia.people.models import Timesheet

    rows = Timesheet.objects.filter(
        approved_at__gte=_start_of_day(period_start),
        approved_at__lt=_end_of_day(period_end),
        submitted_at__isnull=False,
    ).values_list("submitted_at", "approved_at")
    return average([working_days_between(_local_date(sent), _local_date(approved)) for sent, approved in rows])


TIMESHEET_DEADLINE_DAYS = 2


@measure(
    "people.timesheets_on_time",
    "Timesheets submitted on time (%)",
    Unit.PERCENT,
    f"Of the weeks ending in the period, for each staff member employed that week, the share whose timesheet "
    f"was submitted within {TIMESHEET_DEADLINE_DAYS} working days after the week ended. Weeks whose deadline "
    "has not yet passed count only once their timesheet is in.",
    "finance",
)
def timesheets_on_time(period_start: date, period_end: date) -> Decimal | None:
    """Two queries: the staff employed in the period and their timesheets."""
    from consortia.people.models import StaffMember, Timesheet

    today = timezone.localdate()
    # Weeks run Monday to Sunday; a week belongs to the period its Sunday falls in.
    first_sunday = period_start + timedelta(days=(6 - period_start.weekday()) % 7)
    sundays = []
    sunday = first_sunday
    while sunday <= period_end:
        sundays.append(sunday)
        sunday += timedelta(days=7)
    if not sundays:
        return None
    first_monday = sundays[0] - timedelta(days=6)
    staff = list(
        StaffMember.objects.filter(start_date__lte=sundays[-1])
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first_monday))
        .values_list("pk", "start_date", "end_date")
    )
    submitted = {
        (staff_id, week_start): _local_date(sent)
        for staff_id, week_start, sent in Timesheet.objects.filter(
            staff_id__in=[pk for pk, _, _ in staff],
            week_start__gte=first_monday,
            week_start__lte=sundays[-1],
            submitted_at__isnull=False,
        ).values_list("staff_id", "week_start", "submitted_at")
    }
    weeks = on_time = 0
    for sunday in sundays:
        monday = sunday - timedelta(days=6)
        deadline = add_working_days(sunday, TIMESHEET_DEADLINE_DAYS)
        for staff_id, started, ended in staff:
            if started > sunday or (ended is not None and ended < monday):
                continue
            sent = submitted.get((staff_id, monday))
            if sent is None and deadline >= today:
                continue  # not late yet
            weeks += 1
            if sent is not None and sent <= deadline:
                on_time += 1
    return percent(on_time, weeks)


@measure(
    "people.days_to_appoint",
    "Working days from closing date to an accepted offer",
    Unit.WORKING_DAYS,
    "Average working days from a vacancy's closing date to its applicant's acceptance of the offer, "
    "for offers accepted in the period.",
    "governance",
)
def days_to_appoint(period_start: date, period_end: date) -> Decimal | None:
    """One query."""
    from consortia.people.models import Application

    rows = Application.objects.filter(offer_accepted_on__gte=period_start, offer_accepted_on__lte=period_end)
    return average(
        [
            working_days_between(closing, accepted)
            for closing, accepted in rows.values_list("vacancy__closing_date", "offer_accepted_on")
        ]
    )


@measure(
    "hub.workplan_on_track",
    "Workplan items on track (%)",
    Unit.PERCENT,
    "Of the workplan items due to end in or before the period, the share that are done, or in progress "
    "and green. Read from each item's status and RAG as they stand now.",
    "strategy",
)
def workplan_on_track(period_start: date, period_end: date) -> Decimal | None:
    """One query."""
    from consortia.hub.models import WorkplanItem

    totals = WorkplanItem.objects.filter(end_month__lte=period_end).aggregate(
        total=Count("pk"),
        on_track=Count(
            "pk",
            filter=Q(status=WorkplanStatus.DONE) | Q(status=WorkplanStatus.IN_PROGRESS, rag=Rag.GREEN),
        ),
    )
    return percent(totals["on_track"], totals["total"])
