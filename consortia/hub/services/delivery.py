"""Who delivers the hub's tasks: allocating them (RACI) and reading the matrix with its flags.

The matrix reads three queries whatever its size: the active tasks (with their functions), the
deliverers (with their job roles, organisations and whether each organisation is a member), and
the allocations. Its flags are what a board would ask about: tasks nobody does, tasks nobody
signs off, tasks signed off by several, people asked for more hours than they have, and members
put in charge of overseeing members.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef

from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation
from consortia.hub.choices import DelivererKind, Raci
from consortia.hub.models import Deliverer, HubFunction, HubTask, TaskAllocation

# The matrix's columns: the hub's own roles first, then governance, then organisations.
KIND_ORDER = {
    DelivererKind.JOB_ROLE: 0,
    DelivererKind.BOARD: 1,
    DelivererKind.COMMITTEE: 2,
    DelivererKind.MEMBER: 3,
    DelivererKind.EXTERNAL: 4,
}
LEADING = (Raci.RESPONSIBLE, Raci.ACCOUNTABLE)


@transaction.atomic
def allocate(task: HubTask, deliverer: Deliverer, raci: str, hours: Decimal | None, user: Any) -> TaskAllocation | None:
    """Set, change or (with no letter) clear who does what on one task. Returns the allocation."""
    existing = TaskAllocation.objects.select_for_update().filter(task=task, deliverer=deliverer).first()
    if not raci:
        if existing is not None:
            existing.delete()
        return None
    if task.retired:
        raise ValidationError(f"“{task}” is retired; bring it back before giving it to anyone.")
    allocation = existing or TaskAllocation(task=task, deliverer=deliverer)
    allocation.raci = raci
    allocation.hours_per_month = hours if hours is not None else Decimal(0)
    allocation.full_clean()
    allocation.stamp(user)
    allocation.save()
    return allocation


# -- the matrix ------------------------------------------------------------------------------------


@dataclass
class Column:
    deliverer: Deliverer
    is_member: bool  # a member organisation (by kind, or by the organisation's directory role)
    hours: Decimal = Decimal(0)

    @property
    def capacity(self) -> Decimal | None:
        return self.deliverer.capacity

    @property
    def over_capacity(self) -> bool:
        capacity = self.capacity
        return capacity is not None and self.hours > capacity


@dataclass
class Cell:
    task: HubTask
    column: Column
    allocation: TaskAllocation | None = None

    @property
    def conflict(self) -> bool:
        return (
            self.allocation is not None
            and self.allocation.raci in LEADING
            and self.task.oversees_members
            and self.column.is_member
        )

    @property
    def anchor(self) -> str:
        return f"cell-{self.task.pk}-{self.column.deliverer.pk}"


@dataclass
class Row:
    task: HubTask
    cells: list[Cell]

    def letters(self) -> list[str]:
        return [cell.allocation.raci for cell in self.cells if cell.allocation is not None]

    @property
    def no_responsible(self) -> bool:
        return Raci.RESPONSIBLE not in self.letters()

    @property
    def no_accountable(self) -> bool:
        return Raci.ACCOUNTABLE not in self.letters()

    @property
    def many_accountable(self) -> bool:
        return self.letters().count(Raci.ACCOUNTABLE) > 1

    @property
    def conflicts(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.conflict]

    @property
    def problems(self) -> list[str]:
        found = []
        if self.no_responsible:
            found.append("No one responsible")
        if self.no_accountable:
            found.append("No one accountable")
        if self.many_accountable:
            found.append("More than one accountable")
        if self.conflicts:
            found.append("Conflict of interest")
        return found


@dataclass
class Group:
    function: HubFunction
    rows: list[Row] = field(default_factory=list)


@dataclass
class FlagItem:
    text: str
    anchor: str


@dataclass
class Flag:
    code: str
    title: str
    explanation: str
    items: list[FlagItem]

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class Matrix:
    groups: list[Group]
    columns: list[Column]

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]

    @cached_property
    def flags(self) -> list[Flag]:
        rows = self.rows
        return [
            Flag(
                "no_responsible",
                "Tasks with no one responsible",
                "Nobody has been given the work (R).",
                [FlagItem(str(row.task), f"task-{row.task.pk}") for row in rows if row.no_responsible],
            ),
            Flag(
                "no_accountable",
                "Tasks with no one accountable",
                "Nobody signs the work off (A).",
                [FlagItem(str(row.task), f"task-{row.task.pk}") for row in rows if row.no_accountable],
            ),
            Flag(
                "many_accountable",
                "Tasks with more than one accountable",
                "Only one can sign the work off; more than one A blurs who answers for it.",
                [FlagItem(str(row.task), f"task-{row.task.pk}") for row in rows if row.many_accountable],
            ),
            Flag(
                "over_capacity",
                "Deliverers over their capacity",
                "Their hours a month on these tasks exceed the hours they have.",
                [
                    FlagItem(
                        f"{column.deliverer}: {column.hours} hours a month allocated, {column.capacity} available",
                        f"deliverer-{column.deliverer.pk}",
                    )
                    for column in self.columns
                    if column.over_capacity
                ],
            ),
            Flag(
                "conflict",
                "Conflicts of interest",
                "A member organisation is responsible or accountable for a task that oversees members' work.",
                [
                    FlagItem(
                        f"{cell.column.deliverer} is {cell.allocation.get_raci_display().split(' ')[0].lower()} "
                        f"for “{cell.task}”",
                        cell.anchor,
                    )
                    for row in rows
                    for cell in row.conflicts
                    if cell.allocation is not None
                ],
            ),
        ]

    @property
    def flag_count(self) -> int:
        return sum(flag.count for flag in self.flags)

    def flag(self, code: str) -> Flag:
        return next(flag for flag in self.flags if flag.code == code)


def member_organisation() -> Any:
    """An expression: the deliverer's organisation has the directory role "member"."""
    return Exists(
        Organisation.roles.through.objects.filter(
            organisation_id=OuterRef("organisation_id"), organisationrole__code=OrganisationRoleCode.MEMBER
        )
    )


def raci_matrix(user: Any) -> Matrix:
    """The active tasks by function against every deliverer, as `user` may see them (3 queries)."""
    tasks = list(
        HubTask.objects.restrict(user, "view")
        .filter(retired=False)
        .select_related("function")
        .order_by("function__order", "function__name", "order", "pk")
    )
    deliverers = sorted(
        Deliverer.objects.restrict(user, "view")
        .select_related("job_role", "organisation")
        .annotate(organisation_is_member=member_organisation()),
        key=lambda deliverer: (KIND_ORDER.get(deliverer.kind, 9), deliverer.name.lower()),
    )
    allocations = TaskAllocation.objects.restrict(user, "view").filter(task__retired=False)
    by_cell = {(a.task_id, a.deliverer_id): a for a in allocations}
    columns = [
        Column(d, d.kind == DelivererKind.MEMBER or bool(getattr(d, "organisation_is_member", False)))
        for d in deliverers
    ]
    groups: dict[int, Group] = {}
    hours: dict[int, Decimal] = defaultdict(Decimal)
    for task in tasks:
        group = groups.setdefault(task.function_id, Group(task.function))
        cells = []
        for column in columns:
            allocation = by_cell.get((task.pk, column.deliverer.pk))
            if allocation is not None:
                hours[column.deliverer.pk] += allocation.hours_per_month or Decimal(0)
            cells.append(Cell(task, column, allocation))
        group.rows.append(Row(task, cells))
    for column in columns:
        column.hours = hours[column.deliverer.pk]
    return Matrix(list(groups.values()), columns)


def matrix_workbook(matrix: Matrix) -> Any:
    """The matrix as an Excel workbook: the grid, then its flags."""
    from consortia.documents.builders import ExcelWorkbook

    book = ExcelWorkbook("Who delivers the hub's tasks (RACI)")
    headers = ["Function", "Task", "Oversees members", *[str(c.deliverer) for c in matrix.columns], "Flags"]
    rows = []
    for group in matrix.groups:
        for row in group.rows:
            letters = [
                (
                    f"{cell.allocation.raci} ({cell.allocation.hours_per_month} h)"
                    if cell.allocation.hours_per_month
                    else cell.allocation.raci
                )
                if cell.allocation is not None
                else ""
                for cell in row.cells
            ]
            rows.append(
                [group.function.name, row.task.name, row.task.oversees_members, *letters, "; ".join(row.problems)]
            )
    totals = ["", "Hours a month allocated", "", *[column.hours for column in matrix.columns], ""]
    capacity = ["", "Hours a month available", "", *[column.capacity for column in matrix.columns], ""]
    book.sheet(
        "RACI",
        headers,
        [*rows, totals, capacity],
        notes=["R responsible (does the work), A accountable (signs it off), C consulted, I informed; hours a month."],
        widths=[30, 50, 12, *[16 for _ in matrix.columns], 40],
    )
    book.sheet(
        "Flags",
        ["Flag", "Count", "Detail"],
        [[flag.title, flag.count, "; ".join(item.text for item in flag.items)] for flag in matrix.flags],
        widths=[40, 10, 100],
    )
    return book.build("raci-matrix")
