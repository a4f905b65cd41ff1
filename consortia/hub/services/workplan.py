"""The hub's workplan: the year-1 template, the month-by-month timeline and the Excel workplan."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from openpyxl.styles import Alignment, PatternFill

from consortia.core.dates import month_start
from consortia.documents.builders import Built, ExcelWorkbook
from consortia.hub.choices import Rag, WorkplanStatus
from consortia.hub.models import HubFunction, WorkplanItem

KIND = "workplan"
# The import's columns, in order: the exported workbook's first sheet can be imported again.
COLUMNS = ("Strand", "Activity", "Lead", "Start month", "End month", "Milestone", "Success measure", "Status", "RAG")


@dataclass(frozen=True)
class TemplateItem:
    activity: str
    strand: str  # a hub function's code (hub/reference.py)
    start: int  # months after the plan's first month
    end: int
    milestone: str
    success_measure: str


# A first year of a consortium hub, after the sector's example workplans (Doncaster's, for one).
YEAR_ONE: tuple[TemplateItem, ...] = (
    TemplateItem(
        "Recruit the hub staff",
        "strategy",
        0,
        2,
        "Consortium manager in post",
        "Every hub role filled or covered by the provider by the end of month 3",
    ),
    TemplateItem(
        "Adopt the core policies and procedures",
        "policies",
        0,
        3,
        "Board adopts safeguarding, data protection, conflicts of interest and complaints policies",
        "All core policies adopted and acknowledged by members",
    ),
    TemplateItem(
        "Secure development funding",
        "funding",
        0,
        5,
        "Development grant application submitted",
        "Funding secured for the hub's first two years",
    ),
    TemplateItem(
        "Set the budget and the management fee",
        "finance",
        0,
        2,
        "Board approves the year-1 budget and top-slice rules",
        "Budget agreed and monthly management accounts produced",
    ),
    TemplateItem(
        "Agree the service standards and how performance is reviewed",
        "performance",
        1,
        2,
        "Board agrees the service standards",
        "Standards reported to every board meeting",
    ),
    TemplateItem(
        "Launch the membership offer and due diligence",
        "membership",
        1,
        4,
        "Membership prospectus and due-diligence checklist published",
        "At least 20 members recruited, each with due diligence complete",
    ),
    TemplateItem(
        "Map the commissioners and their plans",
        "influence",
        1,
        3,
        "Commissioner map and engagement plan agreed",
        "Every key commissioner met at least once",
    ),
    TemplateItem(
        "Build the bid pipeline",
        "bidding",
        3,
        11,
        "First bid submitted as a consortium",
        "A pipeline of at least five qualified opportunities",
    ),
    TemplateItem(
        "Set up contract management",
        "contracts",
        4,
        7,
        "Subcontract template and monitoring return schedule in place",
        "Ready to manage the first contract from day one",
    ),
    TemplateItem(
        "Hold the annual general meeting",
        "governance",
        11,
        11,
        "AGM held and annual report published",
        "Members approve the accounts and elect the board",
    ),
)


@transaction.atomic
def apply_year_one_template(start_month: date, user: Any) -> list[WorkplanItem]:
    """Add the year-1 template's activities to the workplan, starting in `start_month`.

    An activity the workplan already has (by name, whatever its months) is left alone, so
    applying the template twice adds nothing. Returns the items added.
    """
    start = start_month.replace(day=1)
    functions = {function.code: function for function in HubFunction.objects.all()}
    existing = {activity.lower() for activity in WorkplanItem.objects.values_list("activity", flat=True)}
    created = []
    for spec in YEAR_ONE:
        if spec.activity.lower() in existing:
            continue
        item = WorkplanItem(
            function=functions.get(spec.strand),
            activity=spec.activity,
            start_month=month_start(start, spec.start),
            end_month=month_start(start, spec.end),
            milestone=spec.milestone,
            success_measure=spec.success_measure,
        )
        item.full_clean()
        item.stamp(user)
        item.save()
        created.append(item)
    return created


def month_span(items: Sequence[WorkplanItem]) -> list[date]:
    """Every month from the earliest start to the latest end."""
    if not items:
        return []
    first = min(item.start_month for item in items).replace(day=1)
    last = max(item.end_month for item in items).replace(day=1)
    months = [first]
    while months[-1] < last:
        months.append(month_start(months[-1], 1))
    return months


BAR_CLASSES = {Rag.GREEN: "bg-success", Rag.AMBER: "bg-warning", Rag.RED: "bg-danger"}
RAG_BADGES = {Rag.GREEN: "text-bg-success", Rag.AMBER: "text-bg-warning", Rag.RED: "text-bg-danger"}


def bar_class(item: WorkplanItem) -> str:
    """A finished item is drawn grey, a deferred one pale; the rest in their RAG colour."""
    if item.status == WorkplanStatus.DONE:
        return "bg-secondary"
    if item.status == WorkplanStatus.DEFERRED:
        return "bg-secondary-subtle"
    return BAR_CLASSES.get(Rag(item.rag), "bg-primary")


@dataclass(frozen=True)
class TimelineCell:
    month: date
    active: bool
    css: str


@dataclass(frozen=True)
class TimelineRow:
    item: WorkplanItem
    cells: list[TimelineCell]
    rag_badge: str


@dataclass(frozen=True)
class Timeline:
    months: list[date]
    this_month: date
    groups: list[tuple[HubFunction | None, list[TimelineRow]]]


def timeline(items: Iterable[WorkplanItem], today: date | None = None) -> Timeline:
    """Rows grouped by strand (in the functions' order, then items without one), a cell a month."""
    items = list(items)
    this_month = (today or timezone.localdate()).replace(day=1)
    months = month_span(items)
    strands: dict[int | None, tuple[HubFunction | None, list[TimelineRow]]] = {}
    ordered = sorted(
        items,
        key=lambda item: (
            item.function is None,
            item.function.order if item.function else 0,
            item.function_id or 0,
            item.start_month,
            item.activity,
        ),
    )
    for item in ordered:
        colour = bar_class(item)
        cells = []
        for month in months:
            active = item.start_month <= month <= item.end_month
            css = colour if active else ("table-primary" if month == this_month else "")
            cells.append(TimelineCell(month, active, css))
        strands.setdefault(item.function_id, (item.function, []))[1].append(
            TimelineRow(item, cells, RAG_BADGES.get(Rag(item.rag), "text-bg-secondary"))
        )
    return Timeline(months, this_month, list(strands.values()))


def month_label(month: date) -> str:
    return f"{month:%b %Y}"


def item_row(item: WorkplanItem) -> list[Any]:
    """An item in the import's columns."""
    return [
        item.function.name if item.function else "",
        item.activity,
        item.lead.name if item.lead else "",
        month_label(item.start_month),
        month_label(item.end_month),
        item.milestone,
        item.success_measure,
        item.get_status_display(),
        item.get_rag_display(),
    ]


GRID_FILLS = {"bg-success": "70AD47", "bg-warning": "FFC000", "bg-danger": "C00000", "bg-secondary": "A6A6A6"}


def build_workplan_workbook(items: Sequence[WorkplanItem], today: date | None = None) -> Built:
    """The workplan as Excel: the items in the import's columns, then a month-by-month grid."""
    workbook = ExcelWorkbook("Hub workplan")
    workbook.sheet(
        "Workplan",
        COLUMNS,
        [item_row(item) for item in items],
        widths=[40, 45, 28, 12, 12, 45, 45, 14, 8],
    )
    plan = timeline(items, today)
    headers = ["Strand", "Activity", "Status", "RAG", *(month_label(month) for month in plan.months)]
    grid_rows = [
        [
            row.item.function.name if row.item.function else "",
            row.item.activity,
            row.item.get_status_display(),
            row.item.get_rag_display(),
            *(("■" if cell.active else "") for cell in row.cells),
        ]
        for _, rows in plan.groups
        for row in rows
    ]
    sheet = workbook.sheet(
        "Timeline",
        headers,
        grid_rows,
        widths=[30, 40, 12, 8, *([9] * len(plan.months))],
        notes=["Each ■ is a month the activity is under way, coloured by its RAG (grey when done)."],
    )
    first_row = 3  # the note, the header, then the items
    ordered = [row for _, rows in plan.groups for row in rows]
    for offset, row in enumerate(ordered):
        for column, cell in enumerate(row.cells, start=5):
            target = sheet.cell(row=first_row + offset, column=column)
            target.alignment = Alignment(horizontal="center")
            fill = GRID_FILLS.get(cell.css) if cell.active else None
            if fill:
                target.fill = PatternFill("solid", fgColor=fill)
    return workbook.build("hub-workplan")
