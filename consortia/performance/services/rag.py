"""Red, amber or green for each KPI, member and period, and the roll-up to the contract.

A figure is green when it meets the "amber from" threshold (the target unless the KPI sets a
tolerance), red when it is worse than the "red from" threshold, and amber between; "worse" is
below for a KPI where higher is better and above where lower is better. A member's thresholds are
the contract's scaled by their share for counts and amounts (a member with 40% of a target of
100 and an amber threshold of 90 is amber below 36), and the contract's own for rates.

Only **validated** returns count: a figure the hub has not checked is not reported.

The **roll-up** to the contract, per KPI and period: counts and amounts are the members' sum;
rates (percentages, days, yes/no) are the members' average weighted by their share of delivery
(a plain average when no shares are set). That contract figure is rated against the contract's
target and thresholds. A contract's overall rating for a period is its **worst** KPI's (one red
KPI makes the contract red): the commissioner's view, where one failing measure is a failing
contract.

`contract_performance` reads everything for the KPI page in five queries, whatever the number of
members, KPIs and periods; `performances` does the same for several contracts at once (a
member's scorecard).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q

from consortia.contracts.models import Contract, Subcontract
from consortia.performance.choices import ADDITIVE_UNITS, Direction, Rag, ReturnStatus
from consortia.performance.models import KPI, ReturnPeriod, ReturnValue, SubcontractKPI

RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
CENTS = Decimal("0.01")


def rate(value: Decimal | None, kpi: KPI, scale: Decimal = Decimal(1)) -> str | None:
    """Red, amber or green for `value` of `kpi`, thresholds scaled by `scale` (None: no value)."""
    if value is None:
        return None
    amber = kpi.amber_from * scale
    red = None if kpi.red_threshold is None else kpi.red_threshold * scale
    if kpi.direction == Direction.HIGHER:
        if value >= amber:
            return Rag.GREEN
        return Rag.RED if red is not None and value < red else Rag.AMBER
    if value <= amber:
        return Rag.GREEN
    return Rag.RED if red is not None and value > red else Rag.AMBER


def worst(ratings: list[str | None]) -> str | None:
    found = [rating for rating in ratings if rating is not None]
    return min(found, key=lambda rating: RANK[rating]) if found else None  # type: ignore[index]


def member_scale(kpi: KPI, member_target: Decimal | None) -> Decimal:
    """How much of the contract's thresholds apply to a member: their share for counts and amounts."""
    if kpi.unit not in ADDITIVE_UNITS or member_target is None or not kpi.target:
        return Decimal(1)
    return member_target / kpi.target


def roll_up(kpi: KPI, values: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    """The contract's figure from the members' (value, share) pairs (see the module's docstring)."""
    if not values:
        return None
    if kpi.unit in ADDITIVE_UNITS:
        return sum((value for value, _ in values), Decimal(0))
    weights = sum((share for _, share in values), Decimal(0))
    if not weights:
        return (sum((value for value, _ in values), Decimal(0)) / len(values)).quantize(CENTS, ROUND_HALF_UP)
    return (sum((value * share for value, share in values), Decimal(0)) / weights).quantize(CENTS, ROUND_HALF_UP)


@dataclass
class Cell:
    value: Decimal | None
    target: Decimal | None
    rag: str | None


@dataclass
class MemberRow:
    subcontract: Any
    cells: list[Cell]


@dataclass
class KPIRows:
    kpi: KPI
    contract_cells: list[Cell]
    members: list[MemberRow] = field(default_factory=list)


@dataclass
class Performance:
    contract: Contract
    periods: list[ReturnPeriod]
    kpis: list[KPIRows]
    overall: list[str | None]  # the contract's worst rating per period


def contract_performance(contract: Contract, user: Any = None, members: Any = None) -> Performance:
    """Every KPI of `contract` against target per period, for the contract and per member.

    Five queries: the KPIs, the periods, the subcontracts (with their members), the members'
    targets and the validated values. `members`, when given, limits the rows to those
    organisations (a member's scorecard); `user` limits them to what the user may see.
    """
    return performances([contract], user, members)[0]


def performances(contracts: list[Contract], user: Any = None, members: Any = None) -> list[Performance]:
    """`contract_performance` for several contracts in the same five queries (a member's scorecard)."""
    if not contracts:
        return []
    ids = [contract.pk for contract in contracts]
    kpis: dict[int, list[KPI]] = {pk: [] for pk in ids}
    for kpi in KPI.objects.filter(contract_id__in=ids):
        kpis[kpi.contract_id].append(kpi)
    periods: dict[int, list[ReturnPeriod]] = {pk: [] for pk in ids}
    for period in ReturnPeriod.objects.filter(contract_id__in=ids):
        periods[period.contract_id].append(period)
    subcontracts_qs = Subcontract.objects.filter(contract_id__in=ids).select_related("organisation")
    if members is not None:
        subcontracts_qs = subcontracts_qs.filter(organisation__in=members)
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is not None:
        # A member's user sees only their own rows; the commissioner sees every member of theirs.
        commissioned = [contract.pk for contract in contracts if contract.commissioner_id == organisation_id]
        subcontracts_qs = subcontracts_qs.filter(Q(organisation_id=organisation_id) | Q(contract_id__in=commissioned))
    subcontracts: dict[int, list[Any]] = {pk: [] for pk in ids}
    for subcontract in subcontracts_qs:
        subcontracts[subcontract.contract_id].append(subcontract)
    sub_ids = [subcontract.pk for rows in subcontracts.values() for subcontract in rows]
    targets = {
        (row.subcontract_id, row.kpi_id): row.target
        for row in SubcontractKPI.objects.filter(subcontract_id__in=sub_ids).only("subcontract_id", "kpi_id", "target")
    }
    values: dict[tuple[int, int, int], Decimal] = {
        (subcontract_id, period_id, kpi_id): value
        for subcontract_id, period_id, kpi_id, value in ReturnValue.objects.filter(
            monitoring_return__subcontract_id__in=sub_ids, monitoring_return__status=ReturnStatus.VALIDATED
        ).values_list("monitoring_return__subcontract_id", "monitoring_return__period_id", "kpi_id", "value")
    }
    return [
        _performance(contract, kpis[contract.pk], periods[contract.pk], subcontracts[contract.pk], targets, values)
        for contract in contracts
    ]


def _performance(
    contract: Contract,
    kpis: list[KPI],
    periods: list[ReturnPeriod],
    subcontracts: list[Any],
    targets: dict[tuple[int, int], Decimal],
    values: dict[tuple[int, int, int], Decimal],
) -> Performance:
    rows = []
    for kpi in kpis:
        member_rows = []
        by_period: list[list[tuple[Decimal, Decimal]]] = [[] for _ in periods]
        for subcontract in subcontracts:
            target = targets.get((subcontract.pk, kpi.pk))
            scale = member_scale(kpi, target)
            cells = []
            for index, period in enumerate(periods):
                value = values.get((subcontract.pk, period.pk, kpi.pk))
                if value is not None:
                    by_period[index].append((value, subcontract.share))
                cells.append(Cell(value, target, rate(value, kpi, scale)))
            member_rows.append(MemberRow(subcontract, cells))
        contract_cells = []
        for index in range(len(periods)):
            figure = roll_up(kpi, by_period[index])
            contract_cells.append(Cell(figure, kpi.target, rate(figure, kpi)))
        rows.append(KPIRows(kpi, contract_cells, member_rows))
    overall = [worst([row.contract_cells[index].rag for row in rows]) for index in range(len(periods))]
    return Performance(contract, periods, rows, overall)
